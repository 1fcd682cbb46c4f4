/**
 * Opens the configured database: the external DATABASE_URL, or the embedded cluster in
 * `${DATA_DIR}/postgres` (initialised on first use, reused afterwards, shared with a server that
 * already runs it). Used by main.ts and by the admin CLI. It also gives the process the keys of
 * the channel secrets (channels/secrets.ts) and seals any stored in the clear.
 */
import path from 'node:path';
import type pg from 'pg';
import { sealClearChannelSecrets, setChannelSecretKeys } from '../channels/secrets';
import { ensureDataDir, type ServerConfig } from '../config';
import { type RunningPostgres, startEmbeddedPostgres } from './embedded';
import { migrate } from './migrate';
import { createPool } from './pool';

const embeddedDatabaseName = 'okno';

export interface OpenDatabase {
  url: string;
  pool: pg.Pool;
  embedded: RunningPostgres | null;
  /** Ends the pool, then stops the embedded cluster if this process started it. */
  close(): Promise<void>;
}

export async function openDatabase(
  config: ServerConfig,
  options: { migrate: boolean },
): Promise<OpenDatabase> {
  let embedded: RunningPostgres | null = null;
  let url = config.databaseUrl;
  if (url === null) {
    ensureDataDir(config.dataDir);
    embedded = await startEmbeddedPostgres({
      databaseDir: path.join(config.dataDir, 'postgres'),
      port: config.embeddedPgPort,
      password: config.embeddedPgPassword,
    });
    await ensureDatabase(embedded, embeddedDatabaseName);
    url = embedded.urlFor(embeddedDatabaseName);
  }
  try {
    if (options.migrate) await migrate(url);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  const pool = createPool(url);
  // Channel secrets are sealed under the personal-data keys; rows an older server wrote in the
  // clear are sealed now (channels/secrets.ts), before anything reads them.
  setChannelSecretKeys(config.personalDataKeys);
  if (options.migrate) {
    try {
      await sealClearChannelSecrets(pool);
    } catch (error) {
      await pool.end().catch(() => {});
      await embedded?.stop();
      throw error;
    }
  }
  const running = embedded;
  return {
    url,
    pool,
    embedded,
    async close() {
      await pool.end().catch(() => {});
      if (running?.owned) await running.stop();
    },
  };
}

async function ensureDatabase(cluster: RunningPostgres, name: string): Promise<void> {
  const admin = createPool(cluster.adminUrl, 1);
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
}
