/**
 * Rise alerts (issue 14): a category in a territory at ≥ 3× its usual weekly level (./trend.ts,
 * `riseOf`) in the last 7 days. Found by the control job (./facts-job.ts) from the dashboard's facts,
 * stored once per (category, territory, week) — the table's unique key — and shown to supervisors and
 * administrators on the dashboard and in the desktop's notifications (GET /api/v1/control/alerts).
 */
import type { Queryable } from '../db/pool';
import { newId } from '../ids';
import { weekStart } from './periods';
import { riseOf, usualWeeks } from './trend';

export interface RiseAlert {
  id: string;
  category: string;
  territoryId: string;
  territoryName: string;
  /** the Monday of the week, `YYYY-MM-DD` */
  weekStart: string;
  weekCount: number;
  usualWeekly: number;
  detectedAt: number;
}

export async function organisationTimeZone(db: Queryable, orgId: string): Promise<string> {
  const found = await db.query<{ zone: string | null }>(
    `SELECT settings->>'timeZone' AS zone FROM organisations WHERE id = $1`,
    [orgId],
  );
  return found.rows[0]?.zone || 'Europe/Moscow';
}

/**
 * Looks at the last 7 days up to `now` against the 8 periods of 7 days before them (so a surge that
 * spans a weekend is seen on Monday morning too), and stores each new alert under the week (Monday,
 * in the organisation's zone) of `now`: once per category, territory and week. Returns how many.
 */
export async function detectRiseAlerts(db: Queryable, orgId: string, now: number): Promise<number> {
  const zone = await organisationTimeZone(db, orgId);
  const week = weekStart(now, zone);
  const sevenDays = 7 * 86_400_000;
  // bounds[0] … bounds[8]: the starts of the 8 usual periods, then of the last 7 days.
  const bounds = Array.from({ length: usualWeeks + 1 }, (_, i) => now - (usualWeeks + 1 - i) * sevenDays);
  const counts = await db.query<{ category: string; territory_id: string; week: number; count: number }>(
    `SELECT category, territory_id, width_bucket(received_at, $3::bigint[]) - 1 AS week, count(*)::int AS count
       FROM control_appeal_facts
      WHERE org_id = $1 AND received_at >= $2 AND received_at <= $4 AND category <> '' AND territory_id <> ''
      GROUP BY 1, 2, 3`,
    [orgId, bounds[0], bounds, now],
  );
  const cells = new Map<string, { category: string; territoryId: string; weeks: number[] }>();
  for (const row of counts.rows) {
    const key = `${row.category}|${row.territory_id}`;
    const cell = cells.get(key) ?? {
      category: row.category,
      territoryId: row.territory_id,
      weeks: Array(usualWeeks + 1).fill(0),
    };
    cell.weeks[row.week] = row.count;
    cells.set(key, cell);
  }
  let stored = 0;
  for (const cell of cells.values()) {
    const current = cell.weeks[usualWeeks]!;
    const verdict = riseOf(current, cell.weeks.slice(0, usualWeeks));
    if (!verdict.rise) continue;
    const inserted = await db.query(
      `INSERT INTO control_rise_alerts (org_id, id, category, territory_id, week_start, week_count, usual_weekly, detected_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (org_id, category, territory_id, week_start) DO NOTHING`,
      [orgId, newId(now), cell.category, cell.territoryId, week.day, current, verdict.usual, now],
    );
    stored += inserted.rowCount ?? 0;
  }
  return stored;
}

/** The alerts detected since `since` (epoch ms), newest first. */
export async function recentAlerts(db: Queryable, orgId: string, since: number): Promise<RiseAlert[]> {
  const found = await db.query<RiseAlert>(
    `SELECT a.id, a.category, a.territory_id AS "territoryId", coalesce(t.name, '') AS "territoryName",
            to_char(a.week_start, 'YYYY-MM-DD') AS "weekStart", a.week_count AS "weekCount",
            a.usual_weekly::float8 AS "usualWeekly", a.detected_at::float8 AS "detectedAt"
       FROM control_rise_alerts a
       LEFT JOIN territories t ON t.org_id = a.org_id AND t.id = a.territory_id
      WHERE a.org_id = $1 AND a.detected_at >= $2
      ORDER BY a.detected_at DESC
      LIMIT 50`,
    [orgId, since],
  );
  return found.rows;
}
