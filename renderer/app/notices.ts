/**
 * In-app notifications of the signed-in official, decided purely from the local database and the read
 * marks (./read-marks.ts): a new message from the citizen in one of their appeals, an appeal newly
 * assigned to them, one due today or overdue, and an answer of theirs that could not be delivered; and,
 * under a резолюция, being made a co-executor of an appeal or given a task in it.
 * A notice is unread until the official opens the appeal (or marks all read) after it happened.
 */
import type { Appeal } from '../../shared/model/appeal';
import type { Message } from '../../shared/model/conversation';
import { noDueAt } from '../../shared/model/primitives';
import type { ReadMarks } from './read-marks';

const noticeKinds = [
  'message',
  'assigned',
  'dueToday',
  'overdue',
  'undelivered',
  'coExecutor',
  'task',
] as const;
export type NoticeKind = (typeof noticeKinds)[number];

export interface Notice {
  readonly kind: NoticeKind;
  readonly appealId: string;
  readonly subject: string;
  /** When it happened. */
  readonly at: number;
}

export interface NoticeInput {
  /** The user's open appeals (assigned to them). */
  readonly mine: readonly Pick<Appeal, 'id' | 'subject' | 'dueAt' | 'status' | 'closedAt'>[];
  /** Messages of those appeals: inbound ones, and the user's own answers. */
  /**
   * Open appeals assigned to someone else in which the user is a co-executor or has an open task. The
   * instant one became a co-executor is in `marks.assignedAt` under `coExecutorMark(id)`.
   */
  readonly shared?: readonly Pick<
    Appeal,
    'id' | 'subject' | 'dueAt' | 'status' | 'closedAt' | 'coExecutorIds' | 'tasks'
  >[];
  readonly messages: readonly Pick<
    Message,
    'appealId' | 'direction' | 'createdAt' | 'deliveryStatus' | 'updatedAt' | 'author'
  >[];
  readonly userId: string;
  readonly marks: ReadMarks;
  readonly now: number;
  /** When today ends on the organisation's wall clock. */
  readonly dayEnd: number;
}

const day = 86_400_000;

/** The read marks' key of "became a co-executor of this appeal" (beside the appeals' assignment instants). */
export const coExecutorMark = (appealId: string) => `co:${appealId}`;

/** Unread notices, newest first, at most one per kind and appeal. */
export function decideNotices(input: NoticeInput): Notice[] {
  const { marks, now } = input;
  const seenAt = (id: string) => Math.max(marks.seen[id] ?? 0, marks.since);
  const shared = input.shared ?? [];
  const byId = new Map([...shared, ...input.mine].map((appeal) => [appeal.id, appeal]));
  const notices = new Map<string, Notice>();
  const add = (kind: NoticeKind, appealId: string, at: number, threshold = seenAt(appealId)) => {
    const appeal = byId.get(appealId);
    if (!appeal || at <= threshold) return;
    const key = `${kind}:${appealId}`;
    const known = notices.get(key);
    if (!known || known.at < at) notices.set(key, { kind, appealId, subject: appeal.subject, at });
  };
  for (const message of input.messages) {
    if (message.direction === 'in') add('message', message.appealId, message.createdAt);
    else if (
      message.author.userId === input.userId &&
      (message.deliveryStatus === 'failed' || message.deliveryStatus === 'unreachable')
    )
      add('undelivered', message.appealId, message.updatedAt, marks.seen[message.appealId] ?? 0);
  }
  for (const appeal of input.mine) {
    const assignedAt = marks.assignedAt[appeal.id];
    if (assignedAt !== undefined) add('assigned', appeal.id, assignedAt);
    if (appeal.closedAt !== null || appeal.status === 'answered' || appeal.dueAt === noDueAt) continue;
    // Deadlines are states, not events: news once a day (due today) or once it passed (overdue).
    const seen = marks.seen[appeal.id] ?? 0;
    if (appeal.dueAt < now) add('overdue', appeal.id, appeal.dueAt, seen);
    else if (appeal.dueAt < input.dayEnd) add('dueToday', appeal.id, Math.max(input.dayEnd - day, 0), seen);
  }
  for (const appeal of shared) {
    if (appeal.closedAt !== null) continue;
    const coAt = marks.assignedAt[coExecutorMark(appeal.id)];
    if (coAt !== undefined && appeal.coExecutorIds.includes(input.userId)) add('coExecutor', appeal.id, coAt);
    for (const task of appeal.tasks) {
      // The task's own instant; one set by the user for themselves is no news.
      if (task.assigneeId === input.userId && task.doneAt === null && task.setById !== input.userId)
        add('task', appeal.id, task.setAt);
    }
  }
  return [...notices.values()].sort((a, b) => b.at - a.at);
}

const markedKinds: readonly NoticeKind[] = ['message', 'assigned', 'coExecutor', 'task'];
/** Appeals with an unread message from the citizen or a new assignment, co-execution or task: the inbox's markers. */
export const unreadAppealIds = (notices: readonly Notice[]): ReadonlySet<string> =>
  new Set(notices.filter((n) => markedKinds.includes(n.kind)).map((n) => n.appealId));
