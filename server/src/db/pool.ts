import pg from 'pg';

export function createPool(databaseUrl: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max, idleTimeoutMillis: 30_000 });
  // An idle client losing its connection (e.g. PostgreSQL restarting) must not crash the process;
  // the pool replaces it and the next query reports the problem.
  pool.on('error', () => {});
  return pool;
}

/** Runs `work` in a transaction on one client; rolls back on any error. */
export async function inTransaction<T>(db: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;
