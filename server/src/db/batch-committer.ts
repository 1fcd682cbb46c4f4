/**
 * Committing writes in groups. A commit costs a WAL flush, and a replicated write also holds its
 * organisation's sync lock until that flush (server/src/sync/README.md), so one transaction per
 * item caps a busy writer at one item per fsync. Here the items that arrive while earlier commits
 * are in flight are written together: one commit for the group, and each caller's promise settles
 * only after it. A lone item is never delayed: with a free slot it is committed at once, as a group
 * of one. When a group fails (one bad item, a deadlock, a lost connection) each of its items is
 * committed again alone, so one bad item fails only itself.
 *
 * Used by the intake's group commit (server/src/channels/group-commit.ts), the webhooks' raw-event
 * store (server/src/channels/raw-events.ts) and the outbox's settlements
 * (server/src/outbox/settlements.ts).
 *
 * Lanes commit independently (the intake: one per organisation, whose lock its groups take). Items
 * with the same key are never in two open groups of a lane, nor twice in one group (the intake: a
 * conversation's writes must be in the database before its next message reads them).
 */
import type pg from 'pg';

export interface BatchCommitterOptions {
  /** Groups of one lane in flight at once (2: one commits while the next one gathers). */
  concurrency: number;
  /** Items per group at most. */
  maxBatch: number;
}

/** Commits a group of items of one lane; answers one result per item, in order, after the commit. */
export type CommitGroup<I, R> = (items: I[], lane: string) => Promise<R[]>;

interface Job<I, R> {
  item: I;
  key: string | undefined;
  resolve(result: R): void;
  reject(error: unknown): void;
}

interface Lane<I, R> {
  waiting: Job<I, R>[];
  running: number;
  /** Keys of the items in open groups. */
  busy: Set<string>;
}

export class BatchCommitter<I, R> {
  private readonly lanes = new Map<string, Lane<I, R>>();
  private unsettled = 0;

  /** Items submitted and not yet settled (waiting, or in a group being committed). */
  get pending(): number {
    return this.unsettled;
  }

  constructor(
    private readonly commit: CommitGroup<I, R>,
    private readonly options: BatchCommitterOptions,
  ) {}

  /** Commits `item` with the others waiting in its lane; settles after that commit. */
  submit(item: I, where: { lane?: string; key?: string } = {}): Promise<R> {
    const laneId = where.lane ?? '';
    this.unsettled += 1;
    const settled = () => {
      this.unsettled -= 1;
    };
    return new Promise<R>((resolve, reject) => {
      let lane = this.lanes.get(laneId);
      if (!lane) {
        lane = { waiting: [], running: 0, busy: new Set() };
        this.lanes.set(laneId, lane);
      }
      lane.waiting.push({
        item,
        key: where.key,
        resolve: (result) => {
          settled();
          resolve(result);
        },
        reject: (error) => {
          settled();
          reject(error);
        },
      });
      this.pump(laneId, lane);
    });
  }

  private pump(laneId: string, lane: Lane<I, R>): void {
    while (lane.running < this.options.concurrency && lane.waiting.length > 0) {
      const group = this.take(lane);
      if (group.length === 0) return; // every waiting item's key is in an open group
      lane.running += 1;
      void this.run(laneId, group).finally(() => {
        for (const job of group) if (job.key !== undefined) lane.busy.delete(job.key);
        lane.running -= 1;
        if (lane.running === 0 && lane.waiting.length === 0) this.lanes.delete(laneId);
        else this.pump(laneId, lane);
      });
    }
  }

  /** The oldest waiting items whose keys are free, at most one per key. */
  private take(lane: Lane<I, R>): Job<I, R>[] {
    const group: Job<I, R>[] = [];
    const rest: Job<I, R>[] = [];
    for (const job of lane.waiting) {
      if (group.length < this.options.maxBatch && (job.key === undefined || !lane.busy.has(job.key))) {
        if (job.key !== undefined) lane.busy.add(job.key);
        group.push(job);
      } else rest.push(job);
    }
    lane.waiting = rest;
    return group;
  }

  private async run(laneId: string, group: Job<I, R>[]): Promise<void> {
    try {
      const results = await this.commit(
        group.map((job) => job.item),
        laneId,
      );
      for (const [i, job] of group.entries()) job.resolve(results[i] as R);
    } catch (error) {
      if (group.length === 1) {
        group[0]!.reject(error);
        return;
      }
      for (const job of group) {
        try {
          const [result] = await this.commit([job.item], laneId);
          job.resolve(result as R);
        } catch (alone) {
          job.reject(alone);
        }
      }
    }
  }
}

/**
 * One transaction on its own connection: `body` runs after BEGIN and may hand back SQL to run with
 * COMMIT in the same round trip. A transaction aborted by an error `body` swallowed answers COMMIT
 * with ROLLBACK and no error; that throws here (`what` names it). A connection whose ROLLBACK failed
 * is not given back to the pool.
 */
export async function inTransaction<T>(
  db: pg.Pool,
  what: string,
  body: (tx: pg.PoolClient) => Promise<{ value: T; withCommit?: string }>,
): Promise<T> {
  const client = await db.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const { value, withCommit } = await body(client);
    const done = (await client.query(withCommit ? `${withCommit}; COMMIT` : 'COMMIT')) as
      | pg.QueryResult
      | pg.QueryResult[];
    const last = Array.isArray(done) ? done.at(-1) : done;
    if (last?.command !== 'COMMIT') throw new Error(`the ${what} transaction was rolled back`);
    return value;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
