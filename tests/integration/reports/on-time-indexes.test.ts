/**
 * The on-time report over a million appeals (issue 14, `npm run bench -- reports`: 677 ms p95 for the
 * whole report once the facts were partitioned by organisation in migration 550, over the 500 ms
 * target). The report now reads the facts only through the covering indexes of migration 580
 * (index-only scans of the organisation's partition, no heap rows), and its one query counts the
 * answers per combination of keys before the grouping sets, the p90 beside them — so a department,
 * executor or channel with only forwards or only overdue appeals in the period still has its row.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../../server/src/db/pool';
import { onTimeBreakdowns } from '../../../server/src/reports/on-time';
import { daysPeriod } from '../../../server/src/reports/period';
import type { ReportScope } from '../../../server/src/reports/scope';
import type { Appeal } from '../../../shared/model';
import { type OnTimeRow, onTimeDimensions } from '../../../shared/model/report';
import { createTestDatabase, seedTestOrg, type TestDatabase, type TestOrg } from '../setup/db';
import { msk, storeAppeal } from './fixtures';

const timeZone = 'Europe/Moscow';
const now = msk('2026-12-01 12:00');
const period = daysPeriod('2026-11-01', '2026-11-30', timeZone)!;
const hour = 3_600_000;

let db: TestDatabase;
let org: TestOrg;
let whole: ReportScope;

beforeAll(async () => {
  db = await createTestDatabase();
  org = await seedTestOrg(db.pool, { timeZone });
  const orgId = org.organisation.id;
  const d1 = org.departments.d1.id;
  const d2 = org.departments.d2.id;
  whole = { orgId, departmentIds: null };
  const formal = (
    registered: string,
    legalDeadline: string,
    answered: string,
  ): Partial<Appeal> & { orgId: string } => ({
    orgId,
    regime: 'formal',
    channel: 'email',
    departmentId: d1,
    assigneeId: org.users.operator1.id,
    receivedAt: msk(registered) - hour,
    registeredAt: msk(registered),
    legalDeadline,
    controlDate: legalDeadline,
    answeredAt: msk(answered),
    closedAt: msk(answered),
    result: 'explained',
  });
  // d1, operator1, e-mail: one answer on time (240 h), one late (840 h).
  await storeAppeal(db.pool, formal('2026-11-02 10:00', '2026-12-02', '2026-11-12 10:00'));
  await storeAppeal(db.pool, formal('2026-10-01 10:00', '2026-11-02', '2026-11-05 10:00'));
  // d2, operator2: no answer in November — a letter by post forwarded by competence, and an open
  // incident from VK overdue since 20 November.
  await storeAppeal(db.pool, {
    ...formal('2026-11-05 10:00', '2026-12-07', '2026-11-06 12:00'),
    channel: 'post',
    departmentId: d2,
    assigneeId: org.users.operator2.id,
    status: 'forwarded',
    answeredAt: null,
    result: 'forwarded_by_competence',
    forwardedTo: { bodyName: 'Прокуратура района', at: msk('2026-11-06 12:00') },
  });
  await storeAppeal(db.pool, {
    orgId,
    regime: 'incident',
    channel: 'vk',
    status: 'in_progress',
    departmentId: d2,
    assigneeId: org.users.operator2.id,
    receivedAt: msk('2026-11-20 09:00'),
    dueAt: msk('2026-11-20 17:00'),
    registeredAt: null,
    legalDeadline: null,
    controlDate: null,
  });
  // The visibility map, as autovacuum keeps it on a live partition: index-only scans need it.
  await db.pool.query('VACUUM ANALYZE report_appeal_facts');
});

afterAll(async () => {
  await db?.drop();
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** Every scan of a table in the plans of the statements `run` sends (EXPLAIN, not run). */
async function scansOf(run: (explaining: Queryable) => Promise<unknown>) {
  const client = await db.pool.connect();
  const scans: { relation: string; type: string }[] = [];
  const walk = (node: PlanNode) => {
    if (node['Relation Name']) scans.push({ relation: node['Relation Name'], type: node['Node Type'] });
    for (const child of node.Plans ?? []) walk(child);
  };
  try {
    // The test's table is small: without these the planner rightly reads it whole. With them it
    // takes an index-only scan wherever an index holds every column the statement reads.
    await client.query('SET enable_seqscan = off');
    await client.query('SET enable_bitmapscan = off');
    const explaining = {
      async query(sql: string, params?: unknown[]) {
        const result = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
          `EXPLAIN (FORMAT JSON) ${sql}`,
          params,
        );
        for (const row of result.rows) walk(row['QUERY PLAN'][0]!.Plan);
        return { rows: [] };
      },
    } as unknown as Queryable;
    await run(explaining);
  } finally {
    await client.query('RESET ALL');
    client.release();
  }
  return scans;
}

describe('the on-time report over many appeals', () => {
  it('defect 14 bench: the on-time report reads its facts by index-only scans of the organisation’s partition', async () => {
    const { rows } = await db.pool.query<{ name: string }>(
      `SELECT okno_org_partition_name('report_appeal_facts', $1) AS name`,
      [org.organisation.id],
    );
    const partition = { relation: rows[0]!.name, type: 'Index Only Scan' };
    for (const scope of [whole, { ...whole, departmentIds: [org.departments.d1.id] }]) {
      const scans = await scansOf((explaining) =>
        onTimeBreakdowns(explaining, scope, period, onTimeDimensions, timeZone, now),
      );
      // The answers in the period (read once for the counts and the p90), the forwards, the open appeals.
      expect(scans).toEqual([partition, partition, partition]);
    }
  });

  it('keeps a row for keys with only forwards or only overdue appeals, beside the answers', async () => {
    const breakdowns = await onTimeBreakdowns(db.pool, whole, period, onTimeDimensions, timeZone, now);
    const none = {
      answered: 0,
      onTime: 0,
      late: 0,
      withoutTerm: 0,
      onTimeShare: null,
      averageHours: null,
      p90Hours: null,
      extended: 0,
    };
    // 240 h and 840 h: the average 540 h, the p90 240 + 0.9 × 600 = 780 h.
    const answers = {
      answered: 2,
      onTime: 1,
      late: 1,
      withoutTerm: 0,
      onTimeShare: 50,
      averageHours: 540,
      p90Hours: 780,
      extended: 0,
    };
    const keyed = (rows: OnTimeRow[] | undefined) =>
      Object.fromEntries((rows ?? []).map((row) => [row.key, row]));
    expect(keyed(breakdowns.department)).toEqual({
      [org.departments.d1.id]: { key: org.departments.d1.id, ...answers, forwarded: 0, overdueNow: 0 },
      [org.departments.d2.id]: { key: org.departments.d2.id, ...none, forwarded: 1, overdueNow: 1 },
      null: { key: null, ...answers, forwarded: 1, overdueNow: 1 },
    });
    expect(keyed(breakdowns.executor)[org.users.operator2.id]).toEqual({
      key: org.users.operator2.id,
      ...none,
      forwarded: 1,
      overdueNow: 1,
    });
    expect(breakdowns.channel?.map((row) => [row.key, row.answered, row.forwarded, row.overdueNow])).toEqual([
      ['email', 2, 0, 0],
      ['post', 0, 1, 0],
      ['vk', 0, 0, 1],
      [null, 2, 1, 1],
    ]);
    expect(breakdowns.regime?.map((row) => [row.key, row.answered, row.forwarded, row.overdueNow])).toEqual([
      ['formal', 2, 1, 0],
      ['incident', 0, 0, 1],
      [null, 2, 1, 1],
    ]);
  });

  it('gives only a total of zeros to a scope with nothing in it', async () => {
    const breakdowns = await onTimeBreakdowns(
      db.pool,
      { ...whole, departmentIds: ['no-such-department'] },
      period,
      onTimeDimensions,
      timeZone,
      now,
    );
    for (const dimension of onTimeDimensions) {
      expect(breakdowns[dimension]).toEqual([{ key: null, ...zeros() }]);
    }
  });
});

function zeros() {
  return {
    answered: 0,
    onTime: 0,
    late: 0,
    withoutTerm: 0,
    onTimeShare: null,
    averageHours: null,
    p90Hours: null,
    extended: 0,
    forwarded: 0,
    overdueNow: 0,
  };
}
