import { fail, ok, type Result } from '../result';
import { dayNumber, monthDayNumber, supportedYears } from './civil';
import { DeadlineInputError } from './errors';
import { ruCalendars } from './ru-calendars.generated';
import type { CalendarYear } from './types';
import { russianCalendar, WorkingCalendar } from './working-calendar';

/**
 * Built once per `org.calendarYears` array: settings objects are reused across many appeals and are
 * treated as immutable (load a new calendar as a new array).
 */
const orgCalendars = new WeakMap<readonly unknown[], WorkingCalendar>();

/**
 * The working calendar of an organisation: the vendored Russian calendars, with the years the
 * organisation loaded itself (`parseXmlCalendar`) taking precedence — a newer official edition wins
 * over the shipped one. Throws `deadlines:errors.invalidCalendar` for a malformed year.
 */
export function calendarFor(calendarYears?: readonly CalendarYear[] | null): WorkingCalendar {
  if (calendarYears === undefined || calendarYears === null) return russianCalendar;
  if (!Array.isArray(calendarYears)) throw new DeadlineInputError('deadlines:errors.invalidCalendar');
  const cached = orgCalendars.get(calendarYears);
  if (cached) return cached;
  calendarYears.forEach(assertCalendarYear);
  const calendar = new WorkingCalendar([...ruCalendars, ...calendarYears]);
  orgCalendars.set(calendarYears, calendar);
  return calendar;
}

/** Russian production calendars have 245–249 working days; a file with far fewer describes no real year. */
export const minWorkingDaysPerYear = 200;

/**
 * Whether a calendar an organisation loads (after `parseXmlCalendar`) can be put in force: well formed,
 * as `calendarFor` requires, and a plausible working year. A file that marks most of the year off
 * parses, yet would make the engine refuse or stretch every deadline it touches: it is refused with
 * `deadlines:errors.calendarFewWorkingDays` before anything is stored.
 */
export function checkCalendarYear(calendar: CalendarYear): Result<CalendarYear> {
  let working = 0;
  try {
    const days = new WorkingCalendar([calendar]);
    assertCalendarYear(calendar, 0);
    for (let d = dayNumber(calendar.year, 1, 1), end = dayNumber(calendar.year + 1, 1, 1); d < end; d++) {
      if (days.isWorking(d)) working++;
    }
  } catch (error) {
    if (error instanceof DeadlineInputError) return fail(error.code, error.params);
    throw error;
  }
  if (working < minWorkingDaysPerYear) {
    return fail('deadlines:errors.calendarFewWorkingDays', {
      year: calendar.year,
      workingDays: working,
      min: minWorkingDaysPerYear,
    });
  }
  return ok(calendar);
}

function assertCalendarYear(value: unknown, index: number): asserts value is CalendarYear {
  const candidate = (typeof value === 'object' && value !== null ? value : {}) as Partial<CalendarYear>;
  const year = typeof candidate.year === 'number' ? candidate.year : Number.NaN;
  const valid =
    Number.isInteger(year) &&
    year >= supportedYears.first &&
    year <= supportedYears.last &&
    isDayList(year, candidate.dayOffs) &&
    isDayList(year, candidate.shortened) &&
    isDayList(year, candidate.workingWeekends);
  if (!valid) throw new DeadlineInputError('deadlines:errors.invalidCalendar', { index });
}

function isDayList(year: number, days: unknown): boolean {
  return (
    Array.isArray(days) &&
    days.length <= 366 &&
    days.every((d) => typeof d === 'string' && monthDayNumber(year, d) !== undefined)
  );
}
