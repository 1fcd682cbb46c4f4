import { isWorkingDay } from '../../../shared/domain/deadlines';
import type { Appeal } from '../../../shared/model/appeal';
import { noDueAt } from '../../../shared/model/primitives';

/**
 * Time left, counted by the appeal's own clock (DOMAIN.md, "Three regimes, three clocks"): calendar
 * days for a formal appeal, working days for a portal message, hours for an incident.
 */
export type TimeLeft =
  | { kind: 'none' }
  | { kind: 'days' | 'workingDays' | 'hours'; value: number; overdue: boolean };

const hourMs = 3_600_000;
const dayMs = 86_400_000;

/** `YYYY-MM-DD` of an instant on the wall calendar of `timeZone`. */
export function calendarDateIn(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(instant));
}

const dayIndex = (date: string) => Date.parse(`${date}T00:00:00Z`) / dayMs;

function workingDaysBetween(from: string, to: string): number {
  const sign = to >= from ? 1 : -1;
  let count = 0;
  for (let day = dayIndex(from); sign > 0 ? day < dayIndex(to) : day > dayIndex(to); day += sign) {
    const next = new Date((day + sign) * dayMs).toISOString().slice(0, 10);
    if (isWorkingDay(next)) count += sign;
  }
  return count;
}

export function timeLeft(appeal: Appeal, now: number, timeZone: string): TimeLeft {
  if (appeal.closedAt !== null || appeal.dueAt === noDueAt) return { kind: 'none' };
  if (appeal.regime === 'incident') {
    const hours = Math.ceil((appeal.dueAt - now) / hourMs);
    return { kind: 'hours', value: Math.abs(hours), overdue: appeal.dueAt < now };
  }
  const deadline = appeal.controlDate ?? appeal.legalDeadline;
  if (!deadline) return { kind: 'none' };
  const today = calendarDateIn(now, timeZone);
  const value =
    appeal.regime === 'portal' ? workingDaysBetween(today, deadline) : dayIndex(deadline) - dayIndex(today);
  return {
    kind: appeal.regime === 'portal' ? 'workingDays' : 'days',
    value: Math.abs(value),
    overdue: appeal.dueAt < now,
  };
}
