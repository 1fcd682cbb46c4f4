/**
 * The supervisor's «Подсказки» screen (issue 13), the organisation's own only; supervisors and admins:
 * - `GET    /api/v1/triage/category-map`: every portal subcategory of the model's vocabulary with the
 *   organisation's working subcategory for it (`{ rows: [{ portal, defaultSubcategory, subcategory,
 *   edited, updatedAt }] }`);
 * - `PUT    /api/v1/triage/category-map` `{ portal, subcategory }`: edits one row, the default
 *   subcategory being a reset (400
 *   `unknown_portal_category` / `unknown_category` naming what is unknown); audited old → new;
 * - `DELETE /api/v1/triage/category-map?portal=…`: resets one row to the default rules; audited;
 * - `PUT    /api/v1/triage/category-map/department` `{ category, departmentId }`: the responsible
 *   department of a working category or subcategory, suggested before the department learner is
 *   confident (400 `unknown_category` / `unknown_department`, 409 `department_disabled`, each naming
 *   the value); audited old → new (`triage.categoryDepartment.set`);
 * - `DELETE /api/v1/triage/category-map/department?category=…`: no responsible department; audited
 *   (`triage.categoryDepartment.reset`). The GET above lists them too (`departments`);
 * - `GET    /api/v1/triage/accuracy/departments`: the department suggestions' accuracy over the last
 *   30 days of human decisions, by the department people chose;
 * - `GET    /api/v1/triage/auto-routing/decisions`: the latest automatic routing decisions and what
 *   became of each (undone, moved since, or standing).
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import {
  defaultWorkingSubcategory,
  isWorkingCategoryOrSubcategory,
  isWorkingSubcategory,
} from '../../../shared/triage/working-category';
import { requireRole } from '../auth/require-auth';
import { ApiError } from '../http/errors';
import { triageModel } from '.';
import {
  categoryDepartmentRows,
  categoryMapRows,
  resetCategoryDepartment,
  resetCategoryMapping,
  setCategoryDepartment,
  setCategoryMapping,
} from './category-map';

const supervisors = requireRole('supervisor', 'admin');
const accuracyDays = 30;
const decisionsShown = 50;

const portalSchema = { type: 'string', minLength: 1, maxLength: 300 } as const;
const workingSchema = { type: 'string', minLength: 1, maxLength: 100 } as const;

export async function triageControlRoutes(app: FastifyInstance, opts: { db: pg.Pool }): Promise<void> {
  const { db } = opts;
  const vocabulary = () => triageModel().category.classes;
  const knownPortal = (portal: string) => {
    if (!vocabulary().includes(portal))
      throw new ApiError(400, 'unknown_portal_category', `No such portal subcategory: ${portal}`);
  };

  const knownWorking = (category: string) => {
    if (!isWorkingCategoryOrSubcategory(category))
      throw new ApiError(400, 'unknown_category', `No such working category or subcategory: ${category}`);
  };

  app.get('/api/v1/triage/category-map', { preHandler: supervisors }, async (request) => ({
    rows: await categoryMapRows(db, request.auth.orgId, vocabulary()),
    departments: await categoryDepartmentRows(db, request.auth.orgId),
  }));

  app.put<{ Body: { category: string; departmentId: string } }>(
    '/api/v1/triage/category-map/department',
    {
      preHandler: supervisors,
      schema: {
        body: {
          type: 'object',
          properties: {
            category: workingSchema,
            departmentId: { type: 'string', minLength: 1, maxLength: 100 },
          },
          required: ['category', 'departmentId'],
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const { auth } = request;
      const { category, departmentId } = request.body;
      knownWorking(category);
      const found = await db.query<{ disabled: boolean }>(
        'SELECT disabled FROM departments WHERE org_id = $1 AND id = $2',
        [auth.orgId, departmentId],
      );
      const department = found.rows[0];
      if (!department)
        throw new ApiError(
          400,
          'unknown_department',
          `No such department in this organisation: ${departmentId}`,
        );
      if (department.disabled)
        throw new ApiError(409, 'department_disabled', `The department is disabled: ${departmentId}`);
      const { old } = await setCategoryDepartment(db, auth, category, departmentId);
      return { category, departmentId, old };
    },
  );

  app.delete<{ Querystring: { category: string } }>(
    '/api/v1/triage/category-map/department',
    {
      preHandler: supervisors,
      schema: {
        querystring: {
          type: 'object',
          properties: { category: workingSchema },
          required: ['category'],
        },
      },
    },
    async (request) => {
      const { category } = request.query;
      knownWorking(category);
      return { category, reset: await resetCategoryDepartment(db, request.auth, category) };
    },
  );

  app.put<{ Body: { portal: string; subcategory: string } }>(
    '/api/v1/triage/category-map',
    {
      preHandler: supervisors,
      schema: {
        body: {
          type: 'object',
          properties: { portal: portalSchema, subcategory: { type: 'string', maxLength: 100 } },
          required: ['portal', 'subcategory'],
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const { auth } = request;
      const { portal, subcategory } = request.body;
      knownPortal(portal);
      if (!isWorkingSubcategory(subcategory))
        throw new ApiError(400, 'unknown_category', `No such working subcategory: ${subcategory}`);
      // Choosing the default is a reset: an edited row never just repeats the rules.
      if (subcategory === defaultWorkingSubcategory(portal)) {
        const old = (await categoryMapRows(db, auth.orgId, [portal]))[0]?.subcategory ?? subcategory;
        await resetCategoryMapping(db, auth, portal);
        return { portal, subcategory, old };
      }
      const { old } = await setCategoryMapping(db, auth, portal, subcategory);
      return { portal, subcategory, old };
    },
  );

  app.delete<{ Querystring: { portal: string } }>(
    '/api/v1/triage/category-map',
    {
      preHandler: supervisors,
      schema: {
        querystring: {
          type: 'object',
          properties: { portal: portalSchema },
          required: ['portal'],
        },
      },
    },
    async (request) => {
      const { portal } = request.query;
      knownPortal(portal);
      const reset = await resetCategoryMapping(db, request.auth, portal);
      const row = (await categoryMapRows(db, request.auth.orgId, [portal]))[0];
      return { portal, subcategory: row?.subcategory ?? null, reset };
    },
  );

  app.get('/api/v1/triage/accuracy/departments', { preHandler: supervisors }, async (request) => {
    const found = await db.query<{
      department_id: string;
      decisions: string;
      suggested: string;
      right: string;
    }>(
      `SELECT chosen_department_id AS department_id, count(*) AS decisions,
              count(suggested_department_id) AS suggested,
              count(*) FILTER (WHERE suggested_department_id = chosen_department_id) AS right
         FROM triage_decisions
        WHERE org_id = $1 AND decided_at > to_timestamp($2 / 1000.0) - make_interval(days => $3)
        GROUP BY chosen_department_id ORDER BY count(*) DESC, chosen_department_id`,
      [request.auth.orgId, app.okno.now(), accuracyDays],
    );
    return {
      days: accuracyDays,
      departments: found.rows.map((row) => {
        const suggested = Number(row.suggested);
        return {
          departmentId: row.department_id,
          decisions: Number(row.decisions),
          suggested,
          departmentTop1: suggested > 0 ? Number((Number(row.right) / suggested).toFixed(3)) : null,
        };
      }),
    };
  });

  app.get('/api/v1/triage/auto-routing/decisions', { preHandler: supervisors }, async (request) => {
    const found = await db.query<{
      appeal_id: string;
      at: number;
      from_department_id: string;
      to_department_id: string;
      confidence: number;
      threshold: number;
      undone_at: number | null;
      undone_by: string | null;
      department_id: string | null;
      registration_number: string | null;
      subject: string | null;
      category: string | null;
    }>(
      `SELECT d.appeal_id, (extract(epoch FROM d.decided_at) * 1000)::float8 AS at,
              d.from_department_id, d.to_department_id, d.confidence, d.threshold,
              (extract(epoch FROM d.undone_at) * 1000)::float8 AS undone_at, u.display_name AS undone_by,
              a.doc->>'departmentId' AS department_id, a.doc->>'registrationNumber' AS registration_number,
              a.doc->>'subject' AS subject, a.doc->'triage'->'category'->0->>'category' AS category
         FROM triage_auto_decisions d
         LEFT JOIN sync_appeals a ON a.org_id = d.org_id AND a.id = d.appeal_id
         LEFT JOIN users u ON u.org_id = d.org_id AND u.id = d.undone_by
        WHERE d.org_id = $1
        ORDER BY d.decided_at DESC, d.appeal_id LIMIT $2`,
      [request.auth.orgId, decisionsShown],
    );
    return {
      decisions: found.rows.map((row) => ({
        appealId: row.appeal_id,
        decidedAt: Math.round(row.at),
        fromDepartmentId: row.from_department_id,
        toDepartmentId: row.to_department_id,
        confidence: Number(row.confidence.toFixed(3)),
        threshold: Number(row.threshold.toFixed(3)),
        category: row.category,
        registrationNumber: row.registration_number,
        subject: row.subject ?? '',
        outcome:
          row.undone_at !== null
            ? ('undone' as const)
            : row.department_id === row.to_department_id
              ? ('standing' as const)
              : ('movedSince' as const),
        undoneAt: row.undone_at === null ? null : Math.round(row.undone_at),
        undoneBy: row.undone_by,
      })),
    };
  });
}
