/**
 * `GET /api/v1/appeals/:id/history`: the audit entries of one appeal, oldest first, for those who
 * may see the appeal (404 when it does not exist in the caller's organisation, 403 when it is
 * outside the caller's departments).
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { isOrganisationWide } from '../../../shared/model/roles';
import { entityHistory } from '../audit/audit';
import type { AuthContext } from '../auth/context';
import { requireAuth } from '../auth/require-auth';
import type { Queryable } from '../db/pool';
import { idParams } from '../http/params';
import { appealInScope } from './in-scope';

export async function appealHistoryRoutes(app: FastifyInstance, opts: { db: pg.Pool }): Promise<void> {
  app.get<{ Params: { id: string } }>(
    '/api/v1/appeals/:id/history',
    { preHandler: requireAuth, schema: { params: idParams } },
    async (request) => {
      const { auth } = request;
      await appealInScope(opts.db, auth, request.params.id, { withDeleted: true });
      const entries = await entityHistory(opts.db, auth.orgId, 'appeal', request.params.id);
      return { entries };
    },
  );
}

/**
 * Department scope of applicants: a user sees an applicant through an appeal they can see (not a
 * deleted one); supervisors and admins see every applicant of their organisation. Returns those of
 * `applicantIds` the caller may see.
 */
export async function visibleApplicants(
  db: Queryable,
  auth: AuthContext,
  applicantIds: string[],
): Promise<string[]> {
  if (isOrganisationWide(auth.role)) return applicantIds;
  if (applicantIds.length === 0) return [];
  const result = await db.query<{ applicant_id: string }>(
    `SELECT DISTINCT doc->'applicant'->>'applicantId' AS applicant_id FROM sync_appeals
      WHERE org_id = $1 AND doc->'applicant'->>'applicantId' = ANY($2::text[])
        AND department_ids && $3::text[] AND NOT coalesce((doc->>'_deleted')::boolean, false)`,
    [auth.orgId, applicantIds, auth.departmentIds],
  );
  const visible = new Set(result.rows.map((row) => row.applicant_id));
  return applicantIds.filter((id) => visible.has(id));
}

export function appealApplicantVisibility(db: pg.Pool) {
  return async (auth: AuthContext, applicantId: string): Promise<boolean> =>
    (await visibleApplicants(db, auth, [applicantId])).length > 0;
}
