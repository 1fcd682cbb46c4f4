/**
 * The conflict handler of every replicated collection (docs/ARCHITECTURE.md, "Nothing refused is lost").
 * A conflict is the server's answer to a push it did not take as sent: refused (out of scope, a
 * transition the role may not make, a server-owned field) or merged with someone else's edit. The
 * local document always takes the server's state — the server is the authority — but first the
 * content the user had written is saved in the local `refusedChanges` collection with the reason.
 * RxDB may call `resolve` more than once for one conflict, so the save is an upsert under an id
 * derived from the document and the reason (refusedChangeId).
 */
import type { RxConflictHandler, RxConflictHandlerInput, WithDeleted } from 'rxdb';
import { deepEqual } from 'rxdb/plugins/utils';
import type { RefusedChange } from '../../shared/model/refused-change';
// A refusal as the server explains it (`POST …/push?refusals=1`); the desktop's own inference uses the same codes.
import { type Refusal, refusalCodes } from '../../shared/sync/contract';

/**
 * The push handler's record of why the server answered each pushed document with a conflict; the
 * conflict handler reads it. `null` means "conflict without refusal": a clean merge.
 */
export class RefusalLedger {
  private readonly byKey = new Map<string, Refusal | null>();

  record(collection: string, id: string, refusal: Refusal | null): void {
    this.byKey.set(`${collection}/${id}`, refusal);
    // The ledger only bridges one push and its conflict resolution; keep it bounded.
    if (this.byKey.size > 5000) this.byKey.delete(this.byKey.keys().next().value as string);
  }

  get(collection: string, id: string): Refusal | null | undefined {
    return this.byKey.get(`${collection}/${id}`);
  }
}

const bookkeeping = new Set(['_meta', '_rev', '_attachments']);

function strip<T>(doc: WithDeleted<T>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(doc as Record<string, unknown>).filter(([key]) => !bookkeeping.has(key)),
  );
}

/**
 * Without the server's reason (a plain RxDB server), what did the user lose? The fields they changed
 * (against the state they last saw) whose values the server's state does not carry.
 */
export function inferRefusal<T>(input: RxConflictHandlerInput<T>): Refusal | null {
  const mine = strip(input.newDocumentState);
  const master = strip(input.realMasterState);
  const assumed = input.assumedMasterState ? strip(input.assumedMasterState) : {};
  if (master._deleted === true && mine._deleted !== true) return { code: refusalCodes.outOfScope };
  const lost = Object.keys(mine).filter(
    (key) =>
      key !== 'updatedAt' &&
      key !== '_deleted' &&
      !deepEqual(mine[key], assumed[key]) &&
      !deepEqual(mine[key], master[key]),
  );
  return lost.length > 0 ? { code: refusalCodes.concurrentEdit, fields: lost } : null;
}

/** FNV-1a, 2 × 32 bits: a short, stable id for "this refused content of this document". */
function contentHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/**
 * One entry per document and kind of refusal: `resolve` may run again for the same conflict, and a
 * document's queued writes may be refused one after another (each push carries the latest state,
 * and each may have lost a different set of fields, as the pushes met the other edits). The entry
 * keeps the latest content, which includes the earlier edits, and every field lost so far — the
 * official sees one notice per appeal and reason, however the offline edits were pushed.
 */
function refusedChangeId(collection: string, documentId: string, refusal: Refusal): string {
  return `rc-${contentHash([collection, documentId, refusal.code].join('\u0000'))}`;
}

export interface RefusedChangeSink {
  upsert(change: RefusedChange): Promise<unknown>;
  findOne(id: string): { exec(): Promise<{ reason: RefusedChange['reason'] } | null> };
}

const fieldList = (fields: unknown): string[] =>
  typeof fields === 'string' && fields !== '' ? fields.split(', ') : [];

export function refusalKeepingConflictHandler<T>(
  collection: string,
  primaryPath: string,
  ledger: RefusalLedger,
  sink: () => RefusedChangeSink,
  now: () => number = Date.now,
): RxConflictHandler<T> {
  return {
    // Called for every pushed and pulled document: compare plain data, ignoring RxDB's bookkeeping.
    isEqual: (a, b) => deepEqual(strip(a), strip(b)),
    async resolve(input) {
      const content = strip(input.newDocumentState);
      const id = String(content[primaryPath]);
      const recorded = ledger.get(collection, id);
      const refusal = recorded === undefined ? inferRefusal(input) : recorded;
      if (refusal) {
        const { _deleted: _ignored, ...written } = content;
        const entryId = refusedChangeId(collection, id, refusal);
        const earlier = await sink().findOne(entryId).exec();
        const fields = [
          ...new Set([...fieldList(earlier?.reason.params?.fields), ...(refusal.fields ?? [])]),
        ];
        const params: Record<string, string | number> = { ...(refusal.params ?? {}) };
        if (fields.length > 0) params.fields = fields.join(', ');
        await sink().upsert({
          id: entryId,
          collectionName: collection,
          documentId: id,
          reason: { code: refusal.code, params },
          content: written,
          at: now(),
        });
      }
      return input.realMasterState;
    },
  };
}
