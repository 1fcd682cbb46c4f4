/**
 * The outbox table: enqueue (inside the caller's transaction, so a reply exists exactly when the
 * change that caused it commits), claim and settle.
 *
 * Claiming: one statement marks up to `limit` due rows `sending` under FOR UPDATE SKIP LOCKED and
 * commits, so no other process can take them. Only the oldest unfinished row of each chat is
 * eligible, so a chat's messages go out in order and never two at a time. A process that dies
 * mid-send leaves a `sending` row whose claim expires after `claimTtlMs`; it is sent again then
 * (at-least-once: VK's random_id makes that repeat invisible, other networks may show it twice).
 */
import type { Queryable } from '../db/pool';
import { newId } from '../ids';
import type { ClaimedMessage, OutboundMessage } from './types';

const claimTtlMs = 60_000;

export async function enqueue(db: Queryable, message: OutboundMessage): Promise<string> {
  const id = newId();
  await db.query(
    `INSERT INTO outbox_messages (id, org_id, network, account_id, peer_id, kind, text, attachments,
                                  keyboard, message_id, appeal_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      id,
      message.orgId,
      message.network,
      message.accountId,
      message.peerId,
      message.kind,
      message.text,
      JSON.stringify(message.attachments ?? []),
      message.keyboard ? JSON.stringify(message.keyboard) : null,
      message.messageId ?? null,
      message.appealId ?? null,
    ],
  );
  return id;
}

interface Row {
  id: string;
  org_id: string;
  network: ClaimedMessage['network'];
  account_id: string;
  peer_id: string;
  kind: ClaimedMessage['kind'];
  text: string;
  attachments: ClaimedMessage['attachments'];
  keyboard: ClaimedMessage['keyboard'];
  idempotency_key: string;
  attempts: number;
  parts_sent: number;
  message_id: string | null;
  appeal_id: string | null;
}

const toClaimed = (row: Row): ClaimedMessage => ({
  id: row.id,
  orgId: row.org_id,
  network: row.network,
  accountId: row.account_id,
  peerId: row.peer_id,
  kind: row.kind,
  text: row.text,
  attachments: row.attachments ?? [],
  keyboard: row.keyboard,
  idempotencyKey: Number(row.idempotency_key),
  attempts: row.attempts,
  partsSent: row.parts_sent,
  messageId: row.message_id,
  appealId: row.appeal_id,
});

/** Claims due rows (the head of each chat's queue); each comes back with `attempts` counted. */
export async function claim(db: Queryable, limit: number): Promise<ClaimedMessage[]> {
  const result = await db.query<Row>(
    `WITH due AS (
       SELECT o.id FROM outbox_messages o
        WHERE o.status IN ('pending', 'sending') AND o.next_attempt_at <= now()
          AND (o.status = 'pending' OR o.locked_until < now())
          AND NOT EXISTS (
            SELECT 1 FROM outbox_messages p
             WHERE p.network = o.network AND p.account_id = o.account_id AND p.peer_id = o.peer_id
               AND p.status IN ('pending', 'sending') AND p.seq < o.seq)
        ORDER BY o.next_attempt_at, o.seq
        LIMIT $1
        FOR UPDATE SKIP LOCKED
     )
     UPDATE outbox_messages m
        SET status = 'sending', attempts = m.attempts + 1,
            locked_until = now() + make_interval(secs => $2 / 1000.0), updated_at = now()
       FROM due WHERE m.id = due.id
     RETURNING m.*`,
    [limit, claimTtlMs],
  );
  return result.rows.map(toClaimed);
}

/** Marks the row sent; the chat is reachable again if it was marked otherwise. */
export async function markSent(
  db: Queryable,
  id: string,
  networkMessageId: string | null,
  chat: Pick<ClaimedMessage, 'network' | 'accountId' | 'peerId'>,
): Promise<void> {
  await db.query(
    `WITH sent AS (
       UPDATE outbox_messages SET status = 'sent', network_message_id = $2, sent_at = now(), locked_until = NULL,
              last_error = NULL, updated_at = now()
        WHERE id = $1)
     DELETE FROM outbox_unreachable WHERE network = $3 AND account_id = $4 AND peer_id = $5`,
    [id, networkMessageId, chat.network, chat.accountId, chat.peerId],
  );
}

export async function markRetry(
  db: Queryable,
  id: string,
  error: string,
  delayMs: number,
  partsSent: number,
): Promise<void> {
  await db.query(
    `UPDATE outbox_messages SET status = 'pending', last_error = $2, parts_sent = $4, locked_until = NULL,
            next_attempt_at = now() + make_interval(secs => $3 / 1000.0), updated_at = now()
      WHERE id = $1`,
    [id, error.slice(0, 500), delayMs, partsSent],
  );
}

export async function markFinal(
  db: Queryable,
  id: string,
  status: 'failed' | 'unreachable',
  error: string,
  partsSent: number,
): Promise<void> {
  await db.query(
    `UPDATE outbox_messages SET status = $2, last_error = $3, parts_sent = $4, locked_until = NULL,
            updated_at = now()
      WHERE id = $1`,
    [id, status, error.slice(0, 500), partsSent],
  );
}

/** Exponential back-off with jitter: 2 s, 4 s, 8 s … capped at 10 minutes. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(600_000, 2_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
