/**
 * What to tell the user about deadlines, decided purely: the previous memory of notified appeals, the
 * appeals that may need a notification now, and the time → the notifications to show, the tray count
 * and the new memory. The watcher (watch.ts) reads the appeals from the local database and keeps the
 * memory across reloads.
 */
import type { DeadlineNotificationKind } from '../../../shared/bridge/okno-bridge';
import { openStatuses } from '../../../shared/domain/status-machine';
import type { Appeal } from '../../../shared/model/appeal';
import { noDueAt } from '../../../shared/model/primitives';
import { type DeadlineClock, wallClock } from '../../app/deadline-clock';

/** Ids already notified, per kind: an appeal is notified at most once per kind. */
export interface AlertMemory {
  /** False until the first decision: appeals assigned before the app first watched are not "new". */
  readonly seeded: boolean;
  readonly notified: Readonly<Record<DeadlineNotificationKind, readonly string[]>>;
}

export const emptyAlertMemory: AlertMemory = {
  seeded: false,
  notified: { 'due-today': [], overdue: [], assigned: [] },
};

export type AlertAppeal = Pick<
  Appeal,
  'id' | 'status' | 'dueAt' | 'assigneeId' | 'subject' | 'registrationNumber' | 'closedAt'
>;

export interface AlertInput {
  readonly memory: AlertMemory;
  /**
   * Open appeals due before the end of today (including the overdue ones the watcher looks at) and
   * the open appeals assigned to the user. Closed ones may be passed; they are ignored.
   */
  readonly appeals: readonly AlertAppeal[];
  /** Open appeals overdue longer than the watcher looks back: counted by index, never notified. */
  readonly olderOverdueCount: number;
  readonly userId: string;
  readonly now: number;
  readonly clock: DeadlineClock;
}

export interface AlertNotice {
  readonly kind: DeadlineNotificationKind;
  readonly appeal: AlertAppeal;
}

export interface AlertDecision {
  readonly notifications: readonly AlertNotice[];
  /** Open appeals due today or overdue (the tray's number), answered ones not counted. */
  readonly dueCount: number;
  readonly memory: AlertMemory;
}

/** A burst (the first start of the day, a big reassignment) shows this many per kind; the tray counts the rest. */
export const maxNoticesPerKind = 3;
/** The memory forgets the oldest ids beyond this many per kind (months of work of one department). */
const memoryLimit = 5000;

/** The instant today ends on the organisation's wall clock. */
export function endOfToday(now: number, clock: DeadlineClock): number {
  const { minutes } = wallClock(now, clock.timeZone);
  return now + Math.round((24 * 60 - minutes) * 60_000);
}

const isOpen = (appeal: AlertAppeal) => appeal.closedAt === null && openStatuses.includes(appeal.status);
/**
 * Whose deadline runs: an answered appeal is open (it waits for closure) but its answer is given — it is
 * never due today nor overdue (issue 11, defect 7).
 */
const isRunning = (appeal: AlertAppeal) => isOpen(appeal) && appeal.status !== 'answered';

export function decideDeadlineAlerts(input: AlertInput): AlertDecision {
  const { memory, now, userId } = input;
  const dayEnd = endOfToday(now, input.clock);
  const open = input.appeals.filter(isOpen);
  const due = open.filter(isRunning).filter((appeal) => appeal.dueAt < dayEnd && appeal.dueAt < noDueAt);
  const candidates: Record<DeadlineNotificationKind, AlertAppeal[]> = {
    overdue: due.filter((appeal) => appeal.dueAt < now).sort((a, b) => b.dueAt - a.dueAt),
    'due-today': due.filter((appeal) => appeal.dueAt >= now).sort((a, b) => a.dueAt - b.dueAt),
    assigned: open.filter((appeal) => appeal.assigneeId === userId),
  };
  const notifications: AlertNotice[] = [];
  const notified = { ...memory.notified };
  for (const kind of ['overdue', 'due-today', 'assigned'] as const) {
    const known = new Set(memory.notified[kind]);
    const fresh = candidates[kind].filter((appeal) => !known.has(appeal.id));
    // Appeals assigned before the first watch are the user's existing work, not news.
    const shown = kind === 'assigned' && !memory.seeded ? [] : fresh.slice(0, maxNoticesPerKind);
    for (const appeal of shown) notifications.push({ kind, appeal });
    notified[kind] = [...memory.notified[kind], ...fresh.map((appeal) => appeal.id)].slice(-memoryLimit);
  }
  return {
    notifications,
    dueCount: due.length + input.olderOverdueCount,
    memory: { seeded: true, notified },
  };
}

/** The memory as stored (localStorage); anything unreadable starts afresh. */
export function parseAlertMemory(text: string | null): AlertMemory {
  if (!text) return emptyAlertMemory;
  try {
    const value = JSON.parse(text) as Partial<AlertMemory>;
    const ids = (kind: DeadlineNotificationKind) => {
      const list = value.notified?.[kind];
      return Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string') : [];
    };
    return {
      seeded: value.seeded === true,
      notified: { 'due-today': ids('due-today'), overdue: ids('overdue'), assigned: ids('assigned') },
    };
  } catch {
    return emptyAlertMemory;
  }
}
