import { pad2 } from './civil';
import { DeadlineInputError } from './errors';

/** An organisation's office hours on a full working day, as `HH:MM` wall-clock times in its zone. */
export interface WorkingHours {
  start: string;
  end: string;
}

/** Mon–Fri 09:00–18:00 unless the organisation says otherwise (days themselves come from the calendar). */
export const defaultWorkingHours: WorkingHours = { start: '09:00', end: '18:00' };

/** Labour Code art. 95: a pre-holiday working day is one hour shorter; the office closes an hour earlier. */
export const shortenedByMinutes = 60;

/** Working hours as minutes after local midnight. */
export interface WorkingMinutes {
  start: number;
  end: number;
}

const hhmm = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const parsed = new WeakMap<object, WorkingMinutes>();
const defaultMinutes: WorkingMinutes = { start: 9 * 60, end: 18 * 60 };

/**
 * Validates and converts working hours. The day must be longer than the shortening, so that a
 * shortened day still has working time: `deadlines:errors.invalidWorkingHours` otherwise.
 */
export function workingMinutes(hours?: WorkingHours | null): WorkingMinutes {
  if (hours === undefined || hours === null) return defaultMinutes;
  if (typeof hours !== 'object') throw new DeadlineInputError('deadlines:errors.invalidWorkingHours');
  const cached = parsed.get(hours);
  if (cached) return cached;
  const start = toMinutes(hours.start);
  const end = toMinutes(hours.end);
  if (start === undefined || end === undefined || end - start <= shortenedByMinutes) {
    throw new DeadlineInputError('deadlines:errors.invalidWorkingHours');
  }
  const minutes = { start, end };
  parsed.set(hours, minutes);
  return minutes;
}

function toMinutes(value: unknown): number | undefined {
  const match = typeof value === 'string' ? hhmm.exec(value) : null;
  if (!match) return undefined;
  return match[1] === undefined ? 24 * 60 : Number(match[1]) * 60 + Number(match[2]);
}

export function formatMinutes(minutes: number): string {
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}
