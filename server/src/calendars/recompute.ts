/**
 * After a production calendar is put in force, or the administrator changes a setting the deadline
 * engine counts with (time zone, working hours, shift rule, incident terms), the stored deadlines of
 * open appeals it moves are recomputed, so that a stored deadline is always the one the rules in
 * force give (and the desktop's calendar warning, computed from the same calendars, agrees with it).
 */
import { noDueAt } from '../../../shared/model/primitives';
import { loadOrgRules, withDeadlines } from '../appeals/registration';
import { type AppealChange, writeAppealChanges } from '../appeals/store';
import { changedFields } from '../audit/audit';
import type { Queryable } from '../db/pool';

type Doc = Record<string, unknown>;

const msPerDay = 86_400_000;
/**
 * A term ending near the year can be moved into it or out of it by at most the longest run of days
 * off the engine walks (60 days, shared/domain/calendar/terms.ts); appeals farther away are untouched.
 */
const marginMs = 62 * msPerDay;
const deadlineFields = ['legalDeadline', 'controlDate', 'dueAt'] as const;

/** What changed: the calendar of one year (appeals whose term touches it), or settings (every open appeal). */
export type RecomputeCause = { calendarYear: number } | { settings: string[] };

export interface RecomputeActor {
  actorUserId?: string | null;
  deviceId?: string | null;
}

/**
 * Recomputes the deadlines of the organisation's open appeals that `cause` may move, inside the
 * caller's transaction, which must hold the organisation's sync lock (as every push does): each
 * changed appeal gets a fresh seq, an `appeal.update` audit row (old → new dates) and reaches desktops.
 * Returns how many appeals changed.
 */
export async function recomputeOpenDeadlines(
  tx: Queryable,
  orgId: string,
  cause: RecomputeCause,
  actor: RecomputeActor,
  now = Date.now(),
): Promise<number> {
  const rules = await loadOrgRules(tx, orgId);
  const year = 'calendarYear' in cause ? cause.calendarYear : null;
  const rows = await tx.query<{ id: string; doc: Doc }>(
    `SELECT id, doc FROM sync_appeals
      WHERE org_id = $1 AND NOT coalesce((doc->>'_deleted')::boolean, false) AND doc->>'closedAt' IS NULL
        AND ($2::bigint IS NULL OR ((doc->>'dueAt')::bigint >= $2 AND (doc->>'receivedAt')::bigint < $3))
      ORDER BY id`,
    year === null
      ? [orgId, null, null]
      : [orgId, Date.UTC(year, 0, 1) - marginMs, Date.UTC(year + 1, 0, 1) + marginMs],
  );
  const changes: AppealChange[] = [];
  for (const { id, doc } of rows.rows) {
    const next = withDeadlines(null, doc, rules);
    // A recomputation never takes a deadline away (the engine refusing the appeal's input).
    if (next.dueAt === noDueAt) continue;
    const fields = changedFields(doc, next, deadlineFields);
    if (Object.keys(fields).length === 0) continue;
    changes.push({
      id,
      before: doc,
      set: { legalDeadline: next.legalDeadline, controlDate: next.controlDate, dueAt: next.dueAt },
      audit: {
        actorUserId: actor.actorUserId ?? null,
        deviceId: actor.deviceId ?? null,
        action: 'appeal.update',
        fields,
        details: { actions: ['deadline.recompute'], ...cause },
      },
    });
  }
  const changed = (await writeAppealChanges(tx, orgId, changes, { rule: 'afterPrevious', now })).length;
  return changed;
}
