/**
 * Delivery results flow back to the desktops: the replicated message a row drives gets its new
 * `deliveryStatus` (pending → sent, or failed/unreachable with an i18n reason) at a new seq with a
 * NOTIFY, exactly like a pushed change — written in groups with the settle transaction's COMMIT
 * (./settlements.ts, migration 270). An unreachable applicant is remembered per network
 * account and chat; the desktop shows the appeal's other contacts (phone, e-mail, postal address)
 * next to a message marked `unreachable`, and the reason key says so.
 */
import type { Queryable } from '../db/pool';
import type { ClaimedMessage } from './types';

/** i18n keys stored in `deliveryError`. */
export const deliveryErrors = {
  unreachable: 'bot:delivery.unreachable',
  failed: 'bot:delivery.failed',
  noChannel: 'bot:delivery.noChannel',
  noAccount: 'work:delivery.noAccount',
  /** The network or mail relay refused a file of the answer (too large, or a type it does not take). */
  fileRefused: 'work:delivery.fileRefused',
} as const;

export async function markUnreachable(tx: Queryable, message: ClaimedMessage, error: string): Promise<void> {
  await tx.query(
    `INSERT INTO outbox_unreachable (org_id, network, account_id, peer_id, error)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (network, account_id, peer_id) DO UPDATE SET error = EXCLUDED.error, since = now()`,
    [message.orgId, message.network, message.accountId, message.peerId, error.slice(0, 500)],
  );
}
