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
 * back and each of its events runs again alone, so one bad event fails only itself.
 */
import type pg from 'pg';
import { type IntakeWrite, intakeBatchSql } from '../intake/store';

export type IntakeWork<T> = (tx: pg.PoolClient, defer: (write: IntakeWrite) => void) => Promise<T>;

interface Job {
  key: string;
  work: IntakeWork<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface OrgQueue {
  waiting: Job[];
  running: number;
  /** Keys of the events in open transactions. */
  busy: Set<string>;
}

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
  private readonly orgs = new Map<string, OrgQueue>();
  private readonly concurrency: number;
  private readonly maxBatch: number;

  constructor(
    private readonly db: pg.Pool,
    options: GroupCommitOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 2;
    this.maxBatch = options.maxBatch ?? 64;
  }

  /** Runs `work` in a transaction of the organisation; settles after that transaction committed. */
  submit<T>(orgId: string, key: string, work: IntakeWork<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let queue = this.orgs.get(orgId);
      if (!queue) {
        queue = { waiting: [], running: 0, busy: new Set() };
        this.orgs.set(orgId, queue);
      }
      queue.waiting.push({ key, work, resolve: resolve as (value: unknown) => void, reject });
      this.pump(orgId, queue);
    });
  }

  private pump(orgId: string, queue: OrgQueue): void {
    while (queue.running < this.concurrency && queue.waiting.length > 0) {
      const batch = this.take(queue);
      if (batch.length === 0) return; // every waiting event's conversation is in an open transaction
      queue.running += 1;
      void this.runBatch(orgId, batch).finally(() => {
        for (const job of batch) queue.busy.delete(job.key);
        queue.running -= 1;
        if (queue.running === 0 && queue.waiting.length === 0) this.orgs.delete(orgId);
        else this.pump(orgId, queue);
      });
    }
  }

  /** The oldest waiting events whose conversations are free, at most one per conversation. */
  private take(queue: OrgQueue): Job[] {
    const batch: Job[] = [];
    const rest: Job[] = [];
    for (const job of queue.waiting) {
      if (batch.length < this.maxBatch && !queue.busy.has(job.key)) {
        queue.busy.add(job.key);
        batch.push(job);
      } else rest.push(job);
    }
    queue.waiting = rest;
    return batch;
  }

  private async runBatch(orgId: string, batch: Job[]): Promise<void> {
    try {
      const results = await this.transaction(orgId, batch);
      for (const [i, job] of batch.entries()) job.resolve(results[i]);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      for (const job of batch) {
        try {
          const [result] = await this.transaction(orgId, [job]);
          job.resolve(result);
        } catch (alone) {
          job.reject(alone);
        }
      }
    }
  }

  private async transaction(orgId: string, batch: Job[]): Promise<unknown[]> {
    const client = await this.db.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const writes: IntakeWrite[] = [];
      const defer = (write: IntakeWrite) => writes.push(write);
      const results: unknown[] = [];
      for (const job of batch) results.push(await job.work(client, defer));
      const sql =
        writes.length > 0
          ? `${intakeBatchSql(orgId, writes, (text) => client.escapeLiteral(text))}; COMMIT`
          : 'COMMIT';
      const done = (await client.query(sql)) as pg.QueryResult | pg.QueryResult[];
      // COMMIT of a transaction aborted by a swallowed error answers ROLLBACK without an error.
      const last = Array.isArray(done) ? done.at(-1) : done;
      if (last?.command !== 'COMMIT') throw new Error('the intake transaction was rolled back');
      return results;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
