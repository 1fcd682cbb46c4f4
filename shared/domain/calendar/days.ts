import { dayNumber, daysInMonth } from './civil';
import { DeadlineInputError } from './errors';
import { officeHours } from './terms';
import { russianCalendar, type WorkingCalendar } from './working-calendar';
import { defaultWorkingHours, formatMinutes, type WorkingHours, workingMinutes } from './working-hours';

/** Day number of a strict `YYYY-MM-DD`; `deadlines:errors.invalidDate` otherwise. */
function isoDay(date: unknown, field = 'date'): number {
  const match = typeof date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new DeadlineInputError('deadlines:errors.invalidDate', { field });
  }
  return dayNumber(year, month, day);
}

/**
 * Whether `date` (`YYYY-MM-DD`) is a working day: a shortened pre-holiday day is a working day, a
 * Saturday worked by transfer is too. For a year with no official calendar the answer comes from the
 * art. 112 fallback; check `calendar.hasYear` to warn about it.
 */
export function isWorkingDay(date: string, calendar: WorkingCalendar = russianCalendar): boolean {
  return calendar.isWorking(isoDay(date));
}

/** Office hours on `date`, one hour shorter on a pre-holiday day; null on a day off. */
export function workingHoursOf(
  date: string,
  calendar: WorkingCalendar = russianCalendar,
  hours: WorkingHours = defaultWorkingHours,
): WorkingHours | null {
  const open = officeHours(isoDay(date), calendar, workingMinutes(hours));
  return open ? { start: formatMinutes(open.start), end: formatMinutes(open.end) } : null;
}
