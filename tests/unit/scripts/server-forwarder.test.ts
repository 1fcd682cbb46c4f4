import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serverForwarder } from '../../../scripts/server-forwarder';
import { connectionProblemOf } from '../../../shared/bridge/server-address';
import { testCertificate } from '../../integration/setup/test-certificate';

// The web shell's forwarder (a middleware of Vite's dev and preview servers) against real HTTP servers:
// an upstream standing in for the chosen Okno server, and the web shell's own origin.
type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );

describe('the web shell forwarder (scripts/server-forwarder.ts)', () => {
  const seen: { url: string; method: string; cookie: string | undefined; body: string }[] = [];
  let upstream: Server;
  let origin: Server;
  let upstreamUrl: string;
  let originUrl: string;

  beforeAll(async () => {
    upstream = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        seen.push({
          url: request.url ?? '',
          method: request.method ?? '',
          cookie: request.headers.cookie,
          body,
        });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ status: 'ok', service: 'okno', version: '0.1.0', api: 1, echo: body }));
      });
    });
    upstreamUrl = await listen(upstream);
    let middleware: Middleware | undefined;
    const hook = serverForwarder().configurePreviewServer as (server: unknown) => void;
    hook({ middlewares: { use: (used: Middleware) => (middleware = used) } });
    origin = createServer((request, response) =>
      middleware!(request, response, () => {
        response.writeHead(299);
        response.end('left to the default proxy');
      }),
    );
    originUrl = await listen(origin);
  });
  afterAll(async () => {
    await new Promise((resolve) => upstream.close(resolve));
    await new Promise((resolve) => origin.close(resolve));
  });
  beforeEach(() => {
    seen.length = 0;
  });

  const cookie = (address: string) => ({ cookie: `theme=dark; okno-server=${encodeURIComponent(address)}` });

  it('leaves a request without a chosen address to the default proxy (OKNO_SERVER_URL of a demo start)', async () => {
    const response = await fetch(`${originUrl}/api/v1/me`);
    expect(response.status).toBe(299);
    expect(seen).toEqual([]);
  });

  it("forwards /api, /health and /ready to the tab's chosen server, body included, without the tab's cookies", async () => {
    const posted = await fetch(`${originUrl}/api/v1/auth/login?x=1`, {
      method: 'POST',
      headers: { ...cookie(upstreamUrl), 'content-type': 'application/json' },
      body: '{"login":"demo-operator"}',
    });
    expect(posted.status).toBe(200);
    expect((await posted.json()).echo).toBe('{"login":"demo-operator"}');
    await fetch(`${originUrl}/ready`, { headers: cookie(upstreamUrl) });
    expect(seen).toEqual([
      { url: '/api/v1/auth/login?x=1', method: 'POST', cookie: undefined, body: '{"login":"demo-operator"}' },
      { url: '/ready', method: 'GET', cookie: undefined, body: '' },
    ]);
  });

  it('probes the /health of an address named in x-okno-server (before it is remembered), and only /health', async () => {
    const probed = await fetch(`${originUrl}/health`, { headers: { 'x-okno-server': upstreamUrl } });
    expect(await probed.json()).toMatchObject({ service: 'okno' });
    const notAProbe = await fetch(`${originUrl}/api/v1/me`, { headers: { 'x-okno-server': upstreamUrl } });
    expect(notAProbe.status).toBe(299);
    expect(seen.map((request) => request.url)).toEqual(['/health']);
  });

  it('never forwards over plain http to another host', async () => {
    const response = await fetch(`${originUrl}/health`, {
      headers: { 'x-okno-server': 'http://example.org' },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('server_address_refused');
    const byCookie = await fetch(`${originUrl}/api/v1/me`, { headers: cookie('http://10.0.0.5:8787') });
    expect(byCookie.status).toBe(400);
  });

  it('says why nothing answered, so the window tells an unreachable server from a TLS failure', async () => {
    const closed = createServer();
    const closedUrl = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const response = await fetch(`${originUrl}/health`, { headers: { 'x-okno-server': closedUrl } });
    expect(response.status).toBe(502);
    const failure = response.headers.get('x-okno-forwarder');
    expect(failure).toMatch(/ECONNREFUSED/);
    expect(connectionProblemOf(new Error(failure!))).toBe('unreachable');
  });

  it('reports an https server whose certificate is not trusted (self-signed) as a TLS failure', async () => {
    const untrusted = createHttpsServer(testCertificate(), (_request, response) => {
      response.end('{"status":"ok","service":"okno","version":"0.1.0","api":1}');
    });
    const port = (await listen(untrusted as unknown as Server)).split(':').at(-1);
    try {
      const response = await fetch(`${originUrl}/health`, {
        headers: { 'x-okno-server': `https://127.0.0.1:${port}` },
      });
      expect(response.status).toBe(502);
      const failure = response.headers.get('x-okno-forwarder');
      expect(connectionProblemOf(new Error(failure!)), failure!).toBe('tls');
    } finally {
      await new Promise((resolve) => untrusted.close(resolve));
    }
  });

  it('serves the app itself (not a server path) untouched', async () => {
    expect((await fetch(`${originUrl}/index.html`, { headers: cookie(upstreamUrl) })).status).toBe(299);
    expect(seen).toEqual([]);
  });
});
