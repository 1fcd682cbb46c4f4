import { describe, expect, it } from 'vitest';
import {
  categoryLabel,
  changeLabel,
  matrixOf,
  territoryLabel,
} from '../../../../../renderer/features/control/labels';
import { resources } from '../../../../../shared/i18n/resources';

const lookup = (key: string): string => {
  const [ns, path] = key.split(':') as [string, string];
  let node: unknown = (resources.ru as Record<string, unknown>)[ns];
  for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
  return String(node);
};
const t = (key: string, params: Record<string, unknown> = {}) =>
  lookup(key).replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(params[name]));

describe('the words of «Аналитика»', () => {
  it('names the change against the previous period with its share, or as new', () => {
    expect(changeLabel(t, 5, 1)).toBe('+4 (+400 %)');
    expect(changeLabel(t, 2, 3)).toBe('−1 (-33.3 %)');
    expect(changeLabel(t, 3, 0)).toBe('+3 (новое)');
    expect(changeLabel(t, 4, 4)).toBe('0');
  });

  it('names an undetermined territory and a missing category', () => {
    expect(territoryLabel(t, new Map([['t1', 'Ключи']]), 't1')).toBe('Ключи');
    expect(territoryLabel(t, new Map(), '')).toBe('Не определена');
    expect(categoryLabel(t, '')).toBe('Без категории');
    expect(categoryLabel(t, 'roads')).toBe(lookup('domain:category.roads'));
  });
});

describe('the category × territory table', () => {
  it('orders categories and territories by their counts, the undetermined territory last', () => {
    const matrix = matrixOf([
      { category: 'roads', territoryId: 'a', count: 2, previous: 0 },
      { category: 'roads', territoryId: '', count: 9, previous: 1 },
      { category: 'waste', territoryId: 'b', count: 7, previous: 3 },
      { category: 'waste', territoryId: 'a', count: 0, previous: 4 },
    ]);
    expect(matrix.categories).toEqual(['roads', 'waste']);
    expect(matrix.territories).toEqual(['b', 'a', '']);
    expect(matrix.cell('waste', 'a')).toEqual({ category: 'waste', territoryId: 'a', count: 0, previous: 4 });
    expect(matrix.cell('lighting', 'a')).toBeUndefined();
    expect(matrix.totals).toEqual({ count: 18, previous: 8 });
  });
});
