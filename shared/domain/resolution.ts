/**
 * The резолюция of an appeal as СЭД users know it: internal comments (staff only, never sent to the
 * applicant), co-executors beside the assignee, and tasks with their own due dates. Who may do what
 * is decided here, once, for the desktop (which controls it shows) and the server (which changes it
 * accepts: server/src/appeals/resolution.ts).
 */
import type { Appeal, AppealTask, InternalComment } from '../model/appeal';
import type { CalendarDate } from '../model/primitives';
import { isManager } from '../model/roles';
import { zoneNamed } from './calendar/time-zone';
import { fail, ok, type Result } from './result';

export interface ResolutionActor {
  role: string;
  userId: string;
}

type Subject = Pick<Appeal, 'assigneeId'>;

/** Heads, supervisors and admins, and the appeal's assignee, set tasks and name co-executors. */
export const mayDirect = (appeal: Subject, actor: ResolutionActor): boolean =>
  isManager(actor.role) || (appeal.assigneeId !== '' && appeal.assigneeId === actor.userId);

/** A task is marked done (or undone) by whom it was given to, whoever set it, or a manager. */
export const mayCompleteTask = (task: AppealTask, actor: ResolutionActor): boolean =>
  task.assigneeId === actor.userId || task.setById === actor.userId || isManager(actor.role);

/** A task is withdrawn by whoever set it, or a manager. */
export const mayWithdrawTask = (task: AppealTask, actor: ResolutionActor): boolean =>
  task.setById === actor.userId || isManager(actor.role);

const maxCommentLength = 4000;
const maxTaskLength = 2000;

export function newComment(id: string, author: string, text: string, at: number): Result<InternalComment> {
  const trimmed = text.trim();
  if (trimmed === '') return fail('work:resolution.errors.emptyComment');
  return ok({ id, authorId: author, text: trimmed.slice(0, maxCommentLength), at });
}

export interface TaskInput {
  id: string;
  setById: string;
  assigneeId: string;
  text: string;
  dueDate: string;
  setAt: number;
}

const calendarDate = /^\d{4}-\d{2}-\d{2}$/;

export function newTask(input: TaskInput): Result<AppealTask> {
  const text = input.text.trim();
  if (text === '') return fail('work:resolution.errors.emptyTask');
  if (input.assigneeId === '') return fail('work:resolution.errors.noTaskAssignee');
  if (!calendarDate.test(input.dueDate)) return fail('work:resolution.errors.badDue');
  return ok({
    id: input.id,
    setById: input.setById,
    assigneeId: input.assigneeId,
    text: text.slice(0, maxTaskLength),
    dueDate: input.dueDate as CalendarDate,
    setAt: input.setAt,
    doneAt: null,
  });
}

/** A task not done whose due date is before `today` (the organisation's calendar date). */
export const isTaskOverdue = (task: AppealTask, today: string): boolean =>
  task.doneAt === null && task.dueDate < today;

/** The calendar date of `now` in the organisation's time zone (`YYYY-MM-DD`). */
export const calendarDateIn = (timeZone: string, now: number): string =>
  new Date(zoneNamed(timeZone).toLocal(now)).toISOString().slice(0, 10);
