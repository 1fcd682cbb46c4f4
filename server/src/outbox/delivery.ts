/**
 * Delivery results flow back to the desktops: the replicated message a row drives gets its new
 * `deliveryStatus` (pending → sent, or failed/unreachable with an i18n reason) at a new seq with a
 * NOTIFY, exactly like a pushed change. An unreachable applicant is remembered per network
 * account and chat; the desktop shows the appeal's other contacts (phone, e-mail, postal address)
 * next to a message marked `unreachable`, and the reason key says so.
 */
import type { Queryable } from '../db/pool';
import { notifyChange } from '../sync/notifier';
import type { ClaimedMessage, OutboxStatus } from './types';

/** i18n keys (namespace `bot`) stored in `deliveryError`. */
export const deliveryErrors = {
  unreachable: 'bot:delivery.unreachable',
  failed: 'bot:delivery.failed',
  noChannel: 'bot:delivery.noChannel',
} as const;

/** Must run inside a transaction (the sync seq takes the organisation's transaction lock). */
export async function setDeliveryStatus(
  tx: Queryable,
  orgId: string,
  messageId: string,
  status: Exclude<OutboxStatus, 'pending' | 'sending'>,
  error: string | null,
): Promise<boolean> {
  const result = await tx.query(
    `UPDATE sync_messages
        SET seq = okno_sync_next_seq(org_id), updated_at = now(),
            doc = doc || jsonb_build_object('deliveryStatus', $3::text, 'deliveryError', $4::text,
                   'updatedAt', greatest((doc->>'updatedAt')::bigint + 1,
                                         (extract(epoch FROM clock_timestamp()) * 1000)::bigint))
      WHERE org_id = $1 AND id = $2
        AND (doc->>'deliveryStatus' IS DISTINCT FROM $3 OR doc->>'deliveryError' IS DISTINCT FROM $4)`,
    [orgId, messageId, status, error],
  );
  if ((result.rowCount ?? 0) === 0) return false;
  await notifyChange(tx, orgId);
  return true;
}

export async function markUnreachable(tx: Queryable, message: ClaimedMessage, error: string): Promise<void> {
  await tx.query(
    `INSERT INTO outbox_unreachable (org_id, network, account_id, peer_id, error)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (network, account_id, peer_id) DO UPDATE SET error = EXCLUDED.error, since = now()`,
    [message.orgId, message.network, message.accountId, message.peerId, error.slice(0, 500)],
  );
}

export async function isUnreachable(
  db: Queryable,
  network: string,
  accountId: string,
  peerId: string,
): Promise<boolean> {
  const result = await db.query(
    'SELECT 1 FROM outbox_unreachable WHERE network = $1 AND account_id = $2 AND peer_id = $3',
    [network, accountId, peerId],
  );
  return (result.rowCount ?? 0) > 0;
}
