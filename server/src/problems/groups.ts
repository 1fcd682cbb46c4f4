/**
 * Problem groups (issue 13): several citizens' appeals about one problem, put together by a person.
 * The group lives in `problems`/`problem_members` (migration 500) and in each member appeal's
 * replicated `problemId`, written by the single server writer (../appeals/store.ts) so desktops pull
 * it. Every membership change is audited on the appeal (old → new `problemId`), so its history shows it.
 */

import { isOrganisationWide } from '../../../shared/model/roles';
import { appealInScope } from '../appeals/in-scope';
import { editAppeal } from '../appeals/store';
import type { AuthContext } from '../auth/context';
import type { Queryable } from '../db/pool';
import { ApiError, notFound } from '../http/errors';
import { newId } from '../ids';

type Doc = Record<string, unknown>;

/** A group answered together holds at most this many appeals. */
export const maxProblemMembers = 50;

export interface ProblemMember {
  id: string;
  registrationNumber: string | null;
  subject: string;
  status: string;
  channel: string;
  receivedAt: number;
}

export interface ProblemGroup {
  id: string;
  /** All members, also those outside the caller's departments. */
  count: number;
  /** The members the caller may see, oldest first. */
  members: ProblemMember[];
}

export const memberOf = (id: string, doc: Doc): ProblemMember => ({
  id,
  registrationNumber: typeof doc.registrationNumber === 'string' ? doc.registrationNumber : null,
  subject: String(doc.subject ?? ''),
  status: String(doc.status ?? ''),
  channel: String(doc.channel ?? ''),
  receivedAt: Number(doc.receivedAt),
});

/** The group with the members the caller may see; 404 when the caller sees none of them. */
export async function problemGroup(
  db: Queryable,
  auth: AuthContext,
  problemId: string,
): Promise<ProblemGroup> {
  const found = await db.query<{ id: string; doc: Doc | null; visible: boolean | null }>(
    `SELECT m.appeal_id AS id, a.doc, ($3 OR a.department_ids && $4::text[]) AS visible
       FROM problems p JOIN problem_members m ON m.org_id = p.org_id AND m.problem_id = p.id
       LEFT JOIN sync_appeals a ON a.org_id = m.org_id AND a.id = m.appeal_id
      WHERE p.org_id = $1 AND p.id = $2
      ORDER BY (a.doc->>'receivedAt')::numeric, m.appeal_id`,
    [auth.orgId, problemId, isOrganisationWide(auth.role), auth.departmentIds],
  );
  const members = found.rows
    .filter((row) => row.visible && row.doc)
    .map((row) => memberOf(row.id, row.doc as Doc));
  // A group with none of the caller's appeals does not exist for the caller (as an appeal outside scope).
  if (members.length === 0) throw notFound('No such problem group');
  return { id: problemId, count: found.rows.length, members };
}

/** Sets (or clears) an appeal's `problemId` through the single writer, audited with old → new. */
async function writeProblemId(tx: Queryable, auth: AuthContext, appealId: string, problemId: string | null) {
  await editAppeal(
    tx,
    auth.orgId,
    appealId,
    (doc) => {
      const before = (doc.problemId as string | null | undefined) ?? null;
      if (before === problemId) return null;
      return {
        set: { problemId },
        audit: {
          actorUserId: auth.userId,
          deviceId: auth.deviceId,
          action: problemId ? 'problem.member_add' : 'problem.member_remove',
          fields: { problemId: { old: before, new: problemId } },
          details: { problemId: problemId ?? before },
        },
      };
    },
    { rule: 'unchanged' },
  );
}

/**
 * Puts the appeals in one group: a new one, or the one some of them are in already (409
 * `different_problems` when they are in two). Every appeal must be in the caller's scope.
 */
export async function groupAppeals(tx: Queryable, auth: AuthContext, appealIds: string[]): Promise<string> {
  const ids = [...new Set(appealIds)].sort();
  for (const id of ids) await appealInScope(tx, auth, id, { lock: true });
  if (ids.length < 2)
    throw new ApiError(400, 'too_few_appeals', 'A problem group needs at least two appeals');
  const current = await tx.query<{ appeal_id: string; problem_id: string }>(
    'SELECT appeal_id, problem_id FROM problem_members WHERE org_id = $1 AND appeal_id = ANY($2::text[])',
    [auth.orgId, ids],
  );
  const groups = [...new Set(current.rows.map((row) => row.problem_id))];
  if (groups.length > 1)
    throw new ApiError(409, 'different_problems', 'The appeals are in different problem groups already');
  let problemId = groups[0];
  if (!problemId) {
    problemId = newId();
    await tx.query('INSERT INTO problems (org_id, id, created_by) VALUES ($1, $2, $3)', [
      auth.orgId,
      problemId,
      auth.userId,
    ]);
  }
  const count = await tx.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM problem_members WHERE org_id = $1 AND problem_id = $2',
    [auth.orgId, problemId],
  );
  const grouped = new Set(current.rows.map((row) => row.appeal_id));
  const added = ids.filter((id) => !grouped.has(id));
  if ((count.rows[0]?.n ?? 0) + added.length > maxProblemMembers)
    throw new ApiError(
      409,
      'problem_too_large',
      `A problem group holds at most ${maxProblemMembers} appeals`,
    );
  for (const id of added) {
    await tx.query(
      'INSERT INTO problem_members (org_id, problem_id, appeal_id, added_by) VALUES ($1, $2, $3, $4)',
      [auth.orgId, problemId, id, auth.userId],
    );
    await writeProblemId(tx, auth, id, problemId);
  }
  return problemId;
}

/** Takes one appeal out of its group; a group left with one appeal is dissolved (that one leaves too). */
export async function ungroupAppeal(tx: Queryable, auth: AuthContext, problemId: string, appealId: string) {
  await appealInScope(tx, auth, appealId, { lock: true });
  const removed = await tx.query(
    'DELETE FROM problem_members WHERE org_id = $1 AND problem_id = $2 AND appeal_id = $3',
    [auth.orgId, problemId, appealId],
  );
  if (removed.rowCount === 0) throw notFound('The appeal is not in this problem group');
  await writeProblemId(tx, auth, appealId, null);
  const left = await tx.query<{ appeal_id: string }>(
    'SELECT appeal_id FROM problem_members WHERE org_id = $1 AND problem_id = $2',
    [auth.orgId, problemId],
  );
  if (left.rows.length > 1) return;
  for (const row of left.rows) await writeProblemId(tx, auth, row.appeal_id, null);
  await tx.query('DELETE FROM problems WHERE org_id = $1 AND id = $2', [auth.orgId, problemId]);
}
