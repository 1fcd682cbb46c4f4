/**
 * Settling delivered rows in groups. A row whose replicated message gets a new `deliveryStatus`
 * takes the organisation's sync lock, which PostgreSQL releases only after the commit's WAL flush
 * (server/src/sync/README.md) — one settle transaction per sent message meant one lock-holding
 * fsync per message, and every webhook intake batch of the organisation waited behind them
 * (measured: ~57 ms per status update under load).
 *
 * So the settlements that arrive while one is committing are written together, like the intake's
 * group commit (server/src/channels/group-commit.ts): ONE transaction runs each row's own
 * statements (outbox row, unreachable chat, e-mail threading) in turn, and the delivery statuses of
 * all of them go out with COMMIT in one round trip (`okno_outbox_delivery_batch`, migration 270:
 * one lock hold per organisation, one NOTIFY each). Each caller's promise settles after that
 * commit. A lone settlement runs at once; a failed group is rolled back and its settlements run
 * again one by one, so one bad row fails alone (the server's one batch committer,
 * ../db/batch-committer.ts, one group in flight).
 */
import type pg from 'pg';
import { BatchCommitter, inTransaction } from '../db/batch-committer';
import type { OutboxStatus } from './types';

export interface DeliveryStatusUpdate {
  orgId: string;
  messageId: string;
  status: Exclude<OutboxStatus, 'pending' | 'sending'>;
  /** i18n key (./delivery.ts `deliveryErrors`), null when sent. */
  error: string | null;
}

/** A row's statements inside the group's transaction; returns its messages' new statuses, if any. */
export type Settlement = (tx: pg.PoolClient) => Promise<DeliveryStatusUpdate | DeliveryStatusUpdate[] | null>;

export class Settlements {
  private readonly committer: BatchCommitter<Settlement, void>;

  constructor(db: pg.Pool, maxBatch = 64) {
    this.committer = new BatchCommitter(
      (batch) =>
        inTransaction(db, 'outbox settle', async (client) => {
          const updates: DeliveryStatusUpdate[] = [];
          for (const work of batch) {
            const update = await work(client);
            if (Array.isArray(update)) updates.push(...update);
            else if (update) updates.push(update);
          }
          return {
            value: batch.map(() => undefined),
            withCommit:
              updates.length > 0
                ? `SELECT okno_outbox_delivery_batch(${client.escapeLiteral(JSON.stringify(updates))}::jsonb)`
                : undefined,
          };
        }),
      { concurrency: 1, maxBatch },
    );
  }

  /** Runs `work` in a settle transaction; resolves after that transaction committed. */
  submit(work: Settlement): Promise<void> {
    return this.committer.submit(work);
  }
}
