/**
 * «Качество ответов» (issue 14): of the appeals asked «Помог ли ответ?» in a period, how many said
 * yes / partly / no / nothing — per department, working category and executor — and how many
 * answers heads returned for rework in the period. Read from `quality_verdicts` and
 * `answer_approvals` joined to the appeals (one organisation, one period: both tables are small
 * beside the appeals, and each has the organisation first in its key).
 */
import type { Queryable } from '../db/pool';

export interface VerdictCounts {
  key: string;
  asked: number;
  yes: number;
  partly: number;
  no: number;
  noAnswer: number;
  returned: number;
}

export interface QualitySummary {
  from: number;
  to: number;
  total: VerdictCounts;
  byDepartment: VerdictCounts[];
  byCategory: VerdictCounts[];
  byExecutor: VerdictCounts[];
}

const groupings = {
  byDepartment: "coalesce(a.doc->>'departmentId', '')",
  byCategory: "coalesce(a.doc->>'category', '')",
  byExecutor: "coalesce(a.doc->>'assigneeId', '')",
} as const;

async function counted(
  db: Queryable,
  orgId: string,
  from: number,
  to: number,
  key: string,
): Promise<VerdictCounts[]> {
  const found = await db.query<{
    key: string;
    asked: string;
    yes: string;
    partly: string;
    no: string;
    returned: string;
  }>(
    `WITH asked AS (
       SELECT ${key} AS key, v.value FROM quality_verdicts v
         JOIN sync_appeals a ON a.org_id = v.org_id AND a.id = v.appeal_id
        WHERE v.org_id = $1 AND v.asked_at >= to_timestamp($2 / 1000.0) AND v.asked_at < to_timestamp($3 / 1000.0)
     ), returned AS (
       SELECT ${key} AS key, count(*) AS n FROM answer_approvals q
         JOIN sync_appeals a ON a.org_id = q.org_id AND a.id = q.appeal_id
        WHERE q.org_id = $1 AND q.status = 'returned'
          AND q.decided_at >= to_timestamp($2 / 1000.0) AND q.decided_at < to_timestamp($3 / 1000.0)
        GROUP BY 1
     ), counts AS (
       SELECT key, count(*) AS asked, count(*) FILTER (WHERE value = 'yes') AS yes,
              count(*) FILTER (WHERE value = 'partly') AS partly, count(*) FILTER (WHERE value = 'no') AS no
         FROM asked GROUP BY key
     )
     SELECT coalesce(c.key, r.key) AS key, coalesce(c.asked, 0) AS asked, coalesce(c.yes, 0) AS yes,
            coalesce(c.partly, 0) AS partly, coalesce(c.no, 0) AS no, coalesce(r.n, 0) AS returned
       FROM counts c FULL JOIN returned r ON r.key = c.key
      ORDER BY 2 DESC, 1`,
    [orgId, from, to],
  );
  return found.rows.map((row) => {
    const asked = Number(row.asked);
    const yes = Number(row.yes);
    const partly = Number(row.partly);
    const no = Number(row.no);
    return {
      key: row.key,
      asked,
      yes,
      partly,
      no,
      noAnswer: asked - yes - partly - no,
      returned: Number(row.returned),
    };
  });
}

function sum(rows: VerdictCounts[]): VerdictCounts {
  const total: VerdictCounts = { key: '', asked: 0, yes: 0, partly: 0, no: 0, noAnswer: 0, returned: 0 };
  for (const row of rows) {
    for (const field of ['asked', 'yes', 'partly', 'no', 'noAnswer', 'returned'] as const)
      total[field] += row[field];
  }
  return total;
}

export async function qualitySummary(
  db: Queryable,
  orgId: string,
  from: number,
  to: number,
): Promise<QualitySummary> {
  const byDepartment = await counted(db, orgId, from, to, groupings.byDepartment);
  const byCategory = await counted(db, orgId, from, to, groupings.byCategory);
  const byExecutor = await counted(db, orgId, from, to, groupings.byExecutor);
  return { from, to, total: sum(byDepartment), byDepartment, byCategory, byExecutor };
}

export const summaryGroupings = ['department', 'category', 'executor'] as const;
export const summaryOutcomes = ['asked', 'yes', 'partly', 'no', 'noAnswer', 'returned'] as const;

export interface SummaryAppeal {
  appealId: string;
  registrationNumber: string | null;
  subject: string;
  status: string;
  verdict: string | null;
}

/**
 * The appeals behind one number of the summary (the dashboard's drill-down): of a department,
 * category or executor (`key`; '' = none), those asked in the period with the given outcome, or whose
 * answers were returned for rework in it. Newest first, at most 500.
 */
export async function summaryAppeals(
  db: Queryable,
  orgId: string,
  period: { from: number; to: number },
  by: (typeof summaryGroupings)[number],
  key: string,
  outcome: (typeof summaryOutcomes)[number],
): Promise<SummaryAppeal[]> {
  const grouping = {
    department: groupings.byDepartment,
    category: groupings.byCategory,
    executor: groupings.byExecutor,
  }[by];
  const value = {
    asked: 'TRUE',
    yes: "v.value = 'yes'",
    partly: "v.value = 'partly'",
    no: "v.value = 'no'",
    noAnswer: 'v.value IS NULL',
    returned: 'TRUE',
  }[outcome];
  const sql =
    outcome === 'returned'
      ? `SELECT DISTINCT ON (a.id) a.id, a.doc, NULL AS value, q.decided_at AS at FROM answer_approvals q
           JOIN sync_appeals a ON a.org_id = q.org_id AND a.id = q.appeal_id
          WHERE q.org_id = $1 AND q.status = 'returned'
            AND q.decided_at >= to_timestamp($2 / 1000.0) AND q.decided_at < to_timestamp($3 / 1000.0)
            AND ${grouping} = $4
          ORDER BY a.id, q.decided_at DESC`
      : `SELECT a.id, a.doc, v.value, v.asked_at AS at FROM quality_verdicts v
           JOIN sync_appeals a ON a.org_id = v.org_id AND a.id = v.appeal_id
          WHERE v.org_id = $1 AND v.asked_at >= to_timestamp($2 / 1000.0) AND v.asked_at < to_timestamp($3 / 1000.0)
            AND ${grouping} = $4 AND ${value}`;
  const found = await db.query<{ id: string; doc: Record<string, unknown>; value: string | null; at: Date }>(
    `SELECT * FROM (${sql}) found ORDER BY at DESC LIMIT 500`,
    [orgId, period.from, period.to, key],
  );
  return found.rows.map((row) => ({
    appealId: row.id,
    registrationNumber: (row.doc.registrationNumber as string | null) ?? null,
    subject: String(row.doc.subject ?? ''),
    status: String(row.doc.status ?? ''),
    verdict: row.value,
  }));
}
