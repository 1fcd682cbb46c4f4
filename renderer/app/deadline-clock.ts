/**
 * The organisation's clock for everything the desktop shows about deadlines (inbox badges, the appeal's
 * deadline panel, supervisor counts, deadline notifications): its time zone, its office hours and the
 * production calendar. Pure; the settings come from the replicated `organisations` collection
 * (organisation.ts). The server owns the deadlines themselves — this only counts the time left.
 */
import { calendarFor, russianCalendar, type WorkingCalendar } from '../../shared/domain/calendar';
import {
  isWorkingDay,
  type OrgDeadlineSettings,
  type WorkingHours,
  workingHoursOf,
} from '../../shared/domain/deadlines';
import { deadlineSettingsOf, type OrganisationSettings } from '../../shared/model/organisation';

export interface DeadlineClock {
  /** IANA zone: "today" and deadline dates are the organisation's wall-calendar dates. */
  readonly timeZone: string;
  /** Office hours on a full working day (incident terms run in working hours). */
  readonly workingHours: WorkingHours;
  /** The shipped production calendars with the ones the organisation loaded (settings.calendarYears). */
  readonly calendar: WorkingCalendar;
  /** The deadline engine's settings, for what the desktop asks the engine itself (calendar warnings). */
  readonly engine: OrgDeadlineSettings;
}

const defaultHours: WorkingHours = { start: '09:00', end: '18:00' };

export function deadlineClockOf(settings: OrganisationSettings): DeadlineClock {
  const engine = deadlineSettingsOf(settings);
  return {
    timeZone: engine.timeZone,
    workingHours: engine.workingHours ?? defaultHours,
    calendar: organisationCalendar(engine),
    engine,
  };
}

/**
 * The replicated settings are an edge: a loaded calendar the engine refuses must not take the whole
 * window down. Days are then counted on the shipped calendars, as the server's engine would refuse it too.
 */
function organisationCalendar(engine: OrgDeadlineSettings): WorkingCalendar {
  try {
    return calendarFor(engine.calendarYears);
  } catch (error) {
    console.warn('okno: the organisation’s production calendar is unusable', error);
    return russianCalendar;
  }
}

const dayMs = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const hourMs = 3_600_000;
/** UTC offset (minutes) of a zone per UTC hour: zones change offsets only on hour boundaries. */
const offsets = new Map<string, Map<number, number>>();

function offsetMinutes(instant: number, timeZone: string): number {
  const hour = Math.floor(instant / hourMs);
  let zone = offsets.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  let offset = zone.get(hour);
  if (offset === undefined) {
    const at = hour * hourMs;
    const parts: Record<string, string> = {};
    for (const part of formatterFor(timeZone).formatToParts(new Date(at))) parts[part.type] = part.value;
    const wall = Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
    );
    offset = Math.round((wall - at) / 60_000);
    if (zone.size > 10_000) zone.clear();
    zone.set(hour, offset);
  }
  return offset;
}

/**
 * The wall-clock date (`YYYY-MM-DD`) and minutes after midnight of an instant in `timeZone`. Called
 * for every visible deadline badge: Intl runs once per zone and hour, the rest is arithmetic.
 */
export function wallClock(instant: number, timeZone: string): { date: string; minutes: number } {
  const wall = instant + offsetMinutes(instant, timeZone) * 60_000;
  const midnight = Math.floor(wall / dayMs) * dayMs;
  return { date: new Date(midnight).toISOString().slice(0, 10), minutes: (wall - midnight) / 60_000 };
}

const dayIndex = (date: string): number => Date.parse(`${date}T00:00:00Z`) / dayMs;
const dateOf = (index: number): string => new Date(index * dayMs).toISOString().slice(0, 10);

/** Calendar days from `from` to `to` (`YYYY-MM-DD`), negative when `to` is earlier. */
export function calendarDaysBetween(from: string, to: string): number {
  return dayIndex(to) - dayIndex(from);
}

/** Working days after `from` up to and including `to` (negative when `to` is earlier). */
export function workingDaysBetween(
  from: string,
  to: string,
  calendar: WorkingCalendar = russianCalendar,
): number {
  const sign = to >= from ? 1 : -1;
  let count = 0;
  for (let day = dayIndex(from); sign > 0 ? day < dayIndex(to) : day > dayIndex(to); day += sign) {
    if (isWorkingDay(dateOf(day + sign), calendar)) count += sign;
  }
  return count;
}

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Beyond this span an incident's time is counted in clock hours (a month-old incident is simply late). */
const maxWorkingSpanDays = 31;

/**
 * Hours between two instants counted in the organisation's office hours (pre-holiday days are an hour
 * shorter, days off count nothing); negative when `to` is earlier. Spans over a month: clock hours.
 */
export function workingHoursBetween(from: number, to: number, clock: DeadlineClock): number {
  if (to < from) return -workingHoursBetween(to, from, clock);
  if (to - from > maxWorkingSpanDays * dayMs) return (to - from) / 3_600_000;
  const start = wallClock(from, clock.timeZone);
  const end = wallClock(to, clock.timeZone);
  let minutes = 0;
  for (let day = dayIndex(start.date); day <= dayIndex(end.date); day += 1) {
    const date = dateOf(day);
    const open = workingHoursOf(date, clock.calendar, clock.workingHours);
    if (!open) continue;
    const lower = Math.max(toMinutes(open.start), date === start.date ? start.minutes : 0);
    const upper = Math.min(toMinutes(open.end), date === end.date ? end.minutes : 24 * 60);
    if (upper > lower) minutes += upper - lower;
  }
  return minutes / 60;
}
