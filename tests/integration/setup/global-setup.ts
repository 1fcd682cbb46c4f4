/**
 * Vitest global setup of the `integration` project: ONE real PostgreSQL for the whole run.
 * - TEST_DATABASE_URL set (a superuser URL of any database on a server you provide): used as is.
 * - otherwise: an embedded PostgreSQL in a fresh temp dir on a free port, stopped and deleted at
 *   teardown.
 * Tests get the admin URL with `inject('pgAdminUrl')` (see ./db.ts, which creates one database per
 * test file or test).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, startEmbeddedPostgres } from '../../../server/src/db/embedded';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    project.provide('pgAdminUrl', external);
    return async () => {};
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'okno-test-pg-'));
  // When run as root PostgreSQL runs as the `postgres` user, which must reach the cluster folder.
  chmodSync(dir, 0o755);
  const cluster = await startEmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port: await freePort(),
    password: 'okno-test',
    ephemeral: true,
    // A throw-away cluster: durability is not needed, speed is.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
  });
  project.provide('pgAdminUrl', cluster.adminUrl);
  return async () => {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
