/**
 * A real server process (`server/src/main.ts`, as `npm run server` runs it) on a given database, for
 * scale-out tests and the sync benchmark. Processes started with the same `secrets` accept each
 * other's tokens, like replicas behind a load balancer.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../server/src/db/embedded';
import type { PersonalDataKey } from '../../../server/src/personal-data';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface ServerSecrets {
  OKNO_TOKEN_SECRET: string;
  OKNO_PD_KEYS: string;
  OKNO_PD_HASH_KEY: string;
}

/**
 * Fresh secrets; `personalDataKey` when the calling process writes what the server must read with
 * it (channel secrets sealed by createChannelAccount, server/src/channels/secrets.ts).
 */
export function newSecrets(
  personalDataKey: PersonalDataKey = { id: 'test', key: randomBytes(32) },
): ServerSecrets {
  return {
    OKNO_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    OKNO_PD_KEYS: `${personalDataKey.id}:${personalDataKey.key.toString('base64')}`,
    OKNO_PD_HASH_KEY: randomBytes(32).toString('base64'),
  };
}

export interface ServerProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startServerProcess(
  databaseUrl: string,
  secrets: ServerSecrets,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      ...secrets,
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      OKNO_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk) => {
    errors = `${errors}${chunk}`.slice(-4000);
  });
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${errors}`);
    if (Date.now() - started > 60_000) throw new Error(`server did not start: ${errors}`);
    const ready = await fetch(`${url}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    pid: child.pid!,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface Balancer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** scripts/balancer.mjs (round-robin, streams passed through) in front of `upstreams`. */
export async function startBalancer(upstreams: readonly { url: string }[]): Promise<Balancer> {
  const child = spawn(
    process.execPath,
    ['scripts/balancer.mjs', '--port', '0', ...upstreams.map((u) => u.url)],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let errors = '';
  child.stderr.on('data', (chunk) => {
    errors = `${errors}${chunk}`.slice(-4000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening (\d+)\n/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`balancer exited with ${code}: ${errors}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
