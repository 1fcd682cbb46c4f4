/**
 * Report periods in the organisation's time zone: a month (`2026-11`, the ССТУ report) or a span of
 * calendar days (`2026-11-01` … `2026-11-30`, both included — on-time performance), as instants
 * [from, to) in epoch milliseconds. Pure, so the maths is tested without a database.
 */
import { Zone } from '../../../shared/domain/calendar/time-zone';

export interface ReportPeriod {
  /** epoch ms, inclusive */
  from: number;
  /** epoch ms, exclusive */
  to: number;
}

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;
const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A report spans at most this many days (two years: the bench's and any head's widest question). */
export const maxPeriodDays = 732;
const msPerDay = 86_400_000;

/** Local midnight of a calendar day as an instant. */
function startOfDay(zone: Zone, year: number, month: number, day: number): number {
  return zone.toUtc(Date.UTC(year, month - 1, day));
}

function readDay(value: string): { year: number; month: number; day: number } | null {
  const match = dayPattern.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return { year, month, day };
}

/** `YYYY-MM` → the month's instants in the zone; null for anything else. */
export function monthPeriod(month: string, timeZone: string): ReportPeriod | null {
  const match = monthPattern.exec(month);
  if (!match) return null;
  const zone = new Zone(timeZone);
  const [year, index] = [Number(match[1]), Number(match[2])];
  return {
    from: startOfDay(zone, year, index, 1),
    to: index === 12 ? startOfDay(zone, year + 1, 1, 1) : startOfDay(zone, year, index + 1, 1),
  };
}

/** Calendar days `from`…`to`, both included; null when either is not a date, they are reversed or too far apart. */
export function daysPeriod(from: string, to: string, timeZone: string): ReportPeriod | null {
  const first = readDay(from);
  const last = readDay(to);
  if (!first || !last) return null;
  const span =
    (Date.UTC(last.year, last.month - 1, last.day) - Date.UTC(first.year, first.month - 1, first.day)) /
    msPerDay;
  if (span < 0 || span >= maxPeriodDays) return null;
  const zone = new Zone(timeZone);
  return {
    from: startOfDay(zone, first.year, first.month, first.day),
    to: startOfDay(zone, last.year, last.month, last.day + 1),
  };
}

/** A share in per cent with one decimal (83.3), or null when nothing was counted. */
export function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}
