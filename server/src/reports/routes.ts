/**
 * Reports (issue 14), computed on the server because they span departments:
 *   GET  /api/v1/reports/sstu?month=YYYY-MM                 → { report: SstuReport }
 *   GET  /api/v1/reports/sstu.xlsx?month=YYYY-MM            → the workbook
 *   POST /api/v1/reports/sstu/final { month }               → { report } made final
 *   GET  /api/v1/reports/on-time?from=YYYY-MM-DD&to=…       → { report: OnTimeReport }
 *   GET  /api/v1/reports/on-time.xlsx?from=…&to=…           → the workbook
 * Heads see their departments, supervisors and administrators the organisation; operators get 403.
 * Only a supervisor or an administrator makes a month final (409 `report_corrections_needed` with the
 * appeals to correct, 409 `report_sample_classifier` on Okno's sample edition). A bad period is 400
 * `report_period_invalid`. Every export is audited (`report.export`), a final report too (./finals.ts).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { OnTimeReport, SstuReport } from '../../../shared/model/report';
import { appendAudit } from '../audit/audit';
import type { AuthContext } from '../auth/context';
import { requireRole } from '../auth/require-auth';
import { ApiError } from '../http/errors';
import { storeFinal } from './finals';
import { onTimeReport, PeriodInvalid, sstuReport } from './reports';
import { reportScopeOf } from './scope';
import { onTimeWorkbook, sstuWorkbook } from './xlsx';

const monthQuery = {
  type: 'object',
  required: ['month'],
  additionalProperties: false,
  properties: { month: { type: 'string', maxLength: 7 } },
} as const;
const daysQuery = {
  type: 'object',
  required: ['from', 'to'],
  additionalProperties: false,
  properties: { from: { type: 'string', maxLength: 10 }, to: { type: 'string', maxLength: 10 } },
} as const;

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function periodChecked<T>(compute: () => Promise<T>): Promise<T> {
  try {
    return await compute();
  } catch (error) {
    if (error instanceof PeriodInvalid) throw new ApiError(400, 'report_period_invalid', error.message);
    throw error;
  }
}

async function sendWorkbook(
  app: FastifyInstance,
  auth: AuthContext,
  reply: FastifyReply,
  report: SstuReport | OnTimeReport,
  file: Buffer,
) {
  const period = report.kind === 'sstu' ? report.month : `${report.from}_${report.to}`;
  await appendAudit(app.okno.db, {
    orgId: auth.orgId,
    actorUserId: auth.userId,
    deviceId: auth.deviceId,
    action: 'report.export',
    entity: 'report',
    entityId: `${report.kind}:${period}`,
    details: { kind: report.kind, period, format: 'xlsx', departmentIds: report.departmentIds },
  });
  const name = `okno-${report.kind}-${period}.xlsx`;
  reply
    .header('content-type', xlsxType)
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-store');
  return file;
}

export async function reportRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.okno;
  const readers = requireRole('head', 'supervisor', 'admin');
  const finalisers = requireRole('supervisor', 'admin');

  app.get<{ Querystring: { month: string } }>(
    '/reports/sstu',
    { preHandler: readers, schema: { querystring: monthQuery } },
    async (request) => ({
      report: await periodChecked(() =>
        sstuReport(db, reportScopeOf(request.auth), request.query.month, app.okno.now()),
      ),
    }),
  );

  app.get<{ Querystring: { month: string } }>(
    '/reports/sstu.xlsx',
    { preHandler: readers, schema: { querystring: monthQuery } },
    async (request, reply) => {
      const report = await periodChecked(() =>
        sstuReport(db, reportScopeOf(request.auth), request.query.month, app.okno.now()),
      );
      return sendWorkbook(app, request.auth, reply, report, await sstuWorkbook(report));
    },
  );

  app.post<{ Body: { month: string } }>(
    '/reports/sstu/final',
    { preHandler: finalisers, schema: { body: monthQuery } },
    async (request) => {
      const { auth } = request;
      const scope = reportScopeOf(auth);
      const report = await periodChecked(() => sstuReport(db, scope, request.body.month, app.okno.now()));
      if (report.edition.sample) {
        throw new ApiError(
          409,
          'report_sample_classifier',
          "The organisation reports with Okno's sample edition",
        );
      }
      if (report.corrections.length > 0) {
        throw new ApiError(
          409,
          'report_corrections_needed',
          'Appeals closed with codes outside the edition',
          {
            corrections: report.corrections,
          },
        );
      }
      await storeFinal(db, auth.orgId, report.month, report.edition.edition, report, {
        userId: auth.userId,
        deviceId: auth.deviceId,
      });
      return { report: await sstuReport(db, scope, report.month, app.okno.now()) };
    },
  );

  app.get<{ Querystring: { from: string; to: string } }>(
    '/reports/on-time',
    { preHandler: readers, schema: { querystring: daysQuery } },
    async (request) => ({
      report: await periodChecked(() =>
        onTimeReport(db, reportScopeOf(request.auth), request.query, app.okno.now()),
      ),
    }),
  );

  app.get<{ Querystring: { from: string; to: string } }>(
    '/reports/on-time.xlsx',
    { preHandler: readers, schema: { querystring: daysQuery } },
    async (request, reply) => {
      const report = await periodChecked(() =>
        onTimeReport(db, reportScopeOf(request.auth), request.query, app.okno.now()),
      );
      return sendWorkbook(app, request.auth, reply, report, await onTimeWorkbook(report));
    },
  );
}
