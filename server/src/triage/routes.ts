/**
 * Triage for supervisors (issue 13), the organisation's own only; supervisors and admins:
 * - `GET  /api/v1/triage/accuracy`: the department suggestions' accuracy over the last 30 days of
 *   human decisions (`{ days, decisions, suggested, departmentTop1 }`);
 * - `GET  /api/v1/triage/auto-routing`: the automatic-routing thresholds per working category;
 * - `PUT  /api/v1/triage/auto-routing/:category` `{ threshold: 0.5–1 | null }`: turns automatic
 *   routing on above the threshold for that category, or off (null); audited;
 * - `POST /api/v1/triage/auto-routing/decisions/:appealId/undo`: puts an automatically routed appeal
 *   back where it would have been, as a push by the caller (the sync writer's rules and audit), and
 *   audits the undo.
 * The model and the learners for desktops are desktop-model.ts, registered in app.ts.
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { defaultCategoryCodes } from '../../../shared/domain/classifier/categories';
import { appendAudit } from '../audit/audit';
import { requireRole } from '../auth/require-auth';
import { collectionNamed } from '../collections';
import { ApiError, notFound } from '../http/errors';
import type { SyncDoc } from '../sync/docs';
import { applyPush } from '../sync/push';
import { triageAccuracy } from '.';

const supervisors = requireRole('supervisor', 'admin');
/** Below this a suggestion is right too rarely to act on alone. */
const lowestThreshold = 0.5;

export async function triageRoutes(app: FastifyInstance, opts: { db: pg.Pool }): Promise<void> {
  const { db } = opts;

  app.get('/api/v1/triage/accuracy', { preHandler: supervisors }, async (request) =>
    triageAccuracy(db, request.auth.orgId, app.okno.now()),
  );

  app.get('/api/v1/triage/auto-routing', { preHandler: supervisors }, async (request) => {
    const found = await db.query<{ category: string; threshold: number }>(
      'SELECT category, threshold FROM triage_auto_routing WHERE org_id = $1 ORDER BY category',
      [request.auth.orgId],
    );
    return {
      thresholds: found.rows.map((row) => ({
        category: row.category,
        threshold: Number(row.threshold.toFixed(3)),
      })),
    };
  });

  app.put<{ Params: { category: string }; Body: { threshold: number | null } }>(
    '/api/v1/triage/auto-routing/:category',
    {
      preHandler: supervisors,
      schema: {
        params: {
          type: 'object',
          properties: { category: { type: 'string', maxLength: 100 } },
          required: ['category'],
        },
        body: {
          type: 'object',
          properties: { threshold: { type: ['number', 'null'] } },
          required: ['threshold'],
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const { auth } = request;
      const { category } = request.params;
      const { threshold } = request.body;
      if (!defaultCategoryCodes.includes(category))
        throw new ApiError(400, 'unknown_category', 'No such working category');
      if (
        threshold !== null &&
        !(Number.isFinite(threshold) && threshold >= lowestThreshold && threshold <= 1)
      )
        throw new ApiError(
          400,
          'invalid_threshold',
          `threshold must be from ${lowestThreshold} to 1, or null`,
        );
      const before = await db.query<{ threshold: number }>(
        'SELECT threshold FROM triage_auto_routing WHERE org_id = $1 AND category = $2',
        [auth.orgId, category],
      );
      const old = before.rows[0] ? Number(before.rows[0].threshold.toFixed(3)) : null;
      if (threshold === null) {
        await db.query('DELETE FROM triage_auto_routing WHERE org_id = $1 AND category = $2', [
          auth.orgId,
          category,
        ]);
      } else {
        await db.query(
          `INSERT INTO triage_auto_routing (org_id, category, threshold, set_by) VALUES ($1, $2, $3, $4)
           ON CONFLICT (org_id, category) DO UPDATE SET threshold = EXCLUDED.threshold, set_by = EXCLUDED.set_by, updated_at = now()`,
          [auth.orgId, category, threshold, auth.userId],
        );
      }
      await appendAudit(db, {
        orgId: auth.orgId,
        actorUserId: auth.userId,
        deviceId: auth.deviceId,
        action: 'triage.autoRouting.set',
        entity: 'organisation',
        entityId: auth.orgId,
        fields: { [`threshold.${category}`]: { old, new: threshold } },
      });
      return { category, threshold };
    },
  );

  app.post<{ Params: { appealId: string } }>(
    '/api/v1/triage/auto-routing/decisions/:appealId/undo',
    {
      preHandler: supervisors,
      schema: {
        params: {
          type: 'object',
          properties: { appealId: { type: 'string', maxLength: 40 } },
          required: ['appealId'],
        },
      },
    },
    async (request) => {
      const { auth } = request;
      const { appealId } = request.params;
      const found = await db.query<{
        from_department_id: string;
        to_department_id: string;
        undone: boolean;
        doc: SyncDoc;
      }>(
        `SELECT d.from_department_id, d.to_department_id, d.undone_at IS NOT NULL AS undone, a.doc
           FROM triage_auto_decisions d JOIN sync_appeals a ON a.org_id = d.org_id AND a.id = d.appeal_id
          WHERE d.org_id = $1 AND d.appeal_id = $2`,
        [auth.orgId, appealId],
      );
      const decision = found.rows[0];
      if (!decision) throw notFound('No automatic routing of this appeal');
      if (decision.undone)
        throw new ApiError(409, 'already_undone', 'This automatic routing was already undone');
      const master = decision.doc;
      if (master.departmentId !== decision.to_department_id)
        throw new ApiError(409, 'moved_since', 'The appeal was moved to another department since');
      const next = {
        ...master,
        departmentId: decision.from_department_id,
        updatedAt: app.okno.now(),
      } as SyncDoc;
      const { refusals } = await applyPush(db, collectionNamed('appeals'), auth, [
        { id: appealId, newDoc: next, assumed: master },
      ]);
      if (refusals.length > 0)
        throw new ApiError(409, 'undo_refused', 'The appeal cannot be moved back', { refusals });
      await db.query(
        'UPDATE triage_auto_decisions SET undone_at = now(), undone_by = $3 WHERE org_id = $1 AND appeal_id = $2',
        [auth.orgId, appealId, auth.userId],
      );
      await appendAudit(db, {
        orgId: auth.orgId,
        actorUserId: auth.userId,
        deviceId: auth.deviceId,
        action: 'triage.autoRoute.undo',
        entity: 'appeal',
        entityId: appealId,
        fields: { departmentId: { old: decision.to_department_id, new: decision.from_department_id } },
      });
      return { appealId, departmentId: decision.from_department_id };
    },
  );
}
