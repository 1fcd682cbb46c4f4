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
 * again one by one, so one bad row fails alone.
 */
import type pg from 'pg';
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

interface Job {
  work: Settlement;
  resolve(): void;
  reject(error: unknown): void;
}

export class Settlements {
  private waiting: Job[] = [];
  private running = false;

  constructor(
    private readonly db: pg.Pool,
    private readonly maxBatch = 64,
  ) {}

  /** Runs `work` in a settle transaction; resolves after that transaction committed. */
  submit(work: Settlement): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ work, resolve, reject });
      if (!this.running) void this.pump();
    });
  }

  private async pump(): Promise<void> {
    this.running = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      await this.runBatch(batch);
    }
    this.running = false;
  }

  private async runBatch(batch: Job[]): Promise<void> {
    try {
      await this.transaction(batch);
      for (const job of batch) job.resolve();
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      for (const job of batch) {
        try {
          await this.transaction([job]);
          job.resolve();
        } catch (alone) {
          job.reject(alone);
        }
      }
    }
  }

  private async transaction(batch: Job[]): Promise<void> {
    const client = await this.db.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const updates: DeliveryStatusUpdate[] = [];
      for (const job of batch) {
        const update = await job.work(client);
        if (Array.isArray(update)) updates.push(...update);
        else if (update) updates.push(update);
      }
      const sql =
        updates.length > 0
          ? `SELECT okno_outbox_delivery_batch(${client.escapeLiteral(JSON.stringify(updates))}::jsonb); COMMIT`
          : 'COMMIT';
      const done = (await client.query(sql)) as pg.QueryResult | pg.QueryResult[];
      // COMMIT of a transaction aborted by a swallowed error answers ROLLBACK without an error.
      const last = Array.isArray(done) ? done.at(-1) : done;
      if (last?.command !== 'COMMIT') throw new Error('the outbox settle transaction was rolled back');
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
