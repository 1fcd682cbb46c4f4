import {
  deadlineClockOf,
  wallClock,
  workingDaysBetween,
  workingHoursBetween,
} from '../../../renderer/app/deadline-clock';
import { deadlineBadge } from '../../../renderer/features/inbox/deadline';
import { defaultOrganisationSettings } from '../../../shared/model/organisation';

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
    expect(clock).toEqual({ timeZone: 'Asia/Yekaterinburg', workingHours: { start: '08:00', end: '17:00' } });
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
