/**
 * Plain document helpers shared by pull, push and the authority modules. A replicated document is
 * the RxDB document as JSON with an explicit boolean `_deleted` (docs/ARCHITECTURE.md: a master state
 * without it makes every push a conflict). RxDB's own bookkeeping (`_meta`, `_rev`,
 * `_attachments`) is never stored; `_meta` on a returned conflict carries Okno's refusal.
 */

export type SyncDoc = Record<string, unknown> & { _deleted: boolean };

/** RxDB's internal fields, never stored and ignored in comparisons. */
const rxdbInternalFields = ['_meta', '_rev', '_attachments'] as const;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The document as stored: RxDB internals dropped, `_deleted` explicit. */
export function storedForm(doc: Record<string, unknown>): SyncDoc {
  const copy: Record<string, unknown> = { ...doc };
  for (const field of rxdbInternalFields) delete copy[field];
  copy._deleted = doc._deleted === true;
  return copy as SyncDoc;
}

/** Deep equality that ignores key order (jsonb reorders keys). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((k) => left[k] !== undefined);
  if (keys.length !== Object.keys(right).filter((k) => right[k] !== undefined).length) return false;
  return keys.every((k) => Object.hasOwn(right, k) && deepEqual(left[k], right[k]));
}

/** Equality of two document states as RxDB means it: internals ignored, `_deleted` compared. */
export function sameState(a: Record<string, unknown> | null | undefined, b: SyncDoc | null): boolean {
  if (!a || !b) return !a && !b;
  return deepEqual(storedForm(a), b);
}

/**
 * The instant of a client's change as the server stores it (`updatedAt`). The desktop's own clock
 * dates an edit made offline, and the per-field later-edit rule needs that date; but the server
 * bounds it: never later than the server's clock (a push dated 2100 would otherwise win every
 * later-edit comparison for good) and never earlier than the state it replaces.
 */
export function boundedEditTime(claimed: unknown, previous: unknown, now: number): number {
  const lower = Number.isFinite(Number(previous)) ? Number(previous) : 0;
  const at = Number.isFinite(Number(claimed)) ? Number(claimed) : now;
  return Math.min(Math.max(at, lower), now);
}

/** The tombstone a client gets for a document it may no longer see: its last state, deleted. */
export function tombstoneOf(lastSeen: Record<string, unknown>): SyncDoc {
  return { ...storedForm(lastSeen), _deleted: true };
}

/** Top-level fields whose values differ (internals ignored). */
export function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter(
    (k) => !(rxdbInternalFields as readonly string[]).includes(k) && !deepEqual(before[k], after[k]),
  );
}
