import {
  calendarFor,
  fixedHolidays,
  isWorkingDay,
  parseXmlCalendar,
  russianCalendar,
  workingHoursOf,
} from '../../../../../shared/domain/calendar';

describe('working-day calendar', () => {
  it.each([
    ['2026-05-09', false, 'Victory Day'],
    ['2026-05-11', false, 'the Monday that takes the day off of 9 May 2026 (a Saturday)'],
    ['2026-01-09', false, 'Friday 9 January 2026, transferred from Saturday 3 January'],
    ['2026-12-31', false, '31 December 2026, transferred from Sunday 4 January'],
    ['2025-05-02', false, '2 May 2025, transferred from Saturday 4 January'],
    ['2025-11-01', true, 'Saturday 1 November 2025, a shortened working day'],
    ['2024-04-27', true, 'Saturday 27 April 2024, a working weekend day'],
    ['2024-12-28', true, 'Saturday 28 December 2024, a working weekend day'],
    ['2026-05-08', true, 'the shortened pre-holiday Friday before 9 May 2026'],
    ['2026-05-12', true, 'an ordinary Tuesday'],
    ['2026-05-16', false, 'an ordinary Saturday'],
    ['2027-01-08', false, 'Friday 8 January 2027, the last New Year holiday'],
    ['2027-01-11', true, 'Monday 11 January 2027, the first working day of 2027'],
    [
      '2027-02-20',
      true,
      'Saturday 20 February 2027, a shortened working day (its day off moves to 22 February)',
    ],
    ['2027-02-22', false, 'Monday 22 February 2027, transferred from Saturday 20 February'],
    ['2027-05-03', false, 'Monday 3 May 2027, transferred from Saturday 1 May'],
    ['2027-05-10', false, 'Monday 10 May 2027, transferred from Sunday 9 May'],
    ['2027-06-14', false, 'Monday 14 June 2027, transferred from Saturday 12 June'],
    ['2027-11-05', false, 'Friday 5 November 2027, transferred from Saturday 2 January'],
    ['2027-12-31', false, 'Friday 31 December 2027, transferred from Sunday 3 January'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(isWorkingDay(date)).toBe(working);
  });

  it('ends a shortened pre-holiday day one hour earlier', () => {
    expect(workingHoursOf('2026-04-30')).toEqual({ start: '09:00', end: '17:00' });
    expect(workingHoursOf('2026-05-08', russianCalendar, { start: '08:30', end: '17:30' })).toEqual({
      start: '08:30',
      end: '16:30',
    });
    expect(workingHoursOf('2026-05-12')).toEqual({ start: '09:00', end: '18:00' });
    expect(workingHoursOf('2026-05-09')).toBeNull();
  });

  describe('a year with no official calendar (2028)', () => {
    it('knows it has no calendar for 2028', () => {
      expect(russianCalendar.hasYear(2027)).toBe(true);
      expect(russianCalendar.hasYear(2028)).toBe(false);
    });

    it.each(fixedHolidays.map((md) => `2028-${md}`))(
      'treats the Labour Code art. 112 holiday %s as a day off',
      (date) => {
        expect(isWorkingDay(date)).toBe(false);
      },
    );

    it('treats weekends as days off and other weekdays as working days', () => {
      expect(isWorkingDay('2028-01-09')).toBe(false); // Sunday
      expect(isWorkingDay('2028-01-10')).toBe(true); // Monday
      expect(isWorkingDay('2028-03-09')).toBe(true); // no transfer is guessed
    });

    it('shortens the working day right before a holiday by one hour (art. 95)', () => {
      expect(workingHoursOf('2028-02-22')).toEqual({ start: '09:00', end: '17:00' });
      expect(workingHoursOf('2028-03-07')).toEqual({ start: '09:00', end: '17:00' });
    });
  });

  it('lets an organisation load a newer official calendar that overrides the fallback', () => {
    const loaded = parseXmlCalendar(
      '<calendar year="2027"><days><day d="01.01" t="1"/><day d="03.09" t="1" f="01.02"/></days></calendar>',
    );
    if (!loaded.ok) throw new Error(loaded.error.code);
    const calendar = calendarFor([loaded.value]);
    expect(calendar.hasYear(2027)).toBe(true);
    expect(isWorkingDay('2027-03-09', calendar)).toBe(false);
    expect(isWorkingDay('2026-05-11', calendar)).toBe(false);
    expect(calendarFor([loaded.value])).not.toBe(russianCalendar);
  });

  it('refuses a malformed organisation calendar with a typed error', () => {
    expect(() =>
      calendarFor([{ year: 2027, dayOffs: ['13-01'], shortened: [], workingWeekends: [], transfers: {} }]),
    ).toThrow(expect.objectContaining({ code: 'deadlines:errors.invalidCalendar' }));
    expect(() => calendarFor('2027' as never)).toThrow(
      expect.objectContaining({ code: 'deadlines:errors.invalidCalendar' }),
    );
  });

  it.each(['2026-02-30', '2026-5-9', '', '09.05.2026', '2026-05-09T00:00'])(
    'refuses the non-date %j',
    (date) => {
      expect(() => isWorkingDay(date)).toThrow(
        expect.objectContaining({ code: 'deadlines:errors.invalidDate' }),
      );
    },
  );
});
