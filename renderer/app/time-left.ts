import type { Appeal } from '../../shared/model/appeal';
import { noDueAt } from '../../shared/model/primitives';
import {
  calendarDaysBetween,
  type DeadlineClock,
  wallClock,
  workingDaysBetween,
  workingHoursBetween,
} from './deadline-clock';

/**
 * Time left, counted by the appeal's own clock (docs/DOMAIN.md, "Three regimes, three clocks"): calendar
 * days for a formal appeal, working days for a portal message, hours for an incident.
 */
export type TimeLeft =
  | { kind: 'none' }
  /** Answered: the deadline is met, the appeal waits for closure and no longer counts down. */
  | { kind: 'answered' }
  | { kind: 'days' | 'workingDays' | 'hours'; value: number; overdue: boolean };

/**
 * "Due soon": the next step falls within three days — the inbox's «Срок ≤ 3 дней» view, and the same
 * column of the control and workload screens.
 */
export const dueSoonMs = 3 * 86_400_000;

/** `YYYY-MM-DD` of an instant on the wall calendar of `timeZone`. */
function calendarDateIn(instant: number, timeZone: string): string {
  return wallClock(instant, timeZone).date;
}

export function timeLeft(appeal: Appeal, now: number, clock: DeadlineClock): TimeLeft {
  if (appeal.closedAt !== null || appeal.dueAt === noDueAt) return { kind: 'none' };
  if (appeal.status === 'answered') return { kind: 'answered' };
  if (appeal.regime === 'incident') {
    const hours = Math.ceil(Math.abs(workingHoursBetween(now, appeal.dueAt, clock)));
    return { kind: 'hours', value: hours, overdue: appeal.dueAt < now };
  }
  const deadline = appeal.controlDate ?? appeal.legalDeadline;
  if (!deadline) return { kind: 'none' };
  const today = calendarDateIn(now, clock.timeZone);
  const value =
    appeal.regime === 'portal'
      ? workingDaysBetween(today, deadline, clock.calendar)
      : calendarDaysBetween(today, deadline);
  return {
    kind: appeal.regime === 'portal' ? 'workingDays' : 'days',
    value: Math.abs(value),
    overdue: appeal.dueAt < now,
  };
}
