/**
 * One year of an official production calendar (производственный календарь), in the shape of the
 * xmlcalendar format it is vendored from. Days are written `MM-DD` within `year`.
 * Only the exceptions are listed: every other Monday–Friday is a full working day and every other
 * Saturday and Sunday is a day off.
 */
export interface CalendarYear {
  year: number;
  /** The edition of the calendar (the xmlcalendar `date` attribute, e.g. `2025.09.30`), if known. */
  edition?: string;
  /** `t=1`: days off — holidays and the weekdays that became days off by a transfer. */
  dayOffs: readonly string[];
  /** `t=2`: shortened pre-holiday working days (one hour shorter, Labour Code art. 95). */
  shortened: readonly string[];
  /** `t=3`: Saturdays or Sundays that became working days by a transfer. */
  workingWeekends: readonly string[];
  /** `f`: a transferred day → the day it was transferred from. Informational; kinds above already apply it. */
  transfers: Readonly<Record<string, string>>;
}

/** What a day is for the working clock. */
export type DayKind = 'off' | 'working' | 'shortened';
