import {
  closingResults,
  defaultCategoryCodes,
  defaultSubcategoryCodes,
  defaultWorkingCategories,
  findWorkingCategory,
  isClosingResult,
  sstuResults,
} from '../../../../shared/domain/classifier';
import { defaultPortalCategoryDays, defaultPortalTermDays } from '../../../../shared/domain/deadlines';

describe('ССТУ results', () => {
  it('are the stable codes of the ССТУ.РФ report, «в т.ч. меры приняты» included', () => {
    expect(sstuResults).toEqual([
      'supported',
      'supported_measures_taken',
      'explained',
      'not_supported',
      'answered_to_author',
      'left_without_answer',
      'forwarded_by_competence',
      'term_extended',
    ]);
  });

  it('exclude forwarding and extension from the results an official closes with', () => {
    expect(closingResults).not.toContain('forwarded_by_competence');
    expect(closingResults).not.toContain('term_extended');
    expect(isClosingResult('explained')).toBe(true);
    expect(isClosingResult('term_extended')).toBe(false);
    expect(isClosingResult({})).toBe(false);
  });
});

describe('default working categories', () => {
  it('cover the portal and ЦУР practice list with two levels of stable codes', () => {
    expect(defaultCategoryCodes).toEqual([
      'roads',
      'courtyards',
      'waste',
      'lighting',
      'public-transport',
      'utilities',
      'healthcare',
      'education',
      'social-support',
      'landscaping',
      'housing',
      'other',
    ]);
    expect(findWorkingCategory('utilities')?.subcategories).toEqual(
      expect.arrayContaining(['utilities.heating', 'utilities.hot-water', 'utilities.electricity']),
    );
    expect(new Set(defaultSubcategoryCodes).size).toBe(defaultSubcategoryCodes.length);
    for (const code of [...defaultCategoryCodes, ...defaultSubcategoryCodes])
      expect(code).toMatch(/^[a-z-]+(\.[a-z-]+)?$/);
  });

  it('take each category’s portal term from the deadline engine’s table', () => {
    for (const category of defaultWorkingCategories) {
      expect(category.portalWorkingDays).toBe(
        defaultPortalCategoryDays[category.code] ?? defaultPortalTermDays,
      );
      expect(category.portalWorkingDays).toBeGreaterThanOrEqual(1);
    }
    // Every category the deadline engine knows is one of ours, so the two lists cannot drift apart.
    for (const code of Object.keys(defaultPortalCategoryDays)) expect(defaultCategoryCodes).toContain(code);
  });
});
