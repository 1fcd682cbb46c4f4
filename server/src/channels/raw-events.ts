/**
 * The raw-event store of the webhooks: the one write a network waits for. A webhook is answered as
 * soon as its raw event is committed (`inbound_events`, unique per account and network event id);
 * normalisation into the inbox and the bot's answer follow from the stored event
 * (./inbound-queue.ts).
 *
 * Events that arrive while earlier inserts are in flight are written together by ONE multi-row
 * `INSERT … ON CONFLICT DO NOTHING` (one round trip and one WAL flush for the batch), and every
 * caller learns after that commit whether its event was new (its id) or a redelivery (`null`).
 * A lone event is never delayed: with a free slot it is written at once, as a batch of one. One bad
 * payload (invalid JSON for jsonb) fails only itself: a failed batch is retried event by event
 * (the server's one batch committer, ../db/batch-committer.ts).
 */
import type pg from 'pg';
import { BatchCommitter } from '../db/batch-committer';
import type { Queryable } from '../db/pool';
import { sanitiseJsonText } from '../http/json';
import type { ChannelAccount } from './types';

interface Pending {
  accountId: string;
  network: string;
  externalId: string;
  payload: string;
}

export interface RawEventWriterOptions {
  /** Inserts in flight at once (default 2: one commits while the next batch gathers). */
  concurrency?: number;
  /** Events per insert at most (default 256). */
  maxBatch?: number;
}

/**
 * The stored form of a raw body (SQL over the jsonb parameter): without a top-level `secret`,
 * which the VK Callback API repeats in every event body (finding 3) — it is the account's
 * credential, kept in `channel_accounts` only.
 */
export const storedPayloadSql = (param: string) => `(${param}::jsonb - 'secret')`;

/**
 * Finding 3: the wizard took this event's text (a name, the passport line, contacts…) into its
 * own keeping — the passport encrypted —, so the stored raw event must not keep it in clear. Every
 * `text`/`caption` string in the payload becomes "[removed]" (migration 290); ids, dates and
 * attachments stay. Runs in the caller's transaction.
 */
export async function removeMessageTexts(db: Queryable, rawEventId: string): Promise<void> {
  if (!/^\d{1,19}$/.test(rawEventId)) return;
  await db.query('UPDATE inbound_events SET payload = okno_without_texts(payload) WHERE id = $1', [
    rawEventId,
  ]);
}

export class RawEventWriter {
  private readonly committer: BatchCommitter<Pending, string | null>;

  constructor(
    private readonly db: pg.Pool,
    options: RawEventWriterOptions = {},
  ) {
    this.committer = new BatchCommitter((batch) => this.write(batch), {
      concurrency: options.concurrency ?? 2,
      maxBatch: options.maxBatch ?? 256,
    });
  }

  /** Webhook requests waiting for their raw event's commit (the inbox yields to them: ./inbound-queue.ts). */
  get waiting(): number {
    return this.committer.pending;
  }

  /**
   * Stores the raw event, waiting for its commit: the new row's id, or `null` when the network had
   * delivered this event before (same account and event id).
   */
  store(account: ChannelAccount, externalId: string, rawJson: string): Promise<string | null> {
    return this.committer.submit({
      accountId: account.id,
      network: account.network,
      externalId,
      // jsonb refuses U+0000 and unpaired surrogates; the rest stays byte for byte (64-bit ids).
      payload: sanitiseJsonText(rawJson),
    });
  }

  private async write(batch: Pending[]): Promise<(string | null)[]> {
    const inserted = await this.db.query<{ id: string; channel_account_id: string; external_id: string }>({
      // Named: parsed and planned once per connection; the arrays make any batch size one statement.
      name: 'okno-inbound-events-batch',
      text: `INSERT INTO inbound_events (channel_account_id, network, external_id, payload)
             SELECT a, n, x, ${storedPayloadSql('p')} FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t (a, n, x, p)
             ON CONFLICT (channel_account_id, external_id) DO NOTHING
             RETURNING id, channel_account_id, external_id`,
      values: [
        batch.map((e) => e.accountId),
        batch.map((e) => e.network),
        batch.map((e) => e.externalId),
        batch.map((e) => e.payload),
      ],
    });
    const ids = new Map(inserted.rows.map((r) => [`${r.channel_account_id}\u0000${r.external_id}`, r.id]));
    return batch.map((event) => {
      const key = `${event.accountId}\u0000${event.externalId}`;
      const id = ids.get(key) ?? null;
      // The same event twice in one batch: the first caller owns the new row, the second is a redelivery.
      ids.delete(key);
      return id;
    });
  }
}
