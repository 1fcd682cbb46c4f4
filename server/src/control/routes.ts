/**
 * «Аналитика» → «Очаги» (issue 14), computed on the server over the organisation's appeals:
 *   GET /api/v1/control/dashboard?period=week|month|quarter|custom[&from=YYYY-MM-DD&to=YYYY-MM-DD][&repeatMinimum=3]
 *       → { window, cells, rising, repeats, weekly, territories, alerts }
 *   GET /api/v1/control/appeals?period=…[&category=][&territory=][&place=]
 *       → { appeals, total }  the drill-down: the appeals behind a cell ('' = without category /
 *         territory not determined; absent = any), audited `control.drilldown` with the ids shown
 *   GET /api/v1/control/alerts?since=<epoch ms> → { alerts }  rise alerts, supervisors and administrators
 * Heads see their departments' appeals only and no alerts (organisation-wide); operators get 403.
 * A period that is not one (custom days not dates, reversed, over two years) is 400 `invalid_period`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { appendAudit } from '../audit/audit';
import { requireRole } from '../auth/require-auth';
import { ApiError } from '../http/errors';
import { listTerritories } from '../territories/store';
import { organisationTimeZone, recentAlerts } from './alerts';
import {
  type ControlScope,
  categoryTerritoryCells,
  cellAppeals,
  repeatPlaces,
  weeklyCounts,
} from './dashboard';
import { type ControlWindow, type PeriodKind, periodKinds, periodWindow } from './periods';
import { topRising } from './trend';

interface PeriodQuery {
  period: PeriodKind;
  from?: string;
  to?: string;
}

const periodProperties = {
  period: { enum: periodKinds },
  from: { type: 'string', maxLength: 10 },
  to: { type: 'string', maxLength: 10 },
} as const;

const alertDays = 14;
const organisationWide = new Set(['supervisor', 'admin']);

function scopeOf(request: FastifyRequest): ControlScope {
  const { auth } = request;
  return { orgId: auth.orgId, departmentIds: organisationWide.has(auth.role) ? null : auth.departmentIds };
}

async function windowOf(
  request: FastifyRequest<{ Querystring: PeriodQuery }>,
  timeZone: string,
  now: number,
) {
  const { period, from, to } = request.query;
  const window = periodWindow(period, now, timeZone, from && to ? { from, to } : undefined);
  if (!window)
    throw new ApiError(400, 'invalid_period', 'the period is not one (dates, order, at most two years)');
  return window;
}

export async function controlRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.okno;
  app.addHook('preHandler', requireRole('head', 'supervisor', 'admin'));

  app.get<{ Querystring: PeriodQuery & { repeatMinimum?: number } }>(
    '/control/dashboard',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['period'],
          properties: { ...periodProperties, repeatMinimum: { type: 'integer', minimum: 2, maximum: 50 } },
        },
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      const now = app.okno.now();
      const timeZone = await organisationTimeZone(db, scope.orgId);
      const window: ControlWindow = await windowOf(request, timeZone, now);
      const [cells, repeats, weekly, territories] = await Promise.all([
        categoryTerritoryCells(db, scope, window),
        repeatPlaces(db, scope, window, request.query.repeatMinimum ?? 3),
        weeklyCounts(db, scope, window, timeZone),
        listTerritories(db, scope.orgId),
      ]);
      const alerts =
        scope.departmentIds === null ? await recentAlerts(db, scope.orgId, now - alertDays * 86_400_000) : [];
      return {
        window,
        cells,
        rising: topRising(cells),
        repeats,
        weekly,
        territories: territories.map(({ id, kind, parentId, name }) => ({ id, kind, parentId, name })),
        alerts,
      };
    },
  );

  app.get<{ Querystring: PeriodQuery & { category?: string; territory?: string; place?: string } }>(
    '/control/appeals',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['period'],
          properties: {
            ...periodProperties,
            category: { type: 'string', maxLength: 100 },
            territory: { type: 'string', maxLength: 64 },
            place: { type: 'string', maxLength: 200 },
          },
        },
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      const timeZone = await organisationTimeZone(db, scope.orgId);
      const window = await windowOf(request, timeZone, app.okno.now());
      const { category, territory, place } = request.query;
      const found = await cellAppeals(db, scope, window, {
        ...(category !== undefined ? { category } : {}),
        ...(territory !== undefined ? { territoryId: territory } : {}),
        ...(place !== undefined ? { placeKey: place } : {}),
      });
      await appendAudit(db, {
        orgId: scope.orgId,
        actorUserId: request.auth.userId,
        deviceId: request.auth.deviceId,
        action: 'control.drilldown',
        entity: 'appeal',
        entityId: null,
        details: {
          period: request.query.period,
          from: window.from,
          to: window.to,
          category: category ?? null,
          territory: territory ?? null,
          place: place ?? null,
          shown: found.appeals.map((appeal) => appeal.id),
        },
      });
      return found;
    },
  );

  app.get<{ Querystring: { since?: number } }>(
    '/control/alerts',
    {
      preHandler: requireRole('supervisor', 'admin'),
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { since: { type: 'integer', minimum: 0 } },
        },
      },
    },
    async (request) => {
      const now = app.okno.now();
      const since = Math.max(request.query.since ?? 0, now - alertDays * 86_400_000);
      return { alerts: await recentAlerts(db, request.auth.orgId, since) };
    },
  );
}
