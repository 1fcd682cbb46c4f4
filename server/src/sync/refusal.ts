/**
 * Why the server refused (part of) a pushed change. Conflict documents themselves stay pure master
 * states (RxDB stores them as the assumed master: an extra field there — even inside `_meta` — makes
 * RxDB's meta write fail silently and the push loop forever). A client that asks for reasons
 * (`POST …/push?refusals=1`) gets `{ conflicts, refusals: [{ id, code, params?, fields? }] }` and
 * hands `conflicts` to RxDB; `code` is an i18n key, `{ code, params }` the shape of
 * shared/model/refused-change.ts `reason`.
 */

import type { Refusal } from '../../../shared/sync/contract';

/** The codes and shapes are the client–server contract (shared/sync/contract.ts). */
export {
  type DocumentRefusal,
  type Refusal,
  type RefusalCode,
  refusalCodes,
} from '../../../shared/sync/contract';

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
