/**
 * `GET /api/v1/appeals/:id/history`: the audit entries of one appeal, oldest first, for those who
 * may see the appeal (404 when it does not exist in the caller's organisation, 403 when it is
 * outside the caller's departments).
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { entityHistory } from '../audit/audit';
import type { AuthContext } from '../auth/context';
import { requireAuth } from '../auth/require-auth';
import { forbidden, notFound } from '../http/errors';
import { idParams } from '../http/params';
import { visibleTo } from '../sync/push';

export async function appealHistoryRoutes(app: FastifyInstance, opts: { db: pg.Pool }): Promise<void> {
  app.get<{ Params: { id: string } }>(
    '/api/v1/appeals/:id/history',
    { preHandler: requireAuth, schema: { params: idParams } },
    async (request) => {
      const { auth } = request;
      const found = await opts.db.query<{ department_ids: string[] }>(
        'SELECT department_ids FROM sync_appeals WHERE org_id = $1 AND id = $2',
        [auth.orgId, request.params.id],
      );
      const appeal = found.rows[0];
      if (!appeal) throw notFound('No such appeal');
      if (!visibleTo(auth, appeal.department_ids)) throw forbidden('The appeal is outside your departments');
      const entries = await entityHistory(opts.db, auth.orgId, 'appeal', request.params.id);
      return { entries };
    },
  );
}

/** Department scope of applicants: a user sees an applicant through an appeal they can see. */
export function appealApplicantVisibility(db: pg.Pool) {
  return async (auth: AuthContext, applicantId: string): Promise<boolean> => {
    if (auth.role === 'supervisor' || auth.role === 'admin') return true;
    const result = await db.query(
      `SELECT 1 FROM sync_appeals WHERE org_id = $1 AND doc->'applicant'->>'applicantId' = $2
         AND department_ids && $3::text[] LIMIT 1`,
      [auth.orgId, applicantId, auth.departmentIds],
    );
    return (result.rowCount ?? 0) > 0;
  };
}
