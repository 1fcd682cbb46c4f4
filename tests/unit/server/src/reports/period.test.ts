import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysPeriod, maxPeriodDays, monthPeriod, percentOf } from '../../../../../server/src/reports/period';

describe('report periods', () => {
  it('a month starts and ends at local midnight of the organisation’s zone', () => {
    expect(monthPeriod('2026-11', 'Europe/Moscow')).toEqual({
      from: Date.parse('2026-10-31T21:00:00Z'),
      to: Date.parse('2026-11-30T21:00:00Z'),
    });
    expect(monthPeriod('2026-12', 'Asia/Vladivostok')).toEqual({
      from: Date.parse('2026-11-30T14:00:00Z'),
      to: Date.parse('2026-12-31T14:00:00Z'),
    });
  });

  it('refuses what is not a month', () => {
    for (const wrong of ['2026-13', '2026-00', '2026-1', 'ноябрь', '']) {
      expect(monthPeriod(wrong, 'Europe/Moscow')).toBeNull();
    }
  });

  it('a span of days includes both days', () => {
    expect(daysPeriod('2026-11-02', '2026-11-30', 'Europe/Moscow')).toEqual({
      from: Date.parse('2026-11-01T21:00:00Z'),
      to: Date.parse('2026-11-30T21:00:00Z'),
    });
    expect(daysPeriod('2026-12-31', '2026-12-31', 'Europe/Moscow')).toEqual({
      from: Date.parse('2026-12-30T21:00:00Z'),
      to: Date.parse('2026-12-31T21:00:00Z'),
    });
  });

  it('refuses reversed, impossible or too long spans', () => {
    expect(daysPeriod('2026-11-30', '2026-11-01', 'Europe/Moscow')).toBeNull();
    expect(daysPeriod('2026-02-30', '2026-03-01', 'Europe/Moscow')).toBeNull();
    expect(daysPeriod('2020-01-01', '2026-01-01', 'Europe/Moscow')).toBeNull();
  });

  it('consecutive months meet without a gap or an overlap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 11 }), (year, month) => {
        const pad = (n: number) => String(n).padStart(2, '0');
        const first = monthPeriod(`${year}-${pad(month)}`, 'Europe/Samara')!;
        const next = monthPeriod(`${year}-${pad(month + 1)}`, 'Europe/Samara')!;
        return first.to === next.from && first.from < first.to;
      }),
    );
  });

  it('a span never exceeds the longest allowed', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2001-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }),
        fc.nat(800),
        (start, days) => {
          const from = start.toISOString().slice(0, 10);
          const to = new Date(start.getTime() + days * 86_400_000).toISOString().slice(0, 10);
          const period = daysPeriod(from, to, 'Europe/Moscow');
          return days < maxPeriodDays ? period !== null && period.to > period.from : period === null;
        },
      ),
    );
  });
});

describe('shares', () => {
  it('is a per cent with one decimal, none of nothing', () => {
    expect(percentOf(3, 4)).toBe(75);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(0, 0)).toBeNull();
  });
});
