import { readFileSync } from 'node:fs';
import { defaultSubcategoryCodes } from '../../../../shared/domain/classifier/categories';
import {
  defaultWorkingSubcategory,
  isWorkingSubcategory,
  workingCategoryOf,
} from '../../../../shared/triage/working-category';
import { shippedModelFile } from './shipped-model';

const portalCategories: string[] = JSON.parse(readFileSync(shippedModelFile, 'utf8')).heads.category.classes;

describe('portal subcategory → working category', () => {
  it('maps every portal subcategory of the shipped model to a known working subcategory', () => {
    for (const portal of portalCategories) {
      const { category, subcategory } = workingCategoryOf(portal);
      expect(defaultSubcategoryCodes).toContain(subcategory);
      expect(subcategory.startsWith(`${category}.`)).toBe(true);
    }
  });

  it('leaves as «other» only what no default working category covers (trade, labour, communications…)', () => {
    const other = portalCategories.filter((portal) => workingCategoryOf(portal).category === 'other');
    expect(other.length).toBeLessThanOrEqual(29);
    expect(other).toContain('Несвоевременная выплата заработной платы');
  });

  it.each([
    ['Нарушение теплоснабжения многоквартирного дома', '', 'utilities.heating'],
    ['Некачественное водоснабжение многоквартирного дома', 'нет горячей воды', 'utilities.hot-water'],
    ['Некачественное водоснабжение в районе частного сектора', 'нет воды в колонке', 'utilities.cold-water'],
    [
      'Нарушение дорожного покрытия (ямы) на дорогах регионального и межмуниципального значения',
      '',
      'roads.potholes',
    ],
    [
      'Ямы и выбоины на внутридворовых проездах и тротуарах  в районах многоквартирных домов',
      '',
      'courtyards.yard-repair',
    ],
    ['Неработающее наружное освещение', '', 'lighting.street-lights-out'],
    ['Несанкционированные свалки твёрдых бытовых отходов', '', 'waste.illegal-dumps'],
    ['Безнадзорные животные', '', 'landscaping.stray-animals'],
    ['Аварийное жильё', '', 'housing.unsafe-housing'],
    ['Неудовлетворительное содержание спортивных площадок (сооружений)', '', 'courtyards.playgrounds'],
  ])('%s → %s', (portal, text, expected) => {
    expect(workingCategoryOf(portal, text).subcategory).toBe(expected);
  });
});

describe("the organisation's mapping", () => {
  const potholes = 'Нарушение дорожного покрытия (ямы) на дорогах регионального и межмуниципального значения';
  const water = 'Некачественное водоснабжение многоквартирного дома';

  it('an edited row decides over the default rules; the other rows keep them', () => {
    const map = { [potholes]: 'courtyards.yard-repair' };
    expect(workingCategoryOf(potholes, '', map)).toEqual({
      category: 'courtyards',
      subcategory: 'courtyards.yard-repair',
    });
    expect(workingCategoryOf('Безнадзорные животные', '', map).subcategory).toBe('landscaping.stray-animals');
  });

  it('an edit naming no working subcategory is ignored (the default applies), and so are prototype keys', () => {
    expect(workingCategoryOf(potholes, '', { [potholes]: 'roads.weather' }).subcategory).toBe(
      'roads.potholes',
    );
    expect(workingCategoryOf('constructor', '', {}).subcategory).toBe('other.other');
    expect(workingCategoryOf('toString').subcategory).toBe('other.other');
  });

  it('a row mapped to cold water still reads «горячей» in the message as hot water', () => {
    expect(
      workingCategoryOf(potholes, 'нет горячей воды', { [potholes]: 'utilities.cold-water' }).subcategory,
    ).toBe('utilities.hot-water');
    expect(
      workingCategoryOf(water, 'нет горячей воды', { [water]: 'housing.building-repair' }).subcategory,
    ).toBe('housing.building-repair');
  });

  it('the default of a row is what the rules give, and only working subcategories are valid targets', () => {
    expect(defaultWorkingSubcategory(water)).toBe('utilities.cold-water');
    expect(defaultWorkingSubcategory('Тестовая категория')).toBe('other.other');
    expect(isWorkingSubcategory('roads.potholes')).toBe(true);
    expect(isWorkingSubcategory('roads')).toBe(false);
    expect(isWorkingSubcategory('__proto__')).toBe(false);
  });
});
