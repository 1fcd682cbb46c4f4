/**
 * The monthly report to ССТУ.РФ (Указ Президента № 171 of 17.04.2017): the formal appeals closed in a
 * month, by the question code of the organisation's classifier edition and by result. Appeals closed
 * with a code the edition does not hold at question level (or with none) cannot be reported: they are
 * listed for correction, and the month cannot be made final while any remain (./finals.ts).
 * A forwarded appeal is counted under its code, or under «без кода» when it was forwarded without one
 * (forwarding does not ask for a code); only appeals closed by us must carry one.
 */
import { type ClassifierTree, type SstuResult, sstuResults } from '../../../shared/domain/classifier';
import {
  type SstuColumn,
  type SstuCorrection,
  type SstuCounts,
  type SstuNumbers,
  type SstuRow,
  sstuColumns,
} from '../../../shared/model/report';
import type { Queryable } from '../db/pool';
import type { ReportPeriod } from './period';
import type { ReportScope } from './scope';

function emptyCounts(): SstuCounts {
  const counts = { total: 0 } as SstuCounts;
  for (const column of sstuColumns) counts[column] = 0;
  return counts;
}

function add(counts: SstuCounts, column: SstuColumn, n: number): void {
  counts[column] += n;
  counts.total += n;
}

const reportable = (tree: ClassifierTree, code: string | null): boolean => {
  if (code === null) return false;
  const node = tree.get(code);
  return node !== undefined && (node.level === 'question' || node.level === 'subquestion');
};

const columnOf = (result: string | null): SstuColumn =>
  result !== null && (sstuResults as readonly string[]).includes(result) ? (result as SstuResult) : 'none';

/** Counts of the month with the edition's titles, and what must be corrected first. */
export async function sstuNumbers(
  db: Queryable,
  scope: ReportScope,
  period: ReportPeriod,
  tree: ClassifierTree,
): Promise<SstuNumbers> {
  const grouped = await db.query<{ code: string | null; result: string | null; status: string; n: string }>(
    `SELECT classifier_code AS code, result, status, count(*) AS n
       FROM report_appeal_facts
      WHERE org_id = $1 AND NOT deleted AND regime = 'formal' AND status IN ('closed', 'forwarded')
        AND closed_at >= $2 AND closed_at < $3
        AND ($4::text[] IS NULL OR department_id = ANY ($4))
      GROUP BY 1, 2, 3`,
    [scope.orgId, period.from, period.to, scope.departmentIds],
  );
  const byCode = new Map<string | null, SstuCounts>();
  const totals = emptyCounts();
  const wrongCodes = new Set<string>();
  let wrongWithoutCode = false;
  for (const row of grouped.rows) {
    const n = Number(row.n);
    const fine = reportable(tree, row.code);
    if (!fine && !(row.status === 'forwarded' && row.code === null)) {
      if (row.code === null) wrongWithoutCode = true;
      else wrongCodes.add(row.code);
      continue;
    }
    const counts = byCode.get(row.code) ?? emptyCounts();
    add(counts, columnOf(row.result), n);
    add(totals, columnOf(row.result), n);
    byCode.set(row.code, counts);
  }
  const rows = [...byCode.entries()]
    .map(([code, counts]): SstuRow => {
      const path = code === null ? [] : tree.path(code).map((node) => node.title);
      return { code, title: path.at(-1) ?? null, path: path.slice(0, -1), counts };
    })
    .sort((a, b) => (a.code ?? '~').localeCompare(b.code ?? '~'));
  return {
    rows,
    sections: sectionTotals(rows, tree),
    totals,
    corrections:
      wrongCodes.size > 0 || wrongWithoutCode
        ? await correctionsOf(db, scope, period, [...wrongCodes], wrongWithoutCode)
        : [],
  };
}

function sectionTotals(rows: SstuRow[], tree: ClassifierTree): SstuNumbers['sections'] {
  const sections = new Map<string, { code: string; title: string; counts: SstuCounts }>();
  for (const row of rows) {
    const section = row.code === null ? undefined : tree.path(row.code)[0];
    if (!section) continue;
    const entry = sections.get(section.code) ?? {
      code: section.code,
      title: section.title,
      counts: emptyCounts(),
    };
    for (const column of sstuColumns) add(entry.counts, column, row.counts[column]);
    sections.set(section.code, entry);
  }
  return [...sections.values()].sort((a, b) => a.code.localeCompare(b.code));
}

async function correctionsOf(
  db: Queryable,
  scope: ReportScope,
  period: ReportPeriod,
  codes: string[],
  withoutCode: boolean,
): Promise<SstuCorrection[]> {
  const found = await db.query<{
    appeal_id: string;
    registration_number: string | null;
    classifier_code: string | null;
    closed_at: string;
    department_id: string;
  }>(
    `SELECT appeal_id, registration_number, classifier_code, closed_at, department_id
       FROM report_appeal_facts
      WHERE org_id = $1 AND NOT deleted AND regime = 'formal' AND status IN ('closed', 'forwarded')
        AND closed_at >= $2 AND closed_at < $3
        AND ($4::text[] IS NULL OR department_id = ANY ($4))
        AND (classifier_code = ANY ($5) OR ($6 AND classifier_code IS NULL AND status = 'closed'))
      ORDER BY closed_at, appeal_id`,
    [scope.orgId, period.from, period.to, scope.departmentIds, codes, withoutCode],
  );
  return found.rows.map((row) => ({
    appealId: row.appeal_id,
    registrationNumber: row.registration_number,
    classifierCode: row.classifier_code,
    closedAt: Number(row.closed_at),
    departmentId: row.department_id,
  }));
}
