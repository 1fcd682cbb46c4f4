import type { Appeal } from '../../../shared/model/appeal';
import { defaultOrganisationSettings } from '../../../shared/model/organisation';
import { noDueAt } from '../../../shared/model/primitives';
import {
  calendarDaysBetween,
  type DeadlineClock,
  deadlineClockOf,
  wallClock,
  workingDaysBetween,
  workingHoursBetween,
} from '../../app/deadline-clock';

export type DeadlineBadge =
  | { readonly kind: 'none' }
  /** Answered: waits for closure, no countdown (its deadline is met). */
  | { readonly kind: 'answered' }
  | {
      readonly kind: 'hours' | 'days';
      readonly overdue: boolean;
      /** Whole hours or days, rounded up (a deadline 10 minutes away is "1 h left"); at least 1. */
      readonly amount: number;
      /** Close enough to need attention: under 2 working hours for incidents, due today or tomorrow otherwise. */
      readonly soon: boolean;
    };

const defaultClock = deadlineClockOf(defaultOrganisationSettings);

/**
 * Time left (or overdue) on the appeal's own clock, in the organisation's time zone: working hours
 * for incidents, working days for portal messages, calendar days for formal appeals.
 */
export function deadlineBadge(
  appeal: Pick<Appeal, 'dueAt' | 'regime'> & { readonly status?: Appeal['status'] },
  now: number,
  clock: DeadlineClock = defaultClock,
): DeadlineBadge {
  if (appeal.dueAt >= noDueAt) return { kind: 'none' };
  if (appeal.status === 'answered') return { kind: 'answered' };
  const overdue = appeal.dueAt < now;
  if (appeal.regime === 'incident') {
    const hours = workingHoursBetween(now, appeal.dueAt, clock);
    return {
      kind: 'hours',
      overdue,
      amount: Math.max(1, Math.ceil(Math.abs(hours))),
      soon: !overdue && hours < 2,
    };
  }
  const today = wallClock(now, clock.timeZone).date;
  const due = wallClock(appeal.dueAt, clock.timeZone).date;
  const days =
    appeal.regime === 'portal'
      ? workingDaysBetween(today, due, clock.calendar)
      : calendarDaysBetween(today, due);
  return { kind: 'days', overdue, amount: Math.max(1, Math.abs(days)), soon: !overdue && days <= 1 };
}
