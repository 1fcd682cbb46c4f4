/**
 * The check every route about one appeal makes first: the appeal of the caller's organisation (404
 * when there is none — another organisation's appeal looks the same), inside the caller's
 * departments (403; supervisors and admins see the whole organisation, ../sync/push.ts `visibleTo`).
 */
import type { AuthContext } from '../auth/context';
import type { Queryable } from '../db/pool';
import { forbidden, notFound } from '../http/errors';
import { visibleTo } from '../sync/push';

type Doc = Record<string, unknown>;

export interface InScopeOptions {
  /** A deleted appeal is found too (its history stays readable); by default it does not exist. */
  withDeleted?: boolean;
  /** Locks the row until the transaction ends (`FOR UPDATE`): the route changes the appeal. */
  lock?: boolean;
}

/** The appeal's stored document, once the caller may see it; throws the 404 or 403 otherwise. */
export async function appealInScope(
  db: Queryable,
  auth: AuthContext,
  id: string,
  options: InScopeOptions = {},
): Promise<Doc> {
  const found = await db.query<{ doc: Doc; department_ids: string[] }>(
    `SELECT doc, department_ids FROM sync_appeals WHERE org_id = $1 AND id = $2
       ${options.withDeleted ? '' : "AND NOT coalesce((doc->>'_deleted')::boolean, false)"}
       ${options.lock ? 'FOR UPDATE' : ''}`,
    [auth.orgId, id],
  );
  const appeal = found.rows[0];
  if (!appeal) throw notFound('No such appeal');
  if (!visibleTo(auth, appeal.department_ids)) throw forbidden('The appeal is outside your departments');
  return appeal.doc;
}
