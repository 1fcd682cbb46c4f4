/**
 * The dashboard's arithmetic (issue 14, «Очаги»), pure so it is tested with fixed numbers:
 * the change against the previous period, the top rising problems, and the rise alert's rule —
 * a category in a territory at ≥ 3× its usual weekly level, the usual level being the mean of the
 * previous 8 weeks, and never fewer than 5 appeals in the week (so 0 → 3 is no alert).
 */

/** One cell of category × territory: appeals in the period and in the period before. */
export interface ControlCell {
  /** '' — without a category */
  category: string;
  /** '' — territory not determined */
  territoryId: string;
  count: number;
  previous: number;
}

export interface Trend {
  delta: number;
  /** per cent with one decimal; null when the previous period had none */
  percent: number | null;
}

export function trendOf(count: number, previous: number): Trend {
  const delta = count - previous;
  return { delta, percent: previous === 0 ? null : Math.round((delta / previous) * 1000) / 10 };
}

/** A rising problem needs at least this many appeals in the period to be listed. */
const risingMinimum = 3;

/**
 * The cells that grew most: at least `risingMinimum` appeals now and more than before, by growth,
 * then by count; a known category and territory only (an unknown one is no problem to act on).
 */
export function topRising(cells: readonly ControlCell[], limit = 10): (ControlCell & Trend)[] {
  return cells
    .filter(
      (cell) =>
        cell.category && cell.territoryId && cell.count >= risingMinimum && cell.count > cell.previous,
    )
    .map((cell) => ({ ...cell, ...trendOf(cell.count, cell.previous) }))
    .sort((a, b) => b.delta - a.delta || b.count - a.count || a.category.localeCompare(b.category))
    .slice(0, limit);
}

const riseFactor = 3;
const riseMinimum = 5;
export const usualWeeks = 8;

export interface RiseVerdict {
  /** the mean of the previous `usualWeeks` weeks */
  usual: number;
  rise: boolean;
}

/** `previousWeeks`: the counts of the weeks before, any order; missing weeks count as 0. */
export function riseOf(weekCount: number, previousWeeks: readonly number[]): RiseVerdict {
  const usual = previousWeeks.slice(0, usualWeeks).reduce((sum, count) => sum + count, 0) / usualWeeks;
  return { usual, rise: weekCount >= riseMinimum && weekCount >= riseFactor * usual };
}
