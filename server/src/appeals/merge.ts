/**
 * Three-way merge of a pushed appeal whose assumed master is stale (another official changed it
 * meanwhile). Per top-level field:
 * - changed only by the client → the client's value;
 * - changed only on the server, or to the same value on both sides → the server's value;
 * - changed on both sides to different values → the field's rule:
 *   - `status`: the client's target is kept for now and replayed by the status machine from the
 *     current master status — it wins only if that transition is legal for the user;
 *   - `assigneeId`: the later edit wins: the client's `updatedAt`, bounded by the server's clock and
 *     by the state it edited (`boundedEditTime`), against the master's `updatedAt` (itself stored
 *     bounded), so a client cannot date its edit into the future to win;
 *   - every other field (texts, routing, outcome…): the server's value wins.
 * Fields the client lost are reported back as a `concurrentEdit` refusal.
 */
import { boundedEditTime, deepEqual } from '../sync/docs';
import { type Refusal, refusalCodes } from '../sync/refusal';

type Doc = Record<string, unknown>;

export interface MergeOutcome {
  doc: Doc;
  refusal: Refusal | null;
}

export function mergeAppeal(assumed: Doc, proposed: Doc, master: Doc, now: number): MergeOutcome {
  const merged: Doc = { ...master };
  const lost: string[] = [];
  const keys = new Set([...Object.keys(master), ...Object.keys(proposed)]);
  for (const key of keys) {
    if (key === '_meta' || key === '_rev' || key === '_attachments') continue;
    const clientChanged = !deepEqual(assumed[key], proposed[key]);
    if (!clientChanged) continue;
    const serverChanged = !deepEqual(assumed[key], master[key]);
    if (!serverChanged || deepEqual(proposed[key], master[key])) {
      merged[key] = proposed[key];
      continue;
    }
    if (key === 'status') {
      merged[key] = proposed[key];
    } else if (
      key === 'assigneeId' &&
      boundedEditTime(proposed.updatedAt, assumed.updatedAt, now) > Number(master.updatedAt)
    ) {
      merged[key] = proposed[key];
    } else {
      lost.push(key);
    }
  }
  if (lost.includes('updatedAt')) lost.splice(lost.indexOf('updatedAt'), 1);
  return {
    doc: merged,
    refusal: lost.length > 0 ? { code: refusalCodes.concurrentEdit, fields: lost } : null,
  };
}
