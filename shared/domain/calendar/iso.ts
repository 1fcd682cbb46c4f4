import { dayNumber, daysInMonth, supportedYears } from './civil';
import { DeadlineInputError } from './errors';
import type { Zone } from './time-zone';

export const msPerDay = 86_400_000;

/** A moment as the organisation sees it: its wall-clock time, and whether a time of day was given. */
export interface LocalMoment {
  /** Wall-clock milliseconds in the organisation's zone (a UTC-based timestamp of the local reading). */
  localMs: number;
  /** The local day number. */
  day: number;
  /** The instant, when the input named a time of day. */
  utcMs?: number;
}

const isoPattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Reads an ISO 8601 date or date-time into the organisation's zone:
 * - `2026-05-08` is a date on the organisation's calendar (no zone conversion);
 * - `2026-05-08T17:30:00+10:00` or `…Z` is an instant, converted to the organisation's wall clock;
 * - `2026-05-08T17:30` (no offset) is a wall-clock reading in the organisation's zone, as typed at a
 *   reception desk.
 * Anything else, or a date outside `supportedYears`, is a `DeadlineInputError` naming the field.
 */
export function readMoment(value: unknown, field: string, zone: Zone): LocalMoment {
  const match = typeof value === 'string' && value.length <= 40 ? isoPattern.exec(value) : null;
  if (!match) throw new DeadlineInputError('deadlines:errors.invalidDate', { field });
  const [, y, mo, d, h, mi, s, fraction, offset] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    (offset === undefined || isOffset(offset));
  if (!valid) throw new DeadlineInputError('deadlines:errors.invalidDate', { field });

  let moment: LocalMoment;
  if (h === undefined) {
    const days = dayNumber(year, month, day);
    moment = { localMs: days * msPerDay, day: days };
  } else {
    const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
    const reading = Date.UTC(year, month - 1, day, hour, minute, second, ms);
    const utcMs = offset === undefined ? zone.toUtc(reading) : reading - offsetMinutes(offset) * 60_000;
    const localMs = offset === undefined ? reading : zone.toLocal(utcMs);
    moment = { localMs, day: Math.floor(localMs / msPerDay), utcMs };
  }
  const first = dayNumber(supportedYears.first, 1, 1);
  const last = dayNumber(supportedYears.last, 12, 31);
  if (moment.day < first || moment.day > last) {
    throw new DeadlineInputError('deadlines:errors.dateOutOfRange', {
      field,
      first: supportedYears.first,
      last: supportedYears.last,
    });
  }
  return moment;
}

function isOffset(offset: string): boolean {
  return offset === 'Z' || offset === 'z' || Math.abs(offsetMinutes(offset)) <= 18 * 60;
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z' || offset === 'z') return 0;
  const digits = offset.replace(':', '');
  const hours = Number(digits.slice(1, 3));
  const minutes = digits.length > 3 ? Number(digits.slice(3, 5)) : 0;
  if (minutes > 59) return Number.POSITIVE_INFINITY;
  return (offset[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}
