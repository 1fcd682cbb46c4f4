/**
 * Civil-date arithmetic on day numbers (days since 1970-01-01 in the proleptic Gregorian calendar).
 * Deadlines are counted on the organisation's wall calendar, so dates are plain integers here and
 * never `Date` objects: adding a day can never cross a time-zone offset by accident, and the math is
 * allocation-free (the deadline engine runs in hot loops on the server and in the renderer).
 */

/** Dates are accepted for these years; day tables leave room for a term that runs past the last one. */
export const supportedYears = { first: 2000, last: 2199 } as const;

/** Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`). */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** The civil date of a day number (Howard Hinnant's `civil_from_days`). */
export function civilDate(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekday(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

export function isWeekend(days: number): boolean {
  const w = weekday(days);
  return w === 0 || w === 6;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD` of a day number. */
export function formatIsoDate(days: number): string {
  const { year, month, day } = civilDate(days);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** Day number of a `MM-DD` day inside `year`, or undefined when it is not a real date. */
export function monthDayNumber(year: number, monthDay: string): number | undefined {
  const match = /^(\d{2})-(\d{2})$/.exec(monthDay);
  if (!match) return undefined;
  const month = Number(match[1]);
  const day = Number(match[2]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return dayNumber(year, month, day);
}
