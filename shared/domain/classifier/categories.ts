import { defaultPortalCategoryDays, defaultPortalTermDays } from '../deadlines';

/**
 * The default working categories of portal and ЦУР practice: two levels, category → subcategory.
 * Codes are stable storage values (subcategory codes are `<category>.<subcategory>`); labels live in
 * the i18n namespace `domain` under `category.<code>` and `subcategory.<category>.<subcategory>`.
 *
 * Codes are kebab-case, the same as the deadline engine's portal table (shared/domain/deadlines.ts).
 * `portalWorkingDays` is the default term of a portal message in that category, taken from that table
 * (practice: commonly up to 10 working days); an organisation overrides it (`portalTermDays`).
 */
export interface WorkingCategory {
  code: string;
  portalWorkingDays: number;
  subcategories: readonly string[];
}

const category = (code: string, subcategories: readonly string[]): WorkingCategory => ({
  code,
  portalWorkingDays: defaultPortalCategoryDays[code] ?? defaultPortalTermDays,
  subcategories: subcategories.map((sub) => `${code}.${sub}`),
});

export const defaultWorkingCategories: readonly WorkingCategory[] = [
  category('roads', ['potholes', 'snow-removal', 'road-signs', 'traffic-lights', 'sidewalks', 'parking']),
  category('courtyards', ['yard-repair', 'playgrounds', 'yard-snow-removal', 'yard-parking']),
  category('waste', ['container-sites', 'collection-schedule', 'illegal-dumps', 'bulky-waste']),
  category('lighting', ['street-lights-out', 'yard-lighting', 'new-lighting']),
  category('public-transport', ['routes-schedule', 'stops', 'vehicle-condition', 'fares']),
  category('utilities', ['heating', 'hot-water', 'cold-water', 'sewerage', 'electricity', 'gas']),
  category('healthcare', ['appointments', 'medicines', 'clinic-conditions', 'ambulance']),
  category('education', ['kindergarten-places', 'schools', 'school-transport', 'school-meals']),
  category('social-support', ['benefits', 'accessibility', 'elderly-care', 'large-families']),
  category('landscaping', ['greenery', 'parks', 'tree-removal', 'stray-animals']),
  category('housing', ['building-repair', 'management-company', 'unsafe-housing', 'roofs-facades']),
  category('other', ['other']),
];

export const defaultCategoryCodes: readonly string[] = defaultWorkingCategories.map((c) => c.code);

export const defaultSubcategoryCodes: readonly string[] = defaultWorkingCategories.flatMap(
  (c) => c.subcategories,
);

export function findWorkingCategory(code: string): WorkingCategory | undefined {
  return defaultWorkingCategories.find((c) => c.code === code);
}
