/**
 * What the scale-out suites share: a fresh database with an organisation and two real server
 * processes on it (./server-process.ts) started with the same secrets, so each accepts the other's
 * tokens like replicas behind a load balancer; and signing in through either (or a balancer).
 *
 *   const replicas = await startReplicas();
 *   const writer = await replicas.as('supervisor', replicas.processes[0]);
 *   await replicas.stop();
 */
import { createTestDatabase, loginAs, seedTestOrg, type TestDatabase, type TestOrg } from '../setup/db';
import type { SyncTarget } from './client';
import { newSecrets, type ServerProcess, startServerProcess } from './server-process';

export interface Replicas {
  database: TestDatabase;
  org: TestOrg;
  processes: [ServerProcess, ServerProcess];
  /** A session of the organisation's `user` on `base` (a process, or a balancer in front of them). */
  as(user: keyof TestOrg['users'], base: { url: string }): Promise<SyncTarget>;
  /** Stops both processes, then drops the database. */
  stop(): Promise<void>;
}

export async function startReplicas(): Promise<Replicas> {
  const database = await createTestDatabase();
  const org = await seedTestOrg(database.pool);
  const secrets = newSecrets();
  const started = await Promise.allSettled([
    startServerProcess(database.url, secrets),
    startServerProcess(database.url, secrets),
  ]);
  const running = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const stop = async () => {
    await Promise.all(running.map((p) => p.stop()));
    await database.drop();
  };
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  return {
    database,
    org,
    processes: running as [ServerProcess, ServerProcess],
    async as(user, base) {
      const session = await loginAs(base, org.users[user]);
      return { url: base.url, headers: session.headers };
    },
    stop,
  };
}
