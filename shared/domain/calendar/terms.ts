import { DeadlineInputError } from './errors';
import { msPerDay } from './iso';
import type { WorkingCalendar } from './working-calendar';
import { shortenedByMinutes, type WorkingMinutes } from './working-hours';

/**
 * No real calendar has a run of non-working days this long (the January holidays with weekends are
 * under two weeks); an organisation calendar that does is refused instead of looping for ever.
 */
const maxDaysWithoutWork = 60;

function noWorkingDays(): never {
  throw new DeadlineInputError('deadlines:errors.invalidCalendar', { reason: 'noWorkingDays' });
}

/** The day itself if it is a working day, else the nearest working day in `direction`. */
export function nearestWorkingDay(day: number, calendar: WorkingCalendar, direction: 1 | -1): number {
  for (let d = day, i = 0; i <= maxDaysWithoutWork; d += direction, i++) {
    if (calendar.isWorking(d)) return d;
  }
  return noWorkingDays();
}

/** The `count`-th working day after `day` (the day itself is not counted). */
export function addWorkingDays(day: number, count: number, calendar: WorkingCalendar): number {
  let cursor = day;
  for (let counted = 0; counted < count; counted++) {
    cursor = nearestWorkingDay(cursor + 1, calendar, 1);
  }
  return cursor;
}

/** Office hours of a day in minutes after midnight, or undefined on a day off. */
export function officeHours(
  day: number,
  calendar: WorkingCalendar,
  hours: WorkingMinutes,
): WorkingMinutes | undefined {
  if (!calendar.isWorking(day)) return undefined;
  return calendar.isShortened(day) ? { start: hours.start, end: hours.end - shortenedByMinutes } : hours;
}

/**
 * Adds working time to a wall-clock moment: time runs only inside office hours of working days.
 * A moment outside office hours starts counting at the next opening. A deadline that uses up a day
 * exactly ends at that day's closing time, not at the next opening.
 */
export function addWorkingTime(
  localMs: number,
  durationMs: number,
  calendar: WorkingCalendar,
  hours: WorkingMinutes,
): number {
  let remaining = durationMs;
  let day = Math.floor(localMs / msPerDay);
  const cursor = localMs;
  for (let idle = 0; idle <= maxDaysWithoutWork; day++) {
    const open = officeHours(day, calendar, hours);
    if (open) {
      const start = Math.max(cursor, day * msPerDay + open.start * 60_000);
      const end = day * msPerDay + open.end * 60_000;
      if (start < end) {
        if (remaining <= end - start) return start + remaining;
        remaining -= end - start;
        idle = 0;
        continue;
      }
    }
    idle++;
  }
  return noWorkingDays();
}
