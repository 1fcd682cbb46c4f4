/**
 * Versioned SQL migrations (node-pg-migrate) in server/migrations/. Two number ranges share the
 * folder: 001–099 for the core schema, 100+ for replication. Because both ranges grow in parallel,
 * a migration may be added "before" one already applied; order checking is therefore off and each
 * migration must not depend on a later-numbered one.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import pg from 'pg';

const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');
const migrationsTable = 'pgmigrations';

type MigrationLog = (message: string) => void;

/** Applies every pending migration; safe to run concurrently from several processes (advisory lock). */
export async function migrate(databaseUrl: string, log: MigrationLog = () => {}): Promise<string[]> {
  // Our own client, ended (and awaited) here: the runner's own client is closed without waiting,
  // and an embedded cluster stopped right after would kill it with an unhandled 'error' event.
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    const applied = await runMigrations(client, log);
    return applied;
  } finally {
    await client.end();
  }
}

async function runMigrations(dbClient: pg.Client, log: MigrationLog): Promise<string[]> {
  const applied = await runner({
    dbClient,
    dir: migrationsDir,
    migrationsTable,
    direction: 'up',
    checkOrder: false,
    singleTransaction: true,
    advisoryLockMode: 'wait',
    log,
    logger: { debug: log, info: log, warn: log, error: log },
  });
  return applied.map((m) => m.name);
}

/** Migration names on disk (file names without extension), sorted. */
function migrationNames(): string[] {
  return readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => f.replace(/\.sql$/, ''))
    .sort();
}

/** Names of migrations on disk that the database has not applied yet (for /ready). */
export async function pendingMigrations(db: pg.Pool): Promise<string[]> {
  const exists = await db.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [
    migrationsTable,
  ]);
  const applied = new Set<string>();
  if (exists.rows[0]?.ok) {
    const rows = await db.query<{ name: string }>(`SELECT name FROM ${migrationsTable}`);
    for (const row of rows.rows) applied.add(row.name);
  }
  return migrationNames().filter((name) => !applied.has(name));
}
