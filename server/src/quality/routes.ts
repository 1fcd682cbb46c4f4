/**
 * Answer quality (issue 14), the organisation's own only:
 * - `GET  /api/v1/quality/approval-rules`, `PUT /api/v1/quality/approval-rules`
 *   `{ departmentId, regime, required }`: which answers wait for a head's approval (supervisors and
 *   admins; audited old → new, shown in «Журнал администратора»);
 * - `GET  /api/v1/quality/approvals`: answers awaiting approval (a head: of the head's departments;
 *   supervisors and admins: all), each with the automatic checks' warnings;
 * - `POST /api/v1/quality/approvals/:id/approve` `{ text? }`: it goes out (edited when `text` is given);
 * - `POST /api/v1/quality/approvals/:id/return` `{ comment }`: back to the executor with the comment;
 * - `GET  /api/v1/quality/verdicts`: «Ответ не помог», the undecided «Нет» (supervisors and admins);
 * - `POST /api/v1/quality/verdicts/:id/decision` `{ decision }`: rework, new appeal or accepted;
 * - `GET  /api/v1/quality/summary?from&to`: the share of «помог» per department, category, executor;
 * - `GET  /api/v1/quality/summary/appeals?from&to&by&key&outcome`: the appeals behind one of its numbers
 *   (the «Аналитика» drill-down; supervisors and admins);
 * - `GET  /api/v1/quality/brush-off` (every official: the composer's checks), `PUT` `{ phrases | null }`
 *   (supervisors and admins; audited): the organisation's brush-off phrases.
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { regimes, verdictDecisions } from '../../../shared/model/vocabulary';
import { checkAnswer } from '../../../shared/quality/checks';
import { appendAudit } from '../audit/audit';
import { requireAuth, requireRole } from '../auth/require-auth';
import { inTransaction } from '../db/pool';
import { ApiError } from '../http/errors';
import { idParams } from '../http/params';
import { approveAnswer, pendingApprovals, returnAnswer } from './approval';
import { brushOffPhrases, maxBrushOffPhrases, setBrushOffPhrases } from './brush-off';
import { decideVerdict, unhelpfulAnswers } from './decisions';
import { qualitySummary, summaryAppeals, summaryGroupings, summaryOutcomes } from './summary';

const supervisors = requireRole('supervisor', 'admin');
const heads = requireRole('head', 'supervisor', 'admin');

const ruleBody = {
  type: 'object',
  properties: {
    departmentId: { type: 'string', minLength: 1, maxLength: 100 },
    regime: { type: 'string', enum: [...regimes] },
    required: { type: 'boolean' },
  },
  required: ['departmentId', 'regime', 'required'],
  additionalProperties: false,
} as const;

const dayMs = 24 * 3600_000;

export async function qualityRoutes(app: FastifyInstance, opts: { db: pg.Pool }): Promise<void> {
  const { db } = opts;

  app.get('/api/v1/quality/approval-rules', { preHandler: supervisors }, async (request) => {
    const found = await db.query<{ department_id: string; regime: string }>(
      'SELECT department_id, regime FROM quality_approval_rules WHERE org_id = $1 ORDER BY department_id, regime',
      [request.auth.orgId],
    );
    return { rules: found.rows.map((row) => ({ departmentId: row.department_id, regime: row.regime })) };
  });

  app.put<{ Body: { departmentId: string; regime: string; required: boolean } }>(
    '/api/v1/quality/approval-rules',
    { preHandler: supervisors, schema: { body: ruleBody } },
    async (request) => {
      const { auth } = request;
      const { departmentId, regime, required } = request.body;
      return inTransaction(db, async (tx) => {
        const department = await tx.query('SELECT 1 FROM departments WHERE org_id = $1 AND id = $2', [
          auth.orgId,
          departmentId,
        ]);
        if ((department.rowCount ?? 0) === 0)
          throw new ApiError(400, 'unknown_department', 'No such department');
        const before = await tx.query(
          'SELECT 1 FROM quality_approval_rules WHERE org_id = $1 AND department_id = $2 AND regime = $3 FOR UPDATE',
          [auth.orgId, departmentId, regime],
        );
        const old = (before.rowCount ?? 0) > 0;
        if (required && !old) {
          await tx.query(
            'INSERT INTO quality_approval_rules (org_id, department_id, regime, set_by) VALUES ($1, $2, $3, $4)',
            [auth.orgId, departmentId, regime, auth.userId],
          );
        } else if (!required && old) {
          await tx.query(
            'DELETE FROM quality_approval_rules WHERE org_id = $1 AND department_id = $2 AND regime = $3',
            [auth.orgId, departmentId, regime],
          );
        }
        if (old !== required) {
          await appendAudit(tx, {
            orgId: auth.orgId,
            actorUserId: auth.userId,
            deviceId: auth.deviceId,
            action: 'quality.approvalRule.set',
            entity: 'department',
            entityId: departmentId,
            fields: { [`approval${regime[0]!.toUpperCase()}${regime.slice(1)}`]: { old, new: required } },
          });
        }
        return { departmentId, regime, required };
      });
    },
  );

  app.get('/api/v1/quality/brush-off', { preHandler: requireAuth }, async (request) =>
    brushOffPhrases(db, request.auth.orgId),
  );

  app.put<{ Body: { phrases: string[] | null } }>(
    '/api/v1/quality/brush-off',
    {
      preHandler: supervisors,
      schema: {
        body: {
          type: 'object',
          properties: {
            phrases: {
              type: ['array', 'null'],
              maxItems: maxBrushOffPhrases,
              items: { type: 'string', minLength: 3, maxLength: 200 },
            },
          },
          required: ['phrases'],
          additionalProperties: false,
        },
      },
    },
    async (request) => ({
      phrases: await inTransaction(db, (tx) => setBrushOffPhrases(tx, request.auth, request.body.phrases)),
    }),
  );

  app.get('/api/v1/quality/approvals', { preHandler: heads }, async (request) => {
    const approvals = await pendingApprovals(db, request.auth);
    const { phrases } = await brushOffPhrases(db, request.auth.orgId);
    return {
      approvals: approvals.map((approval) => ({
        ...approval,
        warnings: checkAnswer({
          regime: approval.regime,
          appealText: approval.subject,
          answer: approval.text,
          brushOffPhrases: phrases,
        }),
      })),
    };
  });

  app.post<{ Params: { id: string }; Body: { text?: string | null } }>(
    '/api/v1/quality/approvals/:id/approve',
    {
      preHandler: heads,
      schema: {
        params: idParams,
        body: {
          type: 'object',
          properties: { text: { type: ['string', 'null'], maxLength: 100_000 } },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const result = await inTransaction(db, (tx) =>
        approveAnswer(tx, request.auth, request.params.id, request.body?.text ?? null, app.okno.now()),
      );
      app.citizenBot?.outbox.wake();
      return { messageId: request.params.id, appealId: result.appealId, status: 'approved' };
    },
  );

  app.post<{ Params: { id: string }; Body: { comment: string } }>(
    '/api/v1/quality/approvals/:id/return',
    {
      preHandler: heads,
      schema: {
        params: idParams,
        body: {
          type: 'object',
          properties: { comment: { type: 'string', minLength: 1, maxLength: 2000 } },
          required: ['comment'],
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const comment = request.body.comment.trim();
      if (comment === '') throw new ApiError(400, 'comment_required', 'Write what to fix');
      const result = await inTransaction(db, (tx) =>
        returnAnswer(tx, request.auth, request.params.id, comment, app.okno.now()),
      );
      return { messageId: request.params.id, appealId: result.appealId, status: 'returned' };
    },
  );

  app.get('/api/v1/quality/verdicts', { preHandler: supervisors }, async (request) => ({
    verdicts: await unhelpfulAnswers(db, request.auth.orgId),
  }));

  app.post<{ Params: { id: string }; Body: { decision: (typeof verdictDecisions)[number] } }>(
    '/api/v1/quality/verdicts/:id/decision',
    {
      preHandler: supervisors,
      schema: {
        params: idParams,
        body: {
          type: 'object',
          properties: { decision: { type: 'string', enum: [...verdictDecisions] } },
          required: ['decision'],
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const { newAppealId } = await inTransaction(db, (tx) =>
        decideVerdict(tx, request.auth, request.params.id, request.body.decision, app.okno.now()),
      );
      return { appealId: request.params.id, decision: request.body.decision, newAppealId };
    },
  );

  app.get<{ Querystring: { from?: number; to?: number } }>(
    '/api/v1/quality/summary',
    {
      preHandler: supervisors,
      schema: {
        querystring: {
          type: 'object',
          properties: {
            from: { type: 'integer', minimum: 0 },
            to: { type: 'integer', minimum: 0 },
          },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const to = request.query.to ?? app.okno.now();
      const from = request.query.from ?? to - 30 * dayMs;
      if (from >= to) throw new ApiError(400, 'invalid_period', '`from` must be before `to`');
      return qualitySummary(db, request.auth.orgId, from, to);
    },
  );

  app.get<{
    Querystring: {
      from?: number;
      to?: number;
      by: (typeof summaryGroupings)[number];
      key: string;
      outcome: (typeof summaryOutcomes)[number];
    };
  }>(
    '/api/v1/quality/summary/appeals',
    {
      preHandler: supervisors,
      schema: {
        querystring: {
          type: 'object',
          properties: {
            from: { type: 'integer', minimum: 0 },
            to: { type: 'integer', minimum: 0 },
            by: { type: 'string', enum: [...summaryGroupings] },
            key: { type: 'string', maxLength: 200 },
            outcome: { type: 'string', enum: [...summaryOutcomes] },
          },
          required: ['by', 'key', 'outcome'],
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const to = request.query.to ?? app.okno.now();
      const from = request.query.from ?? to - 30 * dayMs;
      if (from >= to) throw new ApiError(400, 'invalid_period', '`from` must be before `to`');
      const { by, key, outcome } = request.query;
      return { appeals: await summaryAppeals(db, request.auth.orgId, { from, to }, by, key, outcome) };
    },
  );
}
