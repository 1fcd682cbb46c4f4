/**
 * On-time performance (issue 14): for a period, by department, executor, channel and regime — how many
 * appeals were answered, how many of them within the term, the share, the average and 90th percentile
 * time to answer, how many had the term extended, how many were forwarded by competence in the period,
 * and how many open appeals are overdue now. Read from report_appeal_facts (migration 530).
 *
 * - Answered in the period: the answer instant (`answeredAt`, else `closedAt` for a closing without an
 *   answer step) falls in it; forwarded, merged and converted appeals are not answers of ours.
 * - The term: the legal deadline's whole day in the organisation's zone (formal and portal appeals —
 *   an extension is already in it), or the last due instant an incident had; an appeal without either
 *   (a formal appeal closed before registration) counts as answered «без срока», outside the share.
 * - Time to answer: from registration (formal appeals), else from receipt.
 * - Overdue now: open appeals (not answered or closed) whose due instant is past at `now`.
 */
import type { OnTimeDimension, OnTimeRow } from '../../../shared/model/report';
import type { Queryable } from '../db/pool';
import { percentOf, type ReportPeriod } from './period';
import type { ReportScope } from './scope';

const dimensionColumns: Record<OnTimeDimension, string> = {
  department: 'department_id',
  executor: 'assignee_id',
  channel: 'channel',
  regime: 'regime',
};

interface Aggregate {
  key: string | null;
  total_row: boolean;
  answered: string;
  on_time: string;
  late: string;
  without_term: string;
  average_ms: string | null;
  p90_ms: string | null;
  extended: string;
  forwarded: string;
  overdue_now: string;
}

const hours = (ms: string | null) => (ms === null ? null : Math.round(Number(ms) / 360_000) / 10);

/** One breakdown, the total last; `now` decides «overdue now». */
export async function onTimeBreakdown(
  db: Queryable,
  scope: ReportScope,
  period: ReportPeriod,
  dimension: OnTimeDimension,
  timeZone: string,
  now: number,
): Promise<OnTimeRow[]> {
  const key = dimensionColumns[dimension];
  const result = await db.query<Aggregate>(
    `WITH answered AS (
       SELECT ${key} AS key, f.extended,
              coalesce(f.answered_at, f.closed_at) AS answer_at,
              coalesce(f.answered_at, f.closed_at) - coalesce(f.registered_at, f.received_at) AS took,
              CASE WHEN f.legal_deadline IS NOT NULL
                THEN (extract(epoch FROM ((f.legal_deadline + 1)::timestamp AT TIME ZONE $5)) * 1000)::bigint
                ELSE f.term_at END AS term_end
         FROM report_appeal_facts f
        WHERE f.org_id = $1 AND NOT f.deleted
          AND coalesce(f.answered_at, f.closed_at) >= $2 AND coalesce(f.answered_at, f.closed_at) < $3
          AND f.status NOT IN ('forwarded', 'merged', 'converted')
          AND ($4::text[] IS NULL OR f.department_id = ANY ($4))
     ), events AS (
       SELECT key, 'answered' AS kind, extended, took,
              CASE WHEN term_end IS NULL THEN NULL ELSE answer_at < term_end END AS in_term
         FROM answered
       UNION ALL
       SELECT ${key}, 'forwarded', false, NULL, NULL
         FROM report_appeal_facts f
        WHERE f.org_id = $1 AND NOT f.deleted AND f.forwarded_at IS NOT NULL
          AND f.forwarded_at >= $2 AND f.forwarded_at < $3
          AND ($4::text[] IS NULL OR f.department_id = ANY ($4))
       UNION ALL
       SELECT ${key}, 'overdue', false, NULL, NULL
         FROM report_appeal_facts f
        WHERE f.org_id = $1 AND NOT f.deleted
          AND f.status NOT IN ('answered', 'closed', 'forwarded', 'merged', 'converted')
          AND f.due_at < $6
          AND ($4::text[] IS NULL OR f.department_id = ANY ($4))
     )
     SELECT key, grouping(key) = 1 AS total_row,
            count(*) FILTER (WHERE kind = 'answered') AS answered,
            count(*) FILTER (WHERE kind = 'answered' AND in_term) AS on_time,
            count(*) FILTER (WHERE kind = 'answered' AND NOT in_term) AS late,
            count(*) FILTER (WHERE kind = 'answered' AND in_term IS NULL) AS without_term,
            avg(took) FILTER (WHERE kind = 'answered') AS average_ms,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY took) FILTER (WHERE kind = 'answered') AS p90_ms,
            count(*) FILTER (WHERE kind = 'answered' AND extended) AS extended,
            count(*) FILTER (WHERE kind = 'forwarded') AS forwarded,
            count(*) FILTER (WHERE kind = 'overdue') AS overdue_now
       FROM events
      GROUP BY GROUPING SETS ((key), ())
      ORDER BY grouping(key), key`,
    [scope.orgId, period.from, period.to, scope.departmentIds, timeZone, now],
  );
  const rows = result.rows.map((row): OnTimeRow => {
    const onTime = Number(row.on_time);
    const late = Number(row.late);
    return {
      key: row.total_row ? null : row.key,
      answered: Number(row.answered),
      onTime,
      late,
      withoutTerm: Number(row.without_term),
      onTimeShare: percentOf(onTime, onTime + late),
      averageHours: hours(row.average_ms),
      p90Hours: hours(row.p90_ms),
      extended: Number(row.extended),
      forwarded: Number(row.forwarded),
      overdueNow: Number(row.overdue_now),
    };
  });
  // With nothing at all the grouping sets give no row; the total is still a row of zeros.
  if (!rows.some((row) => row.key === null)) rows.push(emptyTotal());
  return rows;
}

function emptyTotal(): OnTimeRow {
  return {
    key: null,
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
