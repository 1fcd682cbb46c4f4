import type { CategoryMapRow } from '../../../../../renderer/api/triage-control';
import {
  failureKey,
  filterMapRows,
  percentOf,
  thresholdOf,
  workingSubcategories,
} from '../../../../../renderer/features/triage-control/control';
import { defaultSubcategoryCodes } from '../../../../../shared/domain/classifier/categories';

const row = (portal: string, subcategory: string, edited = false): CategoryMapRow => ({
  portal,
  subcategory,
  defaultSubcategory: edited ? 'other.other' : subcategory,
  edited,
  updatedAt: edited ? 1 : null,
});
const labels: Record<string, string> = {
  'roads.potholes': 'Дороги › Ямы и разрушение покрытия',
  'landscaping.stray-animals': 'Благоустройство › Безнадзорные животные',
  'other.other': 'Другое › Другое',
};
const labelOf = (code: string) => labels[code] ?? code;

describe('«Подсказки»: the pieces of the screen', () => {
  it('takes a threshold typed in percent from 50 to 100 as the fraction the server stores', () => {
    expect(thresholdOf('85')).toBe(0.85);
    expect(thresholdOf(' 50 ')).toBe(0.5);
    expect(thresholdOf('100')).toBe(1);
    expect(thresholdOf('72,5')).toBe(0.725);
    for (const bad of ['49', '101', '', 'abc', '-60', '0.9']) expect(thresholdOf(bad)).toBeNull();
  });

  it('shows fractions as whole percents', () => {
    expect(percentOf(0.873)).toBe(87);
    expect(percentOf(1)).toBe(100);
  });

  it('finds mapping rows by words of the portal name or of the working label, ё as е, edited only on request', () => {
    const rows = [
      row('Ямы на дорогах в границах городских округов', 'roads.potholes'),
      row('Безнадзорные животные', 'landscaping.stray-animals'),
      row('Ёлки и новогоднее оформление', 'roads.potholes', true),
    ];
    expect(filterMapRows(rows, 'ямы городских', false, labelOf).map((r) => r.portal)).toEqual([
      'Ямы на дорогах в границах городских округов',
    ]);
    expect(filterMapRows(rows, 'благоустройство', false, labelOf)).toHaveLength(1);
    expect(filterMapRows(rows, 'елки', false, labelOf)).toHaveLength(1);
    // The default's label finds an edited row too.
    expect(filterMapRows(rows, 'другое', false, labelOf).map((r) => r.portal)).toEqual([
      'Ёлки и новогоднее оформление',
    ]);
    expect(filterMapRows(rows, '', true, labelOf)).toHaveLength(1);
    expect(filterMapRows(rows, '', false, labelOf)).toHaveLength(3);
  });

  it('offers every working subcategory as a choice', () => {
    expect(workingSubcategories).toEqual(defaultSubcategoryCodes);
  });

  it('names each refusal of the server by its code, offline and forbidden by kind', () => {
    expect(failureKey({ kind: 'network' })).toBe('errors.offline');
    expect(failureKey({ kind: 'server', status: 403 })).toBe('errors.forbidden');
    expect(failureKey({ kind: 'server', status: 409, code: 'moved_since' })).toBe('errors.moved_since');
    expect(failureKey({ kind: 'server', status: 400, code: 'unknown_category' })).toBe(
      'errors.unknown_category',
    );
    expect(failureKey({ kind: 'server', status: 400, code: 'toString' })).toBe('errors.unknown');
    expect(failureKey({ kind: 'server', status: 500 })).toBe('errors.unknown');
  });
});
