/**
 * The «Очаги» dashboard's queries (issue 14), over `control_appeal_facts` (one narrow row per appeal,
 * kept by ./facts-job.ts). Each takes the caller's scope (whole organisation, or a head's
 * departments) and a window of instants (./periods.ts), and is one range scan of the index
 * `control_facts_period_idx (org_id, received_at) INCLUDE (category, territory_id, department_id,
 * place_key)`; the drill-down uses `control_facts_cell_idx (org_id, category, territory_id,
 * received_at)` and then reads the listed appeals by primary key. tests/bench times them.
 */
import type { Queryable } from '../db/pool';
import type { ControlWindow } from './periods';
import type { ControlCell } from './trend';

export interface ControlScope {
  orgId: string;
  /** null: the whole organisation (supervisors, administrators); a head's departments otherwise */
  departmentIds: readonly string[] | null;
}

const departments = (scope: ControlScope) => (scope.departmentIds ? [...scope.departmentIds] : null);

/** Appeals by category × territory in the window and in the period before it. */
export async function categoryTerritoryCells(
  db: Queryable,
  scope: ControlScope,
  window: ControlWindow,
): Promise<ControlCell[]> {
  const result = await db.query<ControlCell>(
    `SELECT category, territory_id AS "territoryId",
            count(*) FILTER (WHERE received_at >= $3)::int AS count,
            count(*) FILTER (WHERE received_at < $3)::int AS previous
       FROM control_appeal_facts
      WHERE org_id = $1 AND received_at >= $2 AND received_at < $4
        AND ($5::text[] IS NULL OR department_id = ANY($5))
      GROUP BY 1, 2`,
    [scope.orgId, window.previousFrom, window.from, window.to, departments(scope)],
  );
  return result.rows;
}

export interface WeekCount {
  /** the Monday, `YYYY-MM-DD` */
  week: string;
  count: number;
}

/** Appeals a week (Monday to Sunday in the zone) through the window. */
export async function weeklyCounts(
  db: Queryable,
  scope: ControlScope,
  window: ControlWindow,
  timeZone: string,
): Promise<WeekCount[]> {
  const result = await db.query<WeekCount>(
    `SELECT to_char(date_trunc('week', to_timestamp(received_at / 1000.0) AT TIME ZONE $5), 'YYYY-MM-DD') AS week,
            count(*)::int AS count
       FROM control_appeal_facts
      WHERE org_id = $1 AND received_at >= $2 AND received_at < $3
        AND ($4::text[] IS NULL OR department_id = ANY($4))
      GROUP BY 1 ORDER BY 1`,
    [scope.orgId, window.from, window.to, departments(scope), timeZone],
  );
  return result.rows;
}

export interface RepeatPlace {
  placeKey: string;
  placeLabel: string;
  territoryId: string;
  category: string;
  count: number;
}

/**
 * Places (a street and house) with at least `minimum` appeals of one category in the window. Counted
 * in two hash aggregates — per place, territory, category and label, then per place — rather than
 * one sorting every appeal of the window by three texts and comparing each label (issue 14's bench:
 * 752 ms p95 for a quarter over 1,000,000 appeals at load average 7, the sort spilling to disk; the
 * planner would not hash with `min(place_label)` in the same step). Ties end by territory and category.
 */
export async function repeatPlaces(
  db: Queryable,
  scope: ControlScope,
  window: ControlWindow,
  minimum: number,
): Promise<RepeatPlace[]> {
  const result = await db.query<RepeatPlace>(
    `SELECT place_key AS "placeKey", min(place_label) AS "placeLabel", territory_id AS "territoryId",
            category, sum(n)::int AS count
       FROM (SELECT place_key, territory_id, category, place_label, count(*) AS n
               FROM control_appeal_facts
              WHERE org_id = $1 AND received_at >= $2 AND received_at < $3 AND place_key IS NOT NULL
                AND ($4::text[] IS NULL OR department_id = ANY($4))
              GROUP BY place_key, territory_id, category, place_label) labelled
      GROUP BY place_key, territory_id, category
     HAVING sum(n) >= $5
      ORDER BY sum(n) DESC, min(place_label), territory_id, category
      LIMIT 20`,
    [scope.orgId, window.from, window.to, departments(scope), minimum],
  );
  return result.rows;
}

export interface CellFilter {
  /** '' — without a category; undefined — any */
  category?: string;
  /** '' — not determined; undefined — any */
  territoryId?: string;
  placeKey?: string;
}

export interface ControlAppeal {
  id: string;
  registrationNumber: string | null;
  subject: string;
  status: string;
  receivedAt: number;
  departmentId: string;
  category: string;
  territoryId: string;
  placeLabel: string | null;
}

/** The appeals behind a cell, a rising problem or a repeat place, newest first (at most `limit`). */
export async function cellAppeals(
  db: Queryable,
  scope: ControlScope,
  window: Pick<ControlWindow, 'from' | 'to'>,
  filter: CellFilter,
  limit = 200,
): Promise<{ appeals: ControlAppeal[]; total: number }> {
  const result = await db.query<ControlAppeal & { total: number }>(
    `SELECT f.appeal_id AS id, a.doc->>'registrationNumber' AS "registrationNumber",
            coalesce(a.doc->>'subject', '') AS subject, coalesce(a.doc->>'status', '') AS status,
            f.received_at::float8 AS "receivedAt", f.department_id AS "departmentId", f.category,
            f.territory_id AS "territoryId", f.place_label AS "placeLabel", count(*) OVER ()::int AS total
       FROM control_appeal_facts f
       JOIN sync_appeals a ON a.org_id = f.org_id AND a.id = f.appeal_id
      WHERE f.org_id = $1 AND f.received_at >= $2 AND f.received_at < $3
        AND ($4::text IS NULL OR f.category = $4) AND ($5::text IS NULL OR f.territory_id = $5)
        AND ($6::text IS NULL OR f.place_key = $6)
        AND ($7::text[] IS NULL OR f.department_id = ANY($7))
      ORDER BY f.received_at DESC, f.appeal_id
      LIMIT $8`,
    [
      scope.orgId,
      window.from,
      window.to,
      filter.category ?? null,
      filter.territoryId ?? null,
      filter.placeKey ?? null,
      departments(scope),
      limit,
    ],
  );
  const total = result.rows[0]?.total ?? 0;
  return { appeals: result.rows.map(({ total: _total, ...appeal }) => appeal), total };
}
