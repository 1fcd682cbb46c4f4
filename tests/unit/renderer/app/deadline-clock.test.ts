import {
  deadlineClockOf,
  wallClock,
  workingDaysBetween,
  workingHoursBetween,
} from '../../../../renderer/app/deadline-clock';
import { deadlineBadge } from '../../../../renderer/features/inbox/deadline';
import { parseXmlCalendar, russianCalendar } from '../../../../shared/domain/calendar';
import { defaultOrganisationSettings } from '../../../../shared/model/organisation';

const hour = 3_600_000;
const moscow = deadlineClockOf(defaultOrganisationSettings);
const vladivostok = deadlineClockOf({ ...defaultOrganisationSettings, timeZone: 'Asia/Vladivostok' });

describe('the organisation’s deadline clock', () => {
  it('takes the time zone and the office hours from the organisation’s settings', () => {
    const clock = deadlineClockOf({
      ...defaultOrganisationSettings,
      timeZone: 'Asia/Yekaterinburg',
      workingHours: { ...defaultOrganisationSettings.workingHours, mon: { start: '08:00', end: '17:00' } },
    });
    expect(clock).toMatchObject({
      timeZone: 'Asia/Yekaterinburg',
      workingHours: { start: '08:00', end: '17:00' },
    });
    expect(clock.calendar).toBe(russianCalendar);
  });

  describe('with a production calendar the organisation loaded', () => {
    // 2028 has no shipped calendar; this one makes Thursday 9 March 2028 a day off.
    const loaded = parseXmlCalendar(
      '<calendar year="2028"><days><day d="03.08" t="1"/><day d="03.09" t="1"/></days></calendar>',
    );
    if (!loaded.ok) throw new Error(loaded.error.code);
    const withCalendar = deadlineClockOf({ ...defaultOrganisationSettings, calendarYears: [loaded.value] });

    it('counts working days with it', () => {
      expect(workingDaysBetween('2028-03-06', '2028-03-10', moscow.calendar)).toBe(3);
      expect(workingDaysBetween('2028-03-06', '2028-03-10', withCalendar.calendar)).toBe(2);
    });

    it('counts office hours with it', () => {
      const wednesday18 = Date.UTC(2028, 2, 8, 15); // 18:00 Moscow
      const friday10 = Date.UTC(2028, 2, 10, 7); // 10:00 Moscow
      expect(workingHoursBetween(wednesday18, friday10, moscow)).toBe(10);
      expect(workingHoursBetween(wednesday18, friday10, withCalendar)).toBe(1);
    });

    it('counts the working days left of a portal message with it', () => {
      const now = Date.UTC(2028, 2, 7, 7); // Tuesday 7 March 2028, 10:00 Moscow
      const dueAt = Date.UTC(2028, 2, 10, 15); // Friday 10 March
      expect(deadlineBadge({ regime: 'portal', dueAt }, now, moscow)).toMatchObject({ amount: 2 });
      expect(deadlineBadge({ regime: 'portal', dueAt }, now, withCalendar)).toMatchObject({ amount: 1 });
    });

    it('keeps counting on the shipped calendars when the loaded one is unusable', () => {
      const broken = { ...loaded.value, dayOffs: ['13-45'] };
      const clock = deadlineClockOf({ ...defaultOrganisationSettings, calendarYears: [broken] });
      expect(clock.calendar).toBe(russianCalendar);
    });
  });

  it('reads "today" on the organisation’s wall calendar', () => {
    // 2026-03-10 20:00 UTC is already 11 March in Vladivostok (UTC+10).
    const instant = Date.UTC(2026, 2, 10, 20);
    expect(wallClock(instant, moscow.timeZone).date).toBe('2026-03-10');
    expect(wallClock(instant, vladivostok.timeZone)).toEqual({ date: '2026-03-11', minutes: 6 * 60 });
  });

  it('counts incident time in office hours: Friday 17:00 to Monday 10:00 is two working hours', () => {
    const friday17 = Date.UTC(2026, 2, 13, 14); // 17:00 Moscow
    const monday10 = Date.UTC(2026, 2, 16, 7); // 10:00 Moscow
    expect(workingHoursBetween(friday17, monday10, moscow)).toBe(2);
    expect(workingHoursBetween(monday10, friday17, moscow)).toBe(-2);
  });

  it('skips the May holidays when counting working days', () => {
    expect(workingDaysBetween('2025-04-28', '2025-05-05')).toBe(3);
  });

  it('shows a formal appeal due tomorrow in Vladivostok as due today where it is already tomorrow', () => {
    const now = Date.UTC(2026, 2, 10, 20); // 11 March 06:00 in Vladivostok
    const dueAt = Date.UTC(2026, 2, 11, 13, 59); // 11 March 23:59 in Vladivostok
    expect(deadlineBadge({ regime: 'formal', dueAt }, now, moscow)).toMatchObject({
      kind: 'days',
      amount: 1,
    });
    expect(deadlineBadge({ regime: 'formal', dueAt }, now, vladivostok)).toMatchObject({
      kind: 'days',
      amount: 1,
      soon: true,
    });
    expect(deadlineBadge({ regime: 'incident', dueAt: now + 30 * hour }, now, vladivostok)).toMatchObject({
      kind: 'hours',
      overdue: false,
    });
  });
});
