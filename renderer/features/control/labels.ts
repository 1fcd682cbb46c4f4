/** How «Аналитика» names categories, territories and changes. Pure, so it is unit-tested. */
import type { Cell } from './api';

export type Translate = (key: string, params?: Record<string, unknown>) => string;

export function categoryLabel(t: Translate, code: string): string {
  return code ? t(`domain:category.${code}`) : t('control:noCategory');
}

export function territoryLabel(t: Translate, names: ReadonlyMap<string, string>, id: string): string {
  return id ? (names.get(id) ?? id) : t('control:undetermined');
}

/** «+4 (400 %)», «−1 (−33.3 %)», «+3 (новое)», «0» */
export function changeLabel(t: Translate, count: number, previous: number): string {
  const delta = count - previous;
  if (delta === 0) return t('control:delta.same');
  const amount = delta > 0 ? t('control:delta.up', { delta }) : t('control:delta.down', { delta: -delta });
  if (previous === 0) return `${amount} (${t('control:delta.new')})`;
  const percent = Math.round((delta / previous) * 1000) / 10;
  return `${amount} (${t('control:delta.percent', { percent: percent > 0 ? `+${percent}` : `${percent}` })})`;
}

export interface Matrix {
  /** categories by their count in the period, largest first */
  readonly categories: readonly string[];
  /** territories by their count in the period, largest first; '' (not determined) last */
  readonly territories: readonly string[];
  cell(category: string, territoryId: string): Cell | undefined;
  readonly totals: { readonly count: number; readonly previous: number };
}

/** The table of category × territory from the server's cells (a cell of the previous period only counts too). */
export function matrixOf(cells: readonly Cell[]): Matrix {
  const byCategory = new Map<string, number>();
  const byTerritory = new Map<string, number>();
  const index = new Map<string, Cell>();
  let count = 0;
  let previous = 0;
  for (const cell of cells) {
    byCategory.set(cell.category, (byCategory.get(cell.category) ?? 0) + cell.count);
    byTerritory.set(cell.territoryId, (byTerritory.get(cell.territoryId) ?? 0) + cell.count);
    index.set(`${cell.category}|${cell.territoryId}`, cell);
    count += cell.count;
    previous += cell.previous;
  }
  const order = (totals: Map<string, number>) =>
    [...totals.entries()]
      .sort((a, b) =>
        (a[0] === '') !== (b[0] === '') ? (a[0] === '' ? 1 : -1) : b[1] - a[1] || a[0].localeCompare(b[0]),
      )
      .map(([key]) => key);
  return {
    categories: order(byCategory),
    territories: order(byTerritory),
    cell: (category, territoryId) => index.get(`${category}|${territoryId}`),
    totals: { count, previous },
  };
}
