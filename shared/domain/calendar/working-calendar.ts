import { civilDate, dayNumber, isWeekend, monthDayNumber, supportedYears } from './civil';
import { isFixedHoliday } from './fallback';
import { ruCalendars } from './ru-calendars.generated';
import type { CalendarYear, DayKind } from './types';

const OFF = 1;
const WORKING = 2;
const SHORTENED = 3;
type KindCode = typeof OFF | typeof WORKING | typeof SHORTENED;
const kindNames: Record<KindCode, DayKind> = { [OFF]: 'off', [WORKING]: 'working', [SHORTENED]: 'shortened' };

const tableStart = dayNumber(supportedYears.first, 1, 1);
const tableEnd = dayNumber(supportedYears.last + 3, 1, 1);

/**
 * Working days of one organisation: the official calendars it has, and the art. 112 fallback for
 * every other year. Day kinds are computed a year at a time on first use and kept in a flat byte
 * table, so a lookup in the hot loops of the deadline engine is one array read.
 */
export class WorkingCalendar {
  private readonly years: ReadonlyMap<number, CalendarYear>;
  private readonly kinds = new Uint8Array(tableEnd - tableStart);

  constructor(years: Iterable<CalendarYear>) {
    const byYear = new Map<number, CalendarYear>();
    for (const year of years) byYear.set(year.year, year);
    this.years = byYear;
  }

  /** Whether `year` has an official calendar (otherwise the art. 112 fallback is used, with a warning). */
  hasYear(year: number): boolean {
    return this.years.has(year);
  }

  /** Years between the two days (inclusive) that fall back to weekends and fixed holidays. */
  missingYears(fromDay: number, toDay: number): number[] {
    const missing: number[] = [];
    const last = civilDate(Math.max(fromDay, toDay)).year;
    for (let year = civilDate(Math.min(fromDay, toDay)).year; year <= last; year++) {
      if (!this.years.has(year)) missing.push(year);
    }
    return missing;
  }

  kindOf(day: number): DayKind {
    return kindNames[this.code(day)];
  }

  isWorking(day: number): boolean {
    return this.code(day) !== OFF;
  }

  isShortened(day: number): boolean {
    return this.code(day) === SHORTENED;
  }

  private code(day: number): KindCode {
    const index = day - tableStart;
    if (index < 0 || index >= this.kinds.length) return this.computeYear(civilDate(day).year)(day);
    const cached = this.kinds[index] as KindCode | 0;
    if (cached !== 0) return cached;
    const year = civilDate(day).year;
    const kindOf = this.computeYear(year);
    for (let d = dayNumber(year, 1, 1), end = dayNumber(year + 1, 1, 1); d < end; d++) {
      this.kinds[d - tableStart] = kindOf(d);
    }
    return this.kinds[index] as KindCode;
  }

  private computeYear(year: number): (day: number) => KindCode {
    const official = this.years.get(year);
    if (!official) return fallbackKind;
    const exceptions = new Map<number, KindCode>();
    const mark = (days: readonly string[], code: KindCode) => {
      for (const md of days) {
        const d = monthDayNumber(year, md);
        if (d !== undefined) exceptions.set(d, code);
      }
    };
    mark(official.workingWeekends, WORKING);
    mark(official.shortened, SHORTENED);
    mark(official.dayOffs, OFF);
    return (day) => exceptions.get(day) ?? (isWeekend(day) ? OFF : WORKING);
  }
}

function isFallbackDayOff(day: number): boolean {
  if (isWeekend(day)) return true;
  const { month, day: dom } = civilDate(day);
  return isFixedHoliday(month, dom);
}

/** Weekends, art. 112 holidays, and art. 95: the working day right before a holiday is an hour shorter. */
function fallbackKind(day: number): KindCode {
  if (isFallbackDayOff(day)) return OFF;
  const next = civilDate(day + 1);
  return isFixedHoliday(next.month, next.day) ? SHORTENED : WORKING;
}

/** The official Russian calendars vendored from resources/calendar/ru (see scripts/vendor-calendars.mjs). */
export const russianCalendar = new WorkingCalendar(ruCalendars);
