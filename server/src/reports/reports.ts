/**
 * The reports as the routes serve them: numbers (./sstu.ts, ./on-time.ts) with what a reader needs
 * beside them — the organisation, the period, the classifier edition, the names of departments and
 * executors, and whether the month was made final.
 */
import { type ClassifierTree, loadClassifier, loadSampleClassifier } from '../../../shared/domain/classifier';
import {
  type OnTimeDimension,
  type OnTimeReport,
  type OnTimeRow,
  onTimeDimensions,
  type SstuReport,
} from '../../../shared/model/report';
import { loadOrgRules } from '../appeals/registration';
import { loadOrganisationEdition } from '../classifier/editions';
import type { Queryable } from '../db/pool';
import { latestFinal } from './finals';
import { onTimeBreakdowns } from './on-time';
import { daysPeriod, monthPeriod } from './period';
import type { ReportScope } from './scope';
import { sstuNumbers } from './sstu';

export class PeriodInvalid extends Error {}

const sample = loadSampleClassifier();

/** The organisation's loaded edition, or the bundled sample. */
async function editionOf(db: Queryable, orgId: string): Promise<ClassifierTree> {
  const stored = await loadOrganisationEdition(db, orgId);
  const loaded = stored ? loadClassifier(stored.content) : null;
  if (loaded?.ok) return loaded.value;
  if (!sample.ok) throw new Error('the bundled classifier edition does not load');
  return sample.value;
}

async function headingOf(db: Queryable, scope: ReportScope, now: number) {
  const [rules, org] = await Promise.all([
    loadOrgRules(db, scope.orgId),
    db.query<{ name: string }>('SELECT name FROM organisations WHERE id = $1', [scope.orgId]),
  ]);
  return {
    organisationName: org.rows[0]?.name ?? '',
    timeZone: rules.timeZone,
    computedAt: now,
    departmentIds: scope.departmentIds,
  };
}

async function namesOf(db: Queryable, orgId: string, table: 'departments' | 'users') {
  const column = table === 'departments' ? 'name' : 'display_name';
  const found = await db.query<{ id: string; name: string }>(
    `SELECT id, ${column} AS name FROM ${table} WHERE org_id = $1`,
    [orgId],
  );
  return Object.fromEntries(found.rows.map((row) => [row.id, row.name]));
}

export async function sstuReport(
  db: Queryable,
  scope: ReportScope,
  month: string,
  now: number,
): Promise<SstuReport> {
  const heading = await headingOf(db, scope, now);
  const period = monthPeriod(month, heading.timeZone);
  if (!period) throw new PeriodInvalid(`not a month: ${month.slice(0, 20)}`);
  const tree = await editionOf(db, scope.orgId);
  const [numbers, final, departmentNames] = await Promise.all([
    sstuNumbers(db, scope, period, tree),
    scope.departmentIds === null ? latestFinal(db, scope.orgId, month) : Promise.resolve(null),
    namesOf(db, scope.orgId, 'departments'),
  ]);
  return {
    kind: 'sstu',
    month,
    ...heading,
    period,
    edition: { edition: tree.edition, sample: tree.sample },
    ...numbers,
    final,
    departmentNames,
  };
}

export async function onTimeReport(
  db: Queryable,
  scope: ReportScope,
  days: { from: string; to: string },
  now: number,
): Promise<OnTimeReport> {
  const heading = await headingOf(db, scope, now);
  const period = daysPeriod(days.from, days.to, heading.timeZone);
  if (!period) throw new PeriodInvalid(`not a period: ${days.from.slice(0, 20)}…${days.to.slice(0, 20)}`);
  const [breakdowns, departmentNames, executorNames] = await Promise.all([
    onTimeBreakdowns(db, scope, period, onTimeDimensions, heading.timeZone, now) as Promise<
      Record<OnTimeDimension, OnTimeRow[]>
    >,
    namesOf(db, scope.orgId, 'departments'),
    namesOf(db, scope.orgId, 'users'),
  ]);
  return {
    kind: 'on-time',
    ...heading,
    period,
    from: days.from,
    to: days.to,
    breakdowns,
    departmentNames,
    executorNames,
  };
}
