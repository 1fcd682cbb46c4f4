/**
 * The dashboard's periods (issue 14, «Очаги»): the last week, month (30 days) or quarter (91 days) up
 * to the end of today in the organisation's zone, or custom calendar days; each compared with the
 * same number of days just before it. Weeks of the rise alert start on Monday. Pure.
 */
import { Zone } from '../../../shared/domain/calendar/time-zone';

export type PeriodKind = 'week' | 'month' | 'quarter' | 'custom';
export const periodKinds: readonly PeriodKind[] = ['week', 'month', 'quarter', 'custom'];

const msPerDay = 86_400_000;
const periodDays: Record<Exclude<PeriodKind, 'custom'>, number> = { week: 7, month: 30, quarter: 91 };
/** A custom period spans at most two years (and its comparison two more). */
const maxCustomDays = 731;

/** Instants: [from, to) is the period, [previousFrom, from) the one it is compared with. */
export interface ControlWindow {
  previousFrom: number;
  from: number;
  to: number;
}

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(day: string): number | null {
  const match = dayPattern.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(year, month - 1, date);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date)
    return null;
  return utc / msPerDay;
}

/** The window of a period; null for custom days that are not dates, reversed or too far apart. */
export function periodWindow(
  kind: PeriodKind,
  now: number,
  timeZone: string,
  custom?: { from: string; to: string },
): ControlWindow | null {
  const zone = new Zone(timeZone);
  if (kind !== 'custom') {
    const tomorrow = Math.floor(zone.toLocal(now) / msPerDay) + 1;
    const days = periodDays[kind];
    return {
      previousFrom: zone.toUtc((tomorrow - 2 * days) * msPerDay),
      from: zone.toUtc((tomorrow - days) * msPerDay),
      to: zone.toUtc(tomorrow * msPerDay),
    };
  }
  const first = custom ? dayNumber(custom.from) : null;
  const last = custom ? dayNumber(custom.to) : null;
  if (first === null || last === null || last < first || last - first >= maxCustomDays) return null;
  const days = last - first + 1;
  return {
    previousFrom: zone.toUtc((first - days) * msPerDay),
    from: zone.toUtc(first * msPerDay),
    to: zone.toUtc((last + 1) * msPerDay),
  };
}

/** The Monday 00:00 (local) of the week holding `instant`, as an instant and as `YYYY-MM-DD`. */
export function weekStart(instant: number, timeZone: string): { at: number; day: string } {
  const zone = new Zone(timeZone);
  const localDay = Math.floor(zone.toLocal(instant) / msPerDay);
  // 1 January 1970 was a Thursday: (day + 3) % 7 days since Monday.
  const monday = localDay - ((localDay + 3) % 7);
  return { at: zone.toUtc(monday * msPerDay), day: new Date(monday * msPerDay).toISOString().slice(0, 10) };
}
