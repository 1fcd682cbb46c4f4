/**
 * Reports over a million appeals (`npm run bench -- reports`; issue 14). An embedded PostgreSQL with
 * every migration, one organisation of 8 departments and 24 executors, and 1,000,000 appeals spread over
 * two years (half incidents, a fifth portal messages, the rest formal appeals with codes of the classifier
 * edition and results; 3 % still open, some late, some extended or forwarded), generated in SQL with
 * INSERT … SELECT generate_series into sync_appeals — so the report facts come through the same
 * triggers (migration 530) every writer goes through.
 *
 * Times, p50/p95 in ms over the last twelve months, each month a sample:
 * - sstu*: the monthly ССТУ report (./server/src/reports/sstu.ts) for the organisation and for a head of two departments;
 * - onTime<Dimension>*: one on-time breakdown of a month (department, executor, channel, regime);
 * - onTimeQuarter*: the department breakdown of a quarter;
 * - onTimeReport*: the whole on-time report of a month as the route computes it (four breakdowns, names).
 * - control*: H6's «Аналитика» dashboard queries (server/src/control/dashboard.ts) over their facts
 *   (control_appeal_facts, filled here in SQL from the same appeals: 20 territories, 500 places) for the
 *   last month and quarter: category × territory, weekly counts, repeat places, and one cell's drill-down.
 * Plus how long the generation (with the triggers) took. Indexes used: report_appeal_facts
 * (org_id, closed_at), (org_id, coalesce(answered_at, closed_at)), (org_id, forwarded_at), open appeals by
 * (org_id, due_at), the last three covering the on-time report's columns (migration 580: index-only
 * scans) — docs/ARCHITECTURE.md, Reports.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDepartment } from '../../server/src/accounts/departments';
import { createOrganisation } from '../../server/src/accounts/organisations';
import { createUser } from '../../server/src/accounts/users';
import {
  categoryTerritoryCells,
  cellAppeals,
  repeatPlaces,
  weeklyCounts,
} from '../../server/src/control/dashboard';
import { periodWindow } from '../../server/src/control/periods';
import { freePort, startEmbeddedPostgres } from '../../server/src/db/embedded';
import { migrate } from '../../server/src/db/migrate';
import { createPool } from '../../server/src/db/pool';
import { onTimeBreakdown } from '../../server/src/reports/on-time';
import { daysPeriod, monthPeriod } from '../../server/src/reports/period';
import { onTimeReport } from '../../server/src/reports/reports';
import type { ReportScope } from '../../server/src/reports/scope';
import { sstuNumbers } from '../../server/src/reports/sstu';
import { loadSampleClassifier } from '../../shared/domain/classifier';
import { onTimeDimensions } from '../../shared/model/report';
import type { BenchTarget } from './targets';

export const scenario = 'reports';

const under500 = (what: string): BenchTarget => ({
  max: 500,
  unit: 'ms',
  what: `p95 over 12 months: ${what}`,
});
/** Issue 14: p95 per query under 500 ms over 1,000,000 appeals. */
export const targets: Record<string, BenchTarget> = {
  sstuP95Ms: under500('the monthly ССТУ report of the organisation'),
  sstuHeadP95Ms: under500('the monthly ССТУ report of a head of two departments'),
  onTimeReportP95Ms: under500('the whole on-time report of a month (four breakdowns)'),
  onTimeQuarterP95Ms: under500('the on-time department breakdown of a quarter'),
  controlCellsQuarterP95Ms: under500('«Аналитика» category × territory of a quarter'),
  controlWeeklyQuarterP95Ms: under500('«Аналитика» weekly counts of a quarter'),
  controlRepeatsQuarterP95Ms: under500('«Аналитика» repeat places of a quarter'),
  controlDrillDownQuarterP95Ms: under500('«Аналитика» one cell drilled down to its appeals, a quarter'),
};

/** `OKNO_BENCH_REPORT_APPEALS` scales it down for a quick look; the scenario's figures are for a million. */
const appeals = Number(process.env.OKNO_BENCH_REPORT_APPEALS ?? 1_000_000);
const batch = Math.min(100_000, appeals);
const departments = 8;
const executorsPerDepartment = 3;
const timeZone = 'Europe/Moscow';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

async function timed(samples: number[], work: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await work();
  samples.push(performance.now() - started);
}

function summary(name: string, samples: number[]): Record<string, number> {
  const sorted = [...samples].sort((a, b) => a - b);
  return { [`${name}P50Ms`]: round(percentile(sorted, 50)), [`${name}P95Ms`]: round(percentile(sorted, 95)) };
}

/** The last twelve whole months before `now`, as `YYYY-MM`. */
function lastMonths(now: number): string[] {
  const date = new Date(now);
  const months: string[] = [];
  for (let back = 1; back <= 12; back += 1) {
    const at = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - back, 1));
    months.push(`${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return months;
}

/** One batch of appeals `first`…`last`: the documents as the server stores them, built in SQL. */
const generate = `
INSERT INTO sync_appeals (org_id, id, seq, doc, department_ids)
SELECT $1::text, 'bench-' || g, nextval('okno_sync_seq'), doc, ARRAY[dept]
  FROM (
    SELECT g, dept,
      jsonb_build_object(
        'id', 'bench-' || g, 'orgId', $1::text, 'regime', regime, 'channel', channel, 'urgent', false,
        'subject', 'Обращение ' || g, 'text', repeat('Текст обращения жителя о проблеме во дворе. ', 6),
        'category', (ARRAY['roads','courtyards','waste','lighting','public-transport','utilities'])[1 + g % 6],
        'subcategory', NULL, 'classifierCode', code, 'departmentId', dept, 'assigneeId', assignee,
        'status', status, 'registrationNumber', CASE WHEN regime = 'formal' THEN 'Б-' || g END,
        'receivedAt', received, 'registeredAt', registered,
        'dueAt', CASE WHEN open THEN due ELSE 253402300799999 END,
        'legalDeadline', legal, 'controlDate', legal,
        'answeredAt', CASE WHEN open OR forwarded THEN NULL ELSE answered END,
        'closedAt', CASE WHEN open THEN NULL ELSE answered + 3600000 END,
        'extension', CASE WHEN extended THEN jsonb_build_object('days', 30, 'reason', 'Запрос', 'noticeQueuedAt', registered) END,
        'forwardedTo', CASE WHEN forwarded AND NOT open THEN jsonb_build_object('bodyName', 'Прокуратура', 'at', answered) END,
        'result', CASE WHEN open THEN NULL WHEN forwarded THEN 'forwarded_by_competence'
                       WHEN regime = 'formal' THEN (ARRAY['supported','supported_measures_taken','explained','not_supported','answered_to_author','left_without_answer'])[1 + (g / 7) % 6] END,
        'territoryId', NULL, 'problemId', NULL, 'sourcePost', NULL, 'verdict', NULL,
        'updatedAt', received, '_deleted', false) AS doc
      FROM (
        SELECT g, regime, channel, dept, assignee, received, registered, extended, forwarded,
               code, start + took AS answered, start + took > $3::bigint OR g % 33 = 0 AS open,
               CASE WHEN regime = 'incident' THEN received + 8 * 3600000
                    ELSE (extract(epoch FROM ((legal_day + 1)::timestamp AT TIME ZONE '${timeZone}')) * 1000)::bigint END AS due,
               to_char(legal_day, 'YYYY-MM-DD') AS legal,
               CASE WHEN start + took > $3::bigint OR g % 33 = 0 THEN 'in_progress'
                    WHEN forwarded THEN 'forwarded' ELSE 'closed' END AS status
          FROM (
            SELECT g, regime, channel, dept, assignee, received, registered, code,
                   regime = 'formal' AND g % 19 = 0 AS extended,
                   regime = 'formal' AND g % 31 = 0 AS forwarded,
                   coalesce(registered, received) AS start,
                   CASE WHEN regime = 'incident' THEN (1 + (g % 97) / 8.0) * 3600000
                        ELSE (1 + (g % 89) / 2.2) * 86400000 END::bigint AS took,
                   CASE WHEN regime = 'incident' THEN NULL
                        ELSE (to_timestamp(coalesce(registered, received) / 1000.0) AT TIME ZONE '${timeZone}')::date
                             + CASE WHEN regime = 'formal' THEN 30 + CASE WHEN g % 19 = 0 THEN 30 ELSE 0 END ELSE 14 END END AS legal_day
              FROM (
                SELECT g, received,
                       CASE WHEN g % 10 < 5 THEN 'incident' WHEN g % 10 < 7 THEN 'portal' ELSE 'formal' END AS regime,
                       (ARRAY['vk','ok','telegram','max','email','portal','reception','phone','post'])[1 + (g / 3) % 9] AS channel,
                       ($4::text[])[1 + (g / 11) % ${departments}] AS dept,
                       ($5::text[])[1 + (g / 11) % ${departments} + ${departments} * ((g / 5) % ${executorsPerDepartment})] AS assignee,
                       CASE WHEN g % 10 >= 7 THEN received + 3600000 * (1 + g % 40) END AS registered,
                       CASE WHEN g % 10 < 7 THEN NULL WHEN g % 211 = 0 THEN '0009.0009.0009.0009'
                            ELSE ($6::text[])[1 + (g / 13) % cardinality($6::text[])] END AS code
                  FROM (SELECT g, $3::bigint - ((g::bigint * 7919) % $2::bigint) * (730 * 86400000::bigint / $2::bigint) AS received
                          FROM generate_series($7::int, $8::int) g) seeded
              ) picked
          ) timed
      ) shaped
  ) made`;

export async function run(): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'okno-bench-reports-'));
  chmodSync(dir, 0o755);
  const cluster = await startEmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port: await freePort(),
    password: 'bench',
    ephemeral: true,
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'max_wal_size=4GB'],
  });
  const url = cluster.urlFor('postgres');
  const pool = createPool(url, 4);
  try {
    await migrate(url);
    const now = Date.now();
    const org = await createOrganisation(pool, { name: 'Бенчмарк отчётов', timeZone });
    const deptIds: string[] = [];
    for (let d = 1; d <= departments; d += 1) {
      deptIds.push((await createDepartment(pool, { orgId: org.id, code: `R${d}`, name: `Отдел ${d}` })).id);
    }
    // Executor i×departments + d works in department d.
    const userIds: string[] = [];
    for (let e = 0; e < executorsPerDepartment; e += 1) {
      for (const [d, departmentId] of deptIds.entries()) {
        const { user } = await createUser(pool, {
          orgId: org.id,
          login: `bench-${e}-${d}`,
          displayName: `Исполнитель ${e}-${d}`,
          role: 'operator',
          departments: [departmentId],
          password: 'bench password 123',
        });
        userIds.push(user.id);
      }
    }
    const sample = loadSampleClassifier();
    if (!sample.ok) throw new Error('sample classifier');
    const tree = sample.value;
    const codes: string[] = [];
    const walk = (code: string) => {
      for (const child of tree.children(code)) {
        if (child.level === 'question') codes.push(child.code);
        walk(child.code);
      }
    };
    for (const section of tree.sections) walk(section.code);

    const generating = performance.now();
    for (let first = 1; first <= appeals; first += batch) {
      await pool.query(generate, [org.id, appeals, now, deptIds, userIds, codes, first, first + batch - 1]);
    }
    const generateSeconds = (performance.now() - generating) / 1000;
    // The control job's facts (it reads each appeal's words for a territory; here the places are given).
    await pool.query(
      `INSERT INTO control_appeal_facts (org_id, appeal_id, received_at, category, territory_id, department_id, place_key, place_label)
       SELECT org_id, id, (doc->>'receivedAt')::bigint, doc->>'category', 'territory-' || (hashtext(id) & 1023) % 20,
              doc->>'departmentId', 'place-' || (hashtext(id) & 65535) % 500, 'ул. Бенчмарка, ' || (hashtext(id) & 65535) % 500
         FROM sync_appeals WHERE org_id = $1`,
      [org.id],
    );
    await pool.query('VACUUM ANALYZE control_appeal_facts');
    await pool.query('VACUUM ANALYZE report_appeal_facts');
    await pool.query('ANALYZE sync_appeals');
    const facts = await pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM report_appeal_facts WHERE org_id = $1',
      [org.id],
    );

    const whole: ReportScope = { orgId: org.id, departmentIds: null };
    const head: ReportScope = { orgId: org.id, departmentIds: deptIds.slice(0, 2) };
    const months = lastMonths(now);
    const samples: Record<string, number[]> = {};
    const sampled = (name: string) => {
      samples[name] ??= [];
      return samples[name];
    };
    // Two passes over the twelve months; the first warms the cache as a running server's would be.
    for (let pass = 0; pass < 2; pass += 1) {
      for (const month of months) {
        const period = monthPeriod(month, timeZone)!;
        const keep = (name: string) => (pass === 1 ? sampled(name) : []);
        await timed(keep('sstu'), () => sstuNumbers(pool, whole, period, tree));
        await timed(keep('sstuHead'), () => sstuNumbers(pool, head, period, tree));
        for (const dimension of onTimeDimensions) {
          const name = `onTime${dimension[0]!.toUpperCase()}${dimension.slice(1)}`;
          await timed(keep(name), () => onTimeBreakdown(pool, whole, period, dimension, timeZone, now));
        }
        const [year, index] = month.split('-').map(Number) as [number, number];
        const quarterStart = `${year}-${String(index).padStart(2, '0')}-01`;
        const end = new Date(Date.UTC(year, index + 2, 0)).toISOString().slice(0, 10);
        const quarter = daysPeriod(quarterStart, end, timeZone)!;
        await timed(keep('onTimeQuarter'), () =>
          onTimeBreakdown(pool, whole, quarter, 'department', timeZone, now),
        );
        const last = new Date(Date.UTC(year, index, 0)).toISOString().slice(0, 10);
        await timed(keep('onTimeReport'), () =>
          onTimeReport(pool, whole, { from: `${month}-01`, to: last }, now),
        );
      }
    }
    const control = { orgId: org.id, departmentIds: null };
    for (let pass = 0; pass < 2; pass += 1) {
      for (const kind of ['month', 'quarter'] as const) {
        for (let week = 0; week < 6; week += 1) {
          const window = periodWindow(kind, now - week * 7 * 86_400_000, timeZone)!;
          const keep = (name: string) =>
            pass === 1 ? sampled(`${name}${kind === 'month' ? 'Month' : 'Quarter'}`) : [];
          await timed(keep('controlCells'), () => categoryTerritoryCells(pool, control, window));
          await timed(keep('controlWeekly'), () => weeklyCounts(pool, control, window, timeZone));
          await timed(keep('controlRepeats'), () => repeatPlaces(pool, control, window, 3));
          await timed(keep('controlDrillDown'), () =>
            cellAppeals(pool, control, window, { category: 'roads', territoryId: 'territory-3' }),
          );
        }
      }
    }
    const metrics: Record<string, number> = {
      appeals: Number(facts.rows[0]?.n ?? 0),
      generateSeconds: round(generateSeconds),
    };
    for (const [name, list] of Object.entries(samples)) Object.assign(metrics, summary(name, list));
    return metrics;
  } finally {
    await pool.end();
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
