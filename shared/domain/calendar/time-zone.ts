import { DeadlineInputError } from './errors';

const msPerMinute = 60_000;
const msPerDay = 86_400_000;
/** Offset caches are bounded so that a long-running server never grows them without limit. */
const maxCachedDays = 100_000;

/**
 * An IANA time zone with its UTC offsets cached by UTC day. Russia spans UTC+2 to UTC+12 and has not
 * changed its clocks since 2020, but an organisation may name any zone, so offsets always come from
 * `Intl` (the only time-zone database shared/ may use) and are cached: `formatToParts` costs
 * microseconds, a Map lookup nanoseconds.
 */
export class Zone {
  private readonly format: Intl.DateTimeFormat;
  /** UTC day → offset in minutes, or NaN for a day with a clock change (computed exactly each time). */
  private readonly offsets = new Map<number, number>();

  constructor(readonly name: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Minutes to add to UTC to get the wall-clock time at `utcMs`. */
  offsetAt(utcMs: number): number {
    const utcDay = Math.floor(utcMs / msPerDay);
    const cached = this.offsets.get(utcDay);
    if (cached !== undefined && !Number.isNaN(cached)) return cached;
    if (cached !== undefined) return this.exactOffset(utcMs);
    // A day whose first and last minute share an offset has no clock change inside it (tzdb never
    // changes the clocks twice in one day and back again).
    const first = this.exactOffset(utcDay * msPerDay);
    const last = this.exactOffset(utcDay * msPerDay + msPerDay - msPerMinute);
    if (this.offsets.size >= maxCachedDays) this.offsets.clear();
    this.offsets.set(utcDay, first === last ? first : Number.NaN);
    return first === last ? first : this.exactOffset(utcMs);
  }

  /** Wall-clock milliseconds (a UTC-based timestamp of the local date and time) at an instant. */
  toLocal(utcMs: number): number {
    return utcMs + this.offsetAt(utcMs) * msPerMinute;
  }

  /**
   * The instant at a wall-clock time. In a spring-forward gap the clock reading does not exist and the
   * later offset is used (09:00 working hours never meet one in practice).
   */
  toUtc(localMs: number): number {
    const guess = localMs - this.offsetAt(localMs) * msPerMinute;
    const offset = this.offsetAt(guess);
    const utc = localMs - offset * msPerMinute;
    const settled = this.offsetAt(utc);
    return settled === offset ? utc : localMs - settled * msPerMinute;
  }

  private exactOffset(utcMs: number): number {
    const wholeSecond = utcMs - (((utcMs % 1000) + 1000) % 1000);
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    for (const part of this.format.formatToParts(wholeSecond)) {
      if (part.type === 'year') year = Number(part.value);
      else if (part.type === 'month') month = Number(part.value);
      else if (part.type === 'day') day = Number(part.value);
      else if (part.type === 'hour') hour = Number(part.value);
      else if (part.type === 'minute') minute = Number(part.value);
      else if (part.type === 'second') second = Number(part.value);
    }
    const local = Date.UTC(year, month - 1, day, hour, minute, second);
    return Math.round((local - wholeSecond) / msPerMinute);
  }
}

const zones = new Map<string, Zone>();

/** The zone named by an organisation setting; `deadlines:errors.unknownTimeZone` if Intl does not know it. */
export function zoneNamed(name: unknown): Zone {
  if (typeof name !== 'string') throw new DeadlineInputError('deadlines:errors.unknownTimeZone');
  const known = zones.get(name);
  if (known) return known;
  if (name.length === 0 || name.length > 64) {
    throw new DeadlineInputError('deadlines:errors.unknownTimeZone', { timeZone: name.slice(0, 64) });
  }
  let zone: Zone;
  try {
    zone = new Zone(name);
  } catch {
    throw new DeadlineInputError('deadlines:errors.unknownTimeZone', { timeZone: name });
  }
  // Only valid names are cached; the bound stops case variants ("asia/OMSK") from growing it forever.
  if (zones.size >= 1000) zones.clear();
  zones.set(name, zone);
  return zone;
}

/** `+10:00` for an offset in minutes. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `${sign}${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}`;
}
