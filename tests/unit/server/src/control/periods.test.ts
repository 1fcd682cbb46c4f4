import { describe, expect, it } from 'vitest';
import { periodWindow, weekStart } from '../../../../../server/src/control/periods';

const moscow = 'Europe/Moscow';
const msk = (iso: string) => Date.parse(`${iso}+03:00`);

describe('the dashboard periods', () => {
  it('end at the end of today in the organisation’s zone and compare with as many days before', () => {
    // 23:30 in Moscow on 31 December is still 31 December there (20:30 UTC).
    const window = periodWindow('week', msk('2026-12-31T23:30:00'), moscow)!;
    expect(window).toEqual({
      previousFrom: msk('2026-12-18T00:00:00'),
      from: msk('2026-12-25T00:00:00'),
      to: msk('2027-01-01T00:00:00'),
    });
  });

  it('are 30 days for a month and 91 for a quarter', () => {
    const month = periodWindow('month', msk('2026-03-01T10:00:00'), moscow)!;
    expect((month.to - month.from) / 86_400_000).toBe(30);
    const quarter = periodWindow('quarter', msk('2026-03-01T10:00:00'), moscow)!;
    expect((quarter.from - quarter.previousFrom) / 86_400_000).toBe(91);
  });

  it('take custom calendar days, both included, and refuse what is not a period', () => {
    expect(periodWindow('custom', 0, moscow, { from: '2026-02-01', to: '2026-02-28' })).toEqual({
      previousFrom: msk('2026-01-04T00:00:00'),
      from: msk('2026-02-01T00:00:00'),
      to: msk('2026-03-01T00:00:00'),
    });
    expect(periodWindow('custom', 0, moscow, { from: '2026-02-30', to: '2026-03-01' })).toBeNull();
    expect(periodWindow('custom', 0, moscow, { from: '2026-03-02', to: '2026-03-01' })).toBeNull();
    expect(periodWindow('custom', 0, moscow, { from: '2020-01-01', to: '2026-01-01' })).toBeNull();
    expect(periodWindow('custom', 0, moscow)).toBeNull();
  });
});

describe('the week of a rise alert', () => {
  it('starts on Monday at midnight in the zone', () => {
    expect(weekStart(msk('2026-03-18T12:00:00'), moscow)).toEqual({
      at: msk('2026-03-16T00:00:00'),
      day: '2026-03-16',
    });
    // Sunday night is still the week that began on Monday; Monday 00:00 begins the next.
    expect(weekStart(msk('2026-03-22T23:59:00'), moscow).day).toBe('2026-03-16');
    expect(weekStart(msk('2026-03-23T00:00:00'), moscow).day).toBe('2026-03-23');
    // Across a year's end.
    expect(weekStart(msk('2027-01-01T09:00:00'), moscow).day).toBe('2026-12-28');
  });
});
