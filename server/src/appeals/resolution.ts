/**
 * The server's authority over an appeal's резолюция (shared/domain/resolution.ts): internal comments
 * are added, never edited or removed, each by its author; tasks are set by those who direct the
 * appeal and only their completion changes afterwards; co-executors are named by those who direct
 * it; the assignment note comes only with an assignment the same push made. A comment or task added
 * by another desktop meanwhile is kept: the lists merge by id against what the pushing desktop had
 * seen, so two officials commenting offline both keep their comments (no `concurrentEdit`).
 */
import { mayCompleteTask, mayDirect, mayWithdrawTask } from '../../../shared/domain/resolution';
import type { AppealTask, AssignmentNote, InternalComment } from '../../../shared/model/appeal';
import type { Queryable } from '../db/pool';
import { deepEqual } from '../sync/docs';
import { type Refusal, refusalCodes } from '../sync/refusal';

type Doc = Record<string, unknown>;

/** Fields decided here; the three-way merge and the lifecycle leave them alone. */
export const resolutionFields = ['comments', 'tasks', 'coExecutorIds', 'assignmentNote'] as const;

interface Pusher {
  role: string;
  userId: string;
}

const list = <T>(doc: Doc | null, field: string): T[] =>
  Array.isArray(doc?.[field]) ? (doc[field] as T[]) : [];
const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((item) => [item.id, item]));

function decideComments(base: Doc | null, seen: Doc | null, proposed: Doc, pusher: Pusher, now: number) {
  const stored = list<InternalComment>(base, 'comments');
  const storedIds = byId(stored);
  const seenIds = byId(list<InternalComment>(seen, 'comments'));
  const mine = byId(list<InternalComment>(proposed, 'comments'));
  let refused = false;
  const added: InternalComment[] = [];
  for (const comment of mine.values()) {
    const before = storedIds.get(comment.id) ?? seenIds.get(comment.id);
    if (before) {
      if (!deepEqual(before, comment)) refused = true;
    } else if (comment.authorId !== pusher.userId) {
      refused = true;
    } else {
      added.push({ ...comment, at: Math.min(comment.at, now) });
    }
  }
  for (const id of seenIds.keys()) if (!mine.has(id)) refused = true;
  return { value: [...stored, ...added], refused };
}

function decideTasks(base: Doc | null, seen: Doc | null, proposed: Doc, pusher: Pusher, now: number) {
  const stored = list<AppealTask>(base, 'tasks');
  const seenIds = byId(list<AppealTask>(seen, 'tasks'));
  const mine = byId(list<AppealTask>(proposed, 'tasks'));
  const directs = mayDirect({ assigneeId: String(base?.assigneeId ?? '') }, pusher);
  let refused = false;
  const result: AppealTask[] = [];
  for (const task of stored) {
    const proposedTask = mine.get(task.id);
    const seenTask = seenIds.get(task.id);
    if (!proposedTask) {
      // Withdrawn by this desktop (it had seen the task), or added elsewhere after it looked.
      if (seenTask && mayWithdrawTask(task, pusher)) continue;
      if (seenTask) refused = true;
      result.push(task);
      continue;
    }
    if (deepEqual(proposedTask, seenTask ?? task) || deepEqual(proposedTask, task)) {
      result.push(task);
      continue;
    }
    const onlyDone = deepEqual({ ...proposedTask, doneAt: task.doneAt }, task);
    const doneAt = proposedTask.doneAt;
    if (onlyDone && mayCompleteTask(task, pusher) && (doneAt === null || doneAt <= now)) {
      result.push({ ...task, doneAt });
    } else {
      refused = true;
      result.push(task);
    }
  }
  const storedIds = new Set(stored.map((task) => task.id));
  for (const task of mine.values()) {
    if (storedIds.has(task.id) || seenIds.has(task.id)) continue;
    if (!directs || task.setById !== pusher.userId || task.doneAt !== null) {
      refused = true;
      continue;
    }
    result.push({ ...task, setAt: Math.min(task.setAt, now) });
  }
  return { value: result, refused };
}

export interface ResolutionOutcome {
  set: Doc;
  refusal: Refusal | null;
}

/**
 * The resolution fields of the document to store. `base` is the master (null for a new appeal),
 * `seen` what the desktop had (its assumed master), `assigned` whether this push's lifecycle replay
 * assigned the appeal (the only change that may carry an assignment note), `assigneeChanged` whether
 * the appeal's assignee changes at all (taken, moved to another department: the old reason goes).
 */
export function authoriseResolution(
  base: Doc | null,
  seen: Doc | null,
  proposed: Doc,
  pusher: Pusher,
  assigned: boolean,
  assigneeChanged: boolean,
  now: number,
): ResolutionOutcome {
  const refused: string[] = [];
  const comments = decideComments(base, seen, proposed, pusher, now);
  if (comments.refused) refused.push('comments');
  const tasks = decideTasks(base, seen, proposed, pusher, now);
  if (tasks.refused) refused.push('tasks');

  const storedCo = list<string>(base, 'coExecutorIds');
  const proposedCo = list<string>(proposed, 'coExecutorIds');
  let coExecutorIds = storedCo;
  if (!deepEqual(proposedCo, list<string>(seen ?? base, 'coExecutorIds'))) {
    if (mayDirect({ assigneeId: String(base?.assigneeId ?? '') }, pusher) || base === null) {
      coExecutorIds = [...new Set(proposedCo)];
    } else refused.push('coExecutorIds');
  }

  const storedNote = (base?.assignmentNote ?? null) as AssignmentNote | null;
  const proposedNote = (proposed.assignmentNote ?? null) as AssignmentNote | null;
  let assignmentNote = assigned || assigneeChanged ? null : storedNote;
  if (!deepEqual(proposedNote, (seen ?? base)?.assignmentNote ?? null) && proposedNote !== null) {
    if (assigned && proposedNote.byId === pusher.userId) {
      assignmentNote = { ...proposedNote, at: Math.min(proposedNote.at, now) };
    } else refused.push('assignmentNote');
  }
  return {
    set: { comments: comments.value, tasks: tasks.value, coExecutorIds, assignmentNote },
    refusal:
      refused.length > 0
        ? { code: refusalCodes.roleMayNotChange, params: { role: pusher.role }, fields: refused }
        : null,
  };
}

/**
 * People the резолюция names for the first time (co-executors added, assignees of new tasks) must be
 * staff of the pusher's organisation: a made-up or foreign id is dropped and refused.
 */
export async function keepKnownPeople(
  tx: Queryable,
  orgId: string,
  base: Doc | null,
  set: Doc,
  role: string,
): Promise<{ set: Doc; refusal: Refusal | null }> {
  const before = new Set([
    ...list<string>(base, 'coExecutorIds'),
    ...list<AppealTask>(base, 'tasks').map((task) => task.assigneeId),
  ]);
  const named = [
    ...list<string>(set, 'coExecutorIds'),
    ...list<AppealTask>(set, 'tasks').map((task) => task.assigneeId),
  ].filter((id) => !before.has(id));
  if (named.length === 0) return { set, refusal: null };
  const found = await tx.query<{ id: string }>(
    'SELECT id FROM users WHERE org_id = $1 AND id = ANY($2::text[])',
    [orgId, [...new Set(named)]],
  );
  const known = new Set([...before, ...found.rows.map((row) => row.id)]);
  const coExecutorIds = list<string>(set, 'coExecutorIds').filter((id) => known.has(id));
  const tasks = list<AppealTask>(set, 'tasks').filter((task) => known.has(task.assigneeId));
  const fields = [
    ...(coExecutorIds.length < list<string>(set, 'coExecutorIds').length ? ['coExecutorIds'] : []),
    ...(tasks.length < list<AppealTask>(set, 'tasks').length ? ['tasks'] : []),
  ];
  return {
    set: { ...set, coExecutorIds, tasks },
    refusal: fields.length > 0 ? { code: refusalCodes.roleMayNotChange, params: { role }, fields } : null,
  };
}
