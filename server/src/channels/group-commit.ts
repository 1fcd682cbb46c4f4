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

/**
 * An event's work in the group's transaction. `claimed` answers the event's claim (`submit`'s
 * `claim`): true when this transaction took the stored event, false when another attempt had
 * already processed it; true when nothing was to be claimed.
 */
export type IntakeWork<T> = (
  tx: pg.PoolClient,
  defer: (write: IntakeWrite) => void,
  claimed: boolean,
) => Promise<T>;

/** A stored webhook event to mark processed (inbound_events) in the transaction that normalises it. */
export interface IntakeClaim {
  rawEventId: string;
  /** What normalisation made of it ('message', 'ignored:<reason>', …). */
  outcome: string;
}

interface Submitted {
  work: IntakeWork<unknown>;
  claim: IntakeClaim | undefined;
}

/**
 * Claims a group's stored events in ONE statement at the start of its transaction (not one UPDATE
 * round trip per event): the ids that were still unprocessed. In id order, so two processes'
 * groups lock shared rows in the same order.
 */
async function claimAll(tx: pg.PoolClient, batch: readonly Submitted[]): Promise<Set<string>> {
  const claims = batch.flatMap((s) => (s.claim ? [s.claim] : []));
  if (claims.length === 0) return new Set();
  claims.sort((a, b) => (BigInt(a.rawEventId) < BigInt(b.rawEventId) ? -1 : 1));
  const claimed = await tx.query<{ id: string }>({
    name: 'okno-inbound-claim-group',
    text: `UPDATE inbound_events e SET processed_at = now(), outcome = c.outcome
             FROM unnest($1::bigint[], $2::text[]) AS c (id, outcome)
            WHERE e.id = c.id AND e.processed_at IS NULL AND e.outcome IS NULL
        RETURNING e.id`,
    values: [claims.map((c) => c.rawEventId), claims.map((c) => c.outcome)],
  });
  return new Set(claimed.rows.map((r) => String(r.id)));
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
  private readonly committer: BatchCommitter<Submitted, unknown>;

  constructor(db: pg.Pool, options: GroupCommitOptions = {}) {
    this.committer = new BatchCommitter(
      (batch, orgId) =>
        inTransaction(db, 'intake', async (client) => {
          const writes: IntakeWrite[] = [];
          const defer = (write: IntakeWrite) => writes.push(write);
          const results: unknown[] = [];
          const claimed = await claimAll(client, batch);
          for (const { work, claim } of batch)
            results.push(await work(client, defer, claim ? claimed.has(claim.rawEventId) : true));
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

  /**
   * Runs `work` in a transaction of the organisation; settles after that transaction committed.
   * `claim`: the stored event this work normalises, claimed with the group's others (`claimed`).
   */
  submit<T>(orgId: string, key: string, work: IntakeWork<T>, claim?: IntakeClaim): Promise<T> {
    return this.committer.submit({ work, claim }, { lane: orgId, key }) as Promise<T>;
  }
}
