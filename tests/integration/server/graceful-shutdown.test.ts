import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import path from 'node:path';
import { createTestDatabase, seedTestOrg, startTestServer, testPassword } from '../setup/db';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves `reached` when a test route calls `arrived()`: the request is in its handler. */
function arrival() {
  let arrived: () => void = () => {};
  const reached = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  return { reached, arrived: () => arrived() };
}

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await sleep(5);
  }
}

describe('graceful shutdown', () => {
  it('finishes an in-flight request, ends live streams, then refuses new connections', async () => {
    let streamEnded = false;
    const slow = arrival();
    const server = await startTestServer({
      setup(app) {
        app.get('/test/slow', async () => {
          slow.arrived();
          await sleep(400);
          return { done: true };
        });
        // A live stream like the replication SSE: it ends itself through the shutdown registry.
        app.get('/test/stream', (_request, reply) => {
          reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
          reply.raw.write('data: hello\n\n');
          const stop = app.okno.onShutdown(() => {
            streamEnded = true;
            reply.raw.end();
          });
          reply.raw.on('close', stop);
          return reply;
        });
      },
    });
    const stream = await fetch(`${server.url}/test/stream`);
    const reader = stream.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('hello');

    const inFlight = fetch(`${server.url}/test/slow`);
    // Shut down once the request is in its handler (a fixed pause could start the drain before a
    // slow machine had even accepted the connection).
    await slow.reached;
    const started = Date.now();
    const closing = server.close();

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    expect((await reader.read()).done).toBe(true);
    expect(streamEnded).toBe(true);
    await closing;
    expect(Date.now() - started).toBeLessThan(3_000);
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });

  it('closes the connection after the in-flight response; a request pipelined behind it is not started', async () => {
    const slow = arrival();
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const server = await startTestServer({
      setup(app) {
        app.get('/test/slow', async () => {
          slow.arrived();
          // Answers once the test has pipelined its second request (fixed pauses raced on a slow machine).
          await released;
          return { done: true };
        });
      },
    });
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk;
    });
    const socketClosed = once(socket, 'close');
    try {
      await once(socket, 'connect');
      socket.write('GET /test/slow HTTP/1.1\r\nHost: x\r\n\r\n');
      await slow.reached;
      const closing = server.close();
      await waitUntil(() => server.app.okno.closing);
      // Pipelined behind the in-flight request on the same keep-alive socket, during the drain; the
      // pause lets the server read it before the first response goes out.
      socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
      await sleep(50);
      release();
      await socketClosed;
      await closing;
    } finally {
      release();
    }
    // The client sees a closed connection and retries on another process; if a request does get
    // through to the router during the drain it is answered 503 `shutting_down`.
    const responses = received.split(/(?=HTTP\/1\.1 )/);
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatch(/^HTTP\/1\.1 200/);
    expect(responses[0]!.toLowerCase()).toContain('connection: close');
    expect(responses[0]).toContain('{"done":true}');
  });

  describe('the server process (npm run server)', () => {
    let child: ChildProcess | undefined;
    afterEach(() => {
      if (child && child.exitCode === null) child.kill('SIGKILL');
    });

    it('on SIGTERM completes the request in progress and exits 0', async () => {
      const database = await createTestDatabase();
      try {
        const org = await seedTestOrg(database.pool);
        const root = path.resolve(import.meta.dirname, '..', '..', '..');
        child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
          cwd: root,
          env: {
            ...process.env,
            DATABASE_URL: database.url,
            PORT: '0',
            OKNO_TOKEN_SECRET: 'x'.repeat(40),
            OKNO_PD_KEYS: `k1:${Buffer.alloc(32, 3).toString('base64')}`,
            OKNO_PD_HASH_KEY: Buffer.alloc(32, 4).toString('base64'),
            OKNO_LOG_LEVEL: 'info',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stderr!.on('data', (chunk) => {
          output += chunk;
        });
        const url = await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 30_000);
          child!.stdout!.on('data', (chunk: Buffer) => {
            output += chunk;
            const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
            if (match) {
              clearTimeout(timer);
              resolve(match[1]!);
            }
          });
        });
        expect((await fetch(`${url}/ready`)).status).toBe(200);

        // A login takes ~80 ms of password hashing: SIGTERM is sent as soon as the server logs that
        // the request arrived, so it lands while the login is in progress.
        const arrived = new Promise<void>((resolve) => {
          const check = () => {
            if (output.includes('"url":"/api/v1/auth/login"')) resolve();
            else setTimeout(check, 2);
          };
          check();
        });
        const login = fetch(`${url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login: org.users.admin.login, password: testPassword }),
        });
        await arrived;
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        const response = await login;
        expect(response.status).toBe(200);
        expect((await response.json()).user.id).toBe(org.users.admin.id);
        const [code] = await exited;
        expect(code).toBe(0);
        expect(output).toContain('shutting down');
        expect(output).toContain('"msg":"stopped"');
      } finally {
        await database.drop();
      }
    });
  });
});
