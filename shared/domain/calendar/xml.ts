import { fail, ok, type Result } from '../result';
import { monthDayNumber, supportedYears } from './civil';
import type { CalendarYear } from './types';

/** An official calendar is about 3 KB; anything near this size is not one. */
const maxXmlLength = 256 * 1024;

// Every pattern below is linear: no nested quantifiers, so hostile input cannot make them backtrack.
const rootPattern = /<calendar\b([^<>]*)>/;
const daysPattern = /<days\s*>([\s\S]*?)<\/days\s*>/;
const dayPattern = /<day\b([^<>]*?)\/?>/g;
const commentPattern = /<!--[\s\S]*?-->/g;
const attributePattern = /([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g;
const monthDayPattern = /^(\d{2})\.(\d{2})$/;

function attributes(source: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of source.matchAll(attributePattern)) {
    found.set(match[1] as string, match[2] ?? match[3] ?? '');
  }
  return found;
}

/**
 * Reads one year of a production calendar in the xmlcalendar format (xmlcalendar.ru), so that an
 * organisation can load a newer official edition than the one shipped (`org.calendarYears`).
 *
 * Only the subset the format uses is understood: a `<calendar year="…">` root and `<day d="MM.DD"
 * t="1|2|3" f="MM.DD"/>` entries inside `<days>`. Anything else inside `<days>`, a DTD or entity
 * declaration (billion laughs, external entities), an impossible date or a day listed twice is refused
 * with a `deadlines:errors.calendar*` error rather than half-read: a wrong calendar silently moves
 * legal deadlines.
 */
export function parseXmlCalendar(xml: string): Result<CalendarYear> {
  if (typeof xml !== 'string' || xml.trim() === '') return fail('deadlines:errors.calendarMalformed');
  if (xml.length > maxXmlLength) return fail('deadlines:errors.calendarTooLarge', { maxBytes: maxXmlLength });
  if (/<!DOCTYPE|<!ENTITY|<!\[CDATA\[/i.test(xml)) return fail('deadlines:errors.calendarUnsafe');

  const root = rootPattern.exec(xml);
  if (!root) return fail('deadlines:errors.calendarMalformed');
  const yearText = attributes(root[1] as string).get('year') ?? '';
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
  if (!(year >= supportedYears.first && year <= supportedYears.last)) {
    return fail('deadlines:errors.calendarYear', { year: yearText.slice(0, 20) });
  }
  const days = daysPattern.exec(xml);
  if (!days) return fail('deadlines:errors.calendarMalformed');
  const body = (days[1] as string).replace(commentPattern, '');
  if (body.replace(dayPattern, '').trim() !== '') return fail('deadlines:errors.calendarMalformed');

  const calendar = {
    year,
    dayOffs: [] as string[],
    shortened: [] as string[],
    workingWeekends: [] as string[],
    transfers: {} as Record<string, string>,
  };
  const seen = new Set<string>();
  for (const day of body.matchAll(dayPattern)) {
    const attrs = attributes(day[1] as string);
    const d = toMonthDay(year, attrs.get('d'));
    if (d === undefined)
      return fail('deadlines:errors.calendarDay', { year, day: (attrs.get('d') ?? '').slice(0, 20) });
    if (seen.has(d)) return fail('deadlines:errors.calendarDuplicateDay', { year, day: d });
    seen.add(d);
    const kind = attrs.get('t');
    if (kind === '1') calendar.dayOffs.push(d);
    else if (kind === '2') calendar.shortened.push(d);
    else if (kind === '3') calendar.workingWeekends.push(d);
    else return fail('deadlines:errors.calendarDay', { year, day: d });
    if (attrs.has('f')) {
      const from = toMonthDay(year, attrs.get('f'));
      if (from === undefined) return fail('deadlines:errors.calendarDay', { year, day: d });
      calendar.transfers[d] = from;
    }
  }
  const edition = attributes(root[1] as string).get('date');
  return ok(edition && /^\d{4}\.\d{2}\.\d{2}$/.test(edition) ? { ...calendar, edition } : calendar);
}

/** `MM.DD` (xmlcalendar) → `MM-DD` (ours), when it is a real date of `year`. */
function toMonthDay(year: number, value: string | undefined): string | undefined {
  const match = value === undefined ? null : monthDayPattern.exec(value);
  if (!match) return undefined;
  const monthDay = `${match[1]}-${match[2]}`;
  return monthDayNumber(year, monthDay) === undefined ? undefined : monthDay;
}
