/**
 * The transaction of one bot event, shaped around the organisation's sync lock.
 *
 * Every replicated write takes that lock, and PostgreSQL releases it only after the commit's WAL
 * flush (server/src/sync/README.md); the webhook intake batches its writes behind it
 * (server/src/channels/group-commit.ts). A bot reaction that wrote its thread message mid-way
 * (measured: ~58 ms waiting for the lock under load) kept every intake batch of the organisation
 * waiting through its remaining round trips. So here the replicated writes are only collected
 * (`defer`), and go out in the same simple-query round trip as `COMMIT`, after the statements
 * that need no lock (the session row): `okno_intake_write_batch` (migration 201) takes the lock,
 * writes with fresh seqs and queues one NOTIFY, and the COMMIT right behind it releases the lock.
 * The reply still exists exactly when its step committed: it is all one transaction.
 *
 * `BEGIN` travels with the transaction's first statement (`begin`), so a plain message costs the
 * bot three round trips: lock the session, read the thread's scope + enqueue, commit.
 */
import type pg from 'pg';
import { type IntakeWrite, intakeBatchSql } from '../intake/store';

export class BotTransaction {
  private readonly writes: IntakeWrite[] = [];
  private readonly statements: string[] = [];
  private begun = false;

  constructor(
    readonly client: pg.PoolClient,
    private readonly orgId: string,
  ) {}

  /** A string as a SQL literal, for the statements sent with BEGIN or COMMIT (simple queries take no parameters). */
  literal(text: string): string {
    return this.client.escapeLiteral(text);
  }

  /** Opens the transaction; `sql` (literals only) runs in the same round trip. Returns its results. */
  async begin(sql?: string): Promise<pg.QueryResult[]> {
    if (this.begun) throw new Error('the bot transaction is already open');
    this.begun = true;
    if (!sql) {
      await this.client.query('BEGIN');
      return [];
    }
    const results = (await this.client.query(`BEGIN; ${sql}`)) as unknown as pg.QueryResult[];
    return results.slice(1);
  }

  /** A replicated write, applied under the organisation's sync lock by the commit's round trip. */
  defer(write: IntakeWrite): void {
    this.writes.push(write);
  }

  /** A statement (literals only) that needs no sync lock, sent with COMMIT before the replicated writes. */
  atCommit(sql: string): void {
    this.statements.push(sql);
  }

  async commit(): Promise<void> {
    const sql = [
      ...(this.begun ? [] : ['BEGIN']),
      ...this.statements,
      ...(this.writes.length > 0 ? [intakeBatchSql(this.orgId, this.writes, (t) => this.literal(t))] : []),
      'COMMIT',
    ].join('; ');
    this.begun = true;
    const done = (await this.client.query(sql)) as pg.QueryResult | pg.QueryResult[];
    // COMMIT of a transaction aborted by a swallowed error answers ROLLBACK without an error.
    const last = Array.isArray(done) ? done.at(-1) : done;
    if (last?.command !== 'COMMIT') throw new Error('the bot transaction was rolled back');
  }
}

/** Runs `work` in a bot transaction and commits it (with its deferred writes); rolls back on error. */
export async function inBotTransaction<T>(
  db: pg.Pool,
  orgId: string,
  work: (tx: BotTransaction) => Promise<T>,
): Promise<T> {
  const client = await db.connect();
  const tx = new BotTransaction(client, orgId);
  let broken = false;
  try {
    const result = await work(tx);
    await tx.commit();
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
