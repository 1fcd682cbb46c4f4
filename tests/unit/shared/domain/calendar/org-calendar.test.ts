import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  checkCalendarYear,
  minWorkingDaysPerYear,
  parseXmlCalendar,
} from '../../../../../shared/domain/calendar';

const root = path.resolve(import.meta.dirname, '..', '..', '..', '..', '..');

describe('checking a calendar an organisation loads', () => {
  it('accepts every shipped calendar', () => {
    for (const year of [2024, 2025, 2026, 2027]) {
      const parsed = parseXmlCalendar(
        readFileSync(path.join(root, 'resources/calendar/ru', `${year}.xml`), 'utf8'),
      );
      if (!parsed.ok) throw new Error(parsed.error.code);
      expect(checkCalendarYear(parsed.value)).toEqual({ ok: true, value: parsed.value });
    }
  });

  it('refuses a year that is mostly days off, which parses but describes no real working year', () => {
    const days = Array.from({ length: 12 }, (_, m) =>
      Array.from(
        { length: 28 },
        (_, d) => `<day d="${String(m + 1).padStart(2, '0')}.${String(d + 1).padStart(2, '0')}" t="1"/>`,
      ).join(''),
    ).join('');
    const parsed = parseXmlCalendar(`<calendar year="2028"><days>${days}</days></calendar>`);
    if (!parsed.ok) throw new Error(parsed.error.code);
    const checked = checkCalendarYear(parsed.value);
    expect(checked).toEqual({
      ok: false,
      error: {
        code: 'deadlines:errors.calendarFewWorkingDays',
        params: { year: 2028, workingDays: expect.any(Number), min: minWorkingDaysPerYear },
      },
    });
  });

  it('refuses a malformed calendar with the engine’s error', () => {
    const checked = checkCalendarYear({
      year: 2028,
      dayOffs: ['02-30'],
      shortened: [],
      workingWeekends: [],
      transfers: {},
    });
    expect(checked).toMatchObject({ ok: false, error: { code: 'deadlines:errors.invalidCalendar' } });
  });
});
