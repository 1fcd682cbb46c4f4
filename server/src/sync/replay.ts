/**
 * A push replayed after its answer was lost (the network dropped the reply, RxDB re-sends the same
 * `newDocumentState` on the same `assumedMasterState`). The stored document already holds the
 * change: every field the client changed (against the state it assumed; every field of a document it
 * created) has the client's value in the master. Only the fields the server owns, fills in or has
 * changed since differ. Such a push is answered with the master as a conflict WITHOUT a refusal — the
 * desktop adopts it and keeps no «Не принято» notice — and writes nothing (no seq, audit or outbox
 * row, no registration number).
 *
 * A genuine concurrent edit is not a replay: the client changed a field to a value the master does
 * not hold, so the writer decides it and refuses what was lost. The cost: a replay whose field was
 * changed again by someone else after it landed is indistinguishable from that edit and is still
 * refused (the server keeps no history of which push produced which value).
 */
import { deepEqual, type SyncDoc, storedForm } from './docs';

type Doc = Record<string, unknown>;

export interface ReplayRule {
  /** Fields the server fills in when it creates a document (a re-sent creation never carries them). */
  filledOnCreation: readonly string[];
  /**
   * The pushed state as compared with the master: values the server owns inside client fields (or
   * sets on creation) taken from the master where the client did not change them.
   */
  normalise?(proposed: Doc, assumed: Doc | null, master: SyncDoc): Doc;
}

/** The server's edit instant (`updatedAt`, bounded by its clock) never identifies a change. */
const neverCompared = new Set(['updatedAt', '_meta', '_rev', '_attachments']);

/**
 * `pushed` and `assumedMaster` as the push carries them (the latter null for a created document):
 * true when the client changed something and the master holds every change.
 */
export function isReplay(
  pushed: SyncDoc,
  assumedMaster: Doc | null,
  master: SyncDoc,
  rule: ReplayRule,
): boolean {
  const creating = assumedMaster === null;
  const assumed: Doc = assumedMaster ? storedForm(assumedMaster) : {};
  const proposed = rule.normalise ? rule.normalise(pushed, assumedMaster ? assumed : null, master) : pushed;
  const ignored = new Set(creating ? rule.filledOnCreation : []);
  let changed = false;
  for (const key of new Set([...Object.keys(proposed), ...Object.keys(master)])) {
    if (neverCompared.has(key) || ignored.has(key) || deepEqual(proposed[key], assumed[key])) continue;
    if (!deepEqual(proposed[key], master[key])) return false;
    changed = true;
  }
  // A push that changes nothing but the instant is no change to replay: its writer decides it.
  return changed;
}
