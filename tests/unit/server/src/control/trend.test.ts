import { describe, expect, it } from 'vitest';
import { riseOf, topRising, trendOf } from '../../../../../server/src/control/trend';

describe('the change against the previous period', () => {
  it('is the difference and the share of the previous count, to one decimal', () => {
    expect(trendOf(5, 1)).toEqual({ delta: 4, percent: 400 });
    expect(trendOf(2, 3)).toEqual({ delta: -1, percent: -33.3 });
  });

  it('has no share when the previous period had none', () => {
    expect(trendOf(4, 0)).toEqual({ delta: 4, percent: null });
  });
});

describe('the top rising problems', () => {
  const cell = (category: string, territoryId: string, count: number, previous: number) => ({
    category,
    territoryId,
    count,
    previous,
  });

  it('lists growing cells of a known category and territory, most growth first', () => {
    const rising = topRising([
      cell('roads', 't1', 12, 2),
      cell('utilities', 't2', 6, 0),
      cell('waste', 't1', 2, 0),
      cell('lighting', 't1', 5, 5),
      cell('roads', '', 30, 1),
      cell('', 't1', 9, 0),
      cell('housing', 't2', 4, 6),
    ]);
    expect(rising.map((r) => [r.category, r.territoryId, r.delta])).toEqual([
      ['roads', 't1', 10],
      ['utilities', 't2', 6],
    ]);
  });

  it('keeps at most the limit', () => {
    const cells = Array.from({ length: 15 }, (_, i) => cell(`c${i}`, 't', 10 + i, 0));
    expect(topRising(cells, 10)).toHaveLength(10);
    expect(topRising(cells, 10)[0]!.category).toBe('c14');
  });
});

describe('the rise alert rule', () => {
  it('fires at three times the mean of the previous eight weeks', () => {
    expect(riseOf(6, [2, 2, 2, 2, 2, 2, 2, 2])).toEqual({ usual: 2, rise: true });
    expect(riseOf(5, [2, 2, 2, 2, 2, 2, 2, 2])).toEqual({ usual: 2, rise: false });
  });

  it('counts weeks without appeals as zero', () => {
    expect(riseOf(5, [4, 4])).toEqual({ usual: 1, rise: true });
  });

  it('does not fire below five appeals in the week, however quiet it was before (0 → 3)', () => {
    expect(riseOf(3, [0, 0, 0, 0, 0, 0, 0, 0]).rise).toBe(false);
    expect(riseOf(4, []).rise).toBe(false);
    expect(riseOf(5, []).rise).toBe(true);
  });
});
