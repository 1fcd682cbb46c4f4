/**
 * Why the server refused (part of) a pushed change. Conflict documents themselves stay pure master
 * states (RxDB stores them as the assumed master: an extra field there — even inside `_meta` — makes
 * RxDB's meta write fail silently and the push loop forever). A client that asks for reasons
 * (`POST …/push?refusals=1`) gets `{ conflicts, refusals: [{ id, code, params?, fields? }] }` and
 * hands `conflicts` to RxDB; `code` is an i18n key, `{ code, params }` the shape of
 * shared/model/refused-change.ts `reason`.
 */

export const refusalCodes = {
  /** The document is not (or no longer) in the user's scope; the conflict is a tombstone. */
  outOfScope: 'sync:refusal.outOfScope',
  /** Clients may not write this collection. */
  readOnly: 'sync:refusal.readOnly',
  /** The user's role may not change `fields`. */
  roleMayNotChange: 'sync:refusal.roleMayNotChange',
  /** `fields` are owned by the server (registration, deadlines, delivery); the master's values stay. */
  serverOwned: 'sync:refusal.serverOwned',
  /** The status change `params.from` → `params.to` is not an action this role may take. */
  statusTransition: 'sync:refusal.statusTransition',
  /** `fields` were changed on the server since the client's last pull; the per-field rule kept the server's. */
  concurrentEdit: 'sync:refusal.concurrentEdit',
  /** The document does not match the collection's schema (`params.problem`). */
  invalidDocument: 'sync:refusal.invalidDocument',
  /** Sent messages and other records cannot be edited or deleted from a desktop. */
  immutable: 'sync:refusal.immutable',
  /** A new staff answer without a reply route, or one the appeal cannot take (no conversation, e-mail or postal address). */
  replyViaMissing: 'sync:refusal.replyViaMissing',
  replyViaChannel: 'sync:refusal.replyViaChannel',
  replyViaEmail: 'sync:refusal.replyViaEmail',
  replyViaPost: 'sync:refusal.replyViaPost',
} as const;

export type RefusalCode = (typeof refusalCodes)[keyof typeof refusalCodes];

export interface Refusal {
  code: RefusalCode;
  params?: Record<string, string | number>;
  /** The top-level fields whose pushed values were not taken. */
  fields?: string[];
}

/**
 * Combines the refusals of one row into the one the client sees: the first code with its params,
 * the union of all fields, and the other codes in `params.others`.
 */
export function combineRefusals(refusals: Refusal[]): Refusal | null {
  const [first, ...rest] = refusals;
  if (!first) return null;
  const fields = [...new Set(refusals.flatMap((r) => r.fields ?? []))];
  const others = [...new Set(rest.map((r) => r.code).filter((code) => code !== first.code))];
  const params = { ...first.params, ...(others.length > 0 ? { others: others.join(',') } : {}) };
  return {
    code: first.code,
    ...(Object.keys(params).length > 0 ? { params } : {}),
    ...(fields.length > 0 ? { fields } : {}),
  };
}

export interface DocumentRefusal extends Refusal {
  id: string;
}
