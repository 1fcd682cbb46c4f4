/**
 * The default working categories of portal and ЦУР practice: two levels, category → subcategory.
 * Codes are stable storage values (subcategory codes are `<category>.<subcategory>`); labels live in
 * the i18n namespace `domain` under `category.<code>` and `subcategory.<category>.<subcategory>`.
 *
 * `portalWorkingDays` is the default term of a portal message in that category (practice: commonly up
 * to 10 working days). An organisation overrides it in its settings (`portalTerms`).
 */
export interface WorkingCategory {
  code: string;
  portalWorkingDays: number;
  subcategories: readonly string[];
}

const category = (
  code: string,
  portalWorkingDays: number,
  subcategories: readonly string[],
): WorkingCategory => ({
  code,
  portalWorkingDays,
  subcategories: subcategories.map((sub) => `${code}.${sub}`),
});

export const defaultWorkingCategories: readonly WorkingCategory[] = [
  category('roads', 10, ['potholes', 'snow_removal', 'road_signs', 'traffic_lights', 'sidewalks', 'parking']),
  category('courtyards', 10, ['yard_repair', 'playgrounds', 'yard_snow_removal', 'yard_parking']),
  category('waste', 5, ['container_sites', 'collection_schedule', 'illegal_dumps', 'bulky_waste']),
  category('lighting', 5, ['street_lights_out', 'yard_lighting', 'new_lighting']),
  category('public_transport', 10, ['routes_schedule', 'stops', 'vehicle_condition', 'fares']),
  category('utilities', 5, ['heating', 'hot_water', 'cold_water', 'sewerage', 'electricity', 'gas']),
  category('healthcare', 10, ['appointments', 'medicines', 'clinic_conditions', 'ambulance']),
  category('education', 10, ['kindergarten_places', 'schools', 'school_transport', 'school_meals']),
  category('social_support', 10, ['benefits', 'accessibility', 'elderly_care', 'large_families']),
  category('landscaping', 10, ['greenery', 'parks', 'tree_removal', 'stray_animals']),
  category('housing', 10, ['building_repair', 'management_company', 'unsafe_housing', 'roofs_facades']),
  category('other', 10, ['other']),
];

export const defaultCategoryCodes: readonly string[] = defaultWorkingCategories.map((c) => c.code);

export const defaultSubcategoryCodes: readonly string[] = defaultWorkingCategories.flatMap(
  (c) => c.subcategories,
);

export function findWorkingCategory(code: string): WorkingCategory | undefined {
  return defaultWorkingCategories.find((c) => c.code === code);
}
