/**
 * The one change a desktop may make to a stored message: a postal answer (`replyVia: 'post'`) waits
 * `pending` for staff to print and mail the letter, since nothing electronic will ever deliver it;
 * the official who mailed it marks it `sent`. Every other field stays as the server stored it.
 */

import { awaitsMailing } from '../../../shared/model/conversation';
import type { FieldChange } from '../audit/audit';
import { boundedEditTime, changedKeys, type SyncDoc } from '../sync/docs';

/** The fields the mailing mark changes; any other difference is an edit, which messages refuse. */
const mailingFields: readonly string[] = ['deliveryStatus', 'deliveryError', 'updatedAt'];

/** Whether `proposed` is `master` marked mailed and nothing else. */
export function isPostalMailing(master: SyncDoc, proposed: SyncDoc): boolean {
  return (
    awaitsMailing(master) &&
    proposed.deliveryStatus === 'sent' &&
    proposed.deliveryError === null &&
    changedKeys(master, proposed).every((key) => mailingFields.includes(key))
  );
}

/**
 * The state to store: the master marked mailed. `updatedAt` never goes back, so a desktop whose
 * clock is behind gets the stored state back as a conflict instead of an older timestamp, and never
 * passes the server's clock (`now`).
 */
export function mailedState(master: SyncDoc, proposed: SyncDoc, now = Date.now()): SyncDoc {
  return {
    ...master,
    deliveryStatus: 'sent',
    deliveryError: null,
    updatedAt: boundedEditTime(proposed.updatedAt, master.updatedAt, now),
  };
}

/** The audit fields of the mark: old → new of the delivery fields. */
export function mailingAuditFields(master: SyncDoc, stored: SyncDoc): Record<string, FieldChange> {
  return {
    deliveryStatus: { old: master.deliveryStatus ?? null, new: stored.deliveryStatus },
    deliveryError: { old: master.deliveryError ?? null, new: stored.deliveryError },
  };
}
