/**
 * Group commit of inbound events. Every replicated write of an organisation takes its sync lock
 * (seq order = commit order, server/src/sync/README.md), and PostgreSQL releases that lock only
 * after the commit's WAL flush — so with one transaction per event an organisation can never take
 * more than one event per fsync (measured: ~200 events/s, every other request queued on the lock).
 *
 * Here the events that arrive while earlier transactions are busy are written together: ONE
 * transaction runs each event's work in turn on one connection, the replicated writes of all of
 * them go out with COMMIT in one round trip (`okno_intake_write_batch`: one lock hold, one NOTIFY),
 * and every event's promise settles only after that commit — the caller acknowledges the network
 * then, never earlier. A lone event is never delayed: with a free slot it runs at once, as a batch
 * of one.
 *
 * Events with the same key (the conversation: account + chat) are never in two open transactions,
 * nor twice in one batch: a conversation's deferred writes must be in the database before its next
 * message reads them, and two batches locking each other's conversations would deadlock.
 *
 * When a batch fails (one event's normalisation threw, a deadlock, a lost connection), it is rolled
 * back and each of its events runs again alone, so one bad event fails only itself. The batching is
 * the server's one batch committer (../db/batch-committer.ts), one lane per organisation.
 */
import type pg from 'pg';
import { BatchCommitter, inTransaction } from '../db/batch-committer';
import { type IntakeWrite, intakeBatchSql } from '../intake/store';

export type IntakeWork<T> = (tx: pg.PoolClient, defer: (write: IntakeWrite) => void) => Promise<T>;

export interface GroupCommitOptions {
  /**
   * Transactions of one organisation open at once (default 2: one commits while the next one
   * gathers and prepares its events; more only split the load into smaller batches that queue on
   * the organisation's lock, one fsync each).
   */
  concurrency?: number;
  /** Events per transaction at most (default 64). */
  maxBatch?: number;
}

export class GroupCommit {
  private readonly committer: BatchCommitter<IntakeWork<unknown>, unknown>;

  constructor(db: pg.Pool, options: GroupCommitOptions = {}) {
    this.committer = new BatchCommitter(
      (batch, orgId) =>
        inTransaction(db, 'intake', async (client) => {
          const writes: IntakeWrite[] = [];
          const defer = (write: IntakeWrite) => writes.push(write);
          const results: unknown[] = [];
          for (const work of batch) results.push(await work(client, defer));
          return {
            value: results,
            withCommit:
              writes.length > 0
                ? intakeBatchSql(orgId, writes, (text) => client.escapeLiteral(text))
                : undefined,
          };
        }),
      { concurrency: options.concurrency ?? 2, maxBatch: options.maxBatch ?? 64 },
    );
  }

  /** Runs `work` in a transaction of the organisation; settles after that transaction committed. */
  submit<T>(orgId: string, key: string, work: IntakeWork<T>): Promise<T> {
    return this.committer.submit(work, { lane: orgId, key }) as Promise<T>;
  }
}
