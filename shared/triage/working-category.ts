import { defaultSubcategoryCodes } from '../domain/classifier/categories';

/**
 * The portal's (ПОС) subcategories, the triage model's vocabulary, mapped to Okno's default working
 * subcategories (shared/domain/classifier/categories.ts): the first rule whose words the portal name
 * holds decides. The portal splits one problem by who owns the road or the house («…в границах
 * городских округов» vs «…регионального значения»); a working subcategory does not, so near-twins
 * map to the same code. A name no rule knows maps to `other.other`: 29 of the 161 — trade, labour,
 * communications, culture and sport, construction sites, pollution, the portal's test category — have no default working category.
 */
const rules: readonly [RegExp, string][] = [
  [/теплоснабж/i, 'utilities.heating'],
  [/водоотвед|канализац|жидких бытовых|люков/i, 'utilities.sewerage'],
  [/водоснабж/i, 'utilities.cold-water'],
  [/электросет|энергоснабж/i, 'utilities.electricity'],
  [/аварийное жиль/i, 'housing.unsafe-housing'],
  [/фасад/i, 'housing.roofs-facades'],
  [/капитальный ремонт|текущий ремонт|лифт|строительных норм/i, 'housing.building-repair'],
  [
    /управляющ|оплат\S* (коммунальн|услуг жкх)|мест общего пользования в многоквартирном/i,
    'housing.management-company',
  ],
  [/(ям|выбоин|покрыти).*внутридворов|внутридворов.*(ям|выбоин)/i, 'courtyards.yard-repair'],
  [/очистка дворовой|дворовой территории.*(снег|налед)/i, 'courtyards.yard-snow-removal'],
  [/уборка дворовой|малые архитектурные/i, 'courtyards.yard-repair'],
  [/площад(к|ок)/i, 'courtyards.playgrounds'],
  [/ямы|выбоин|дорожного покрытия|твёрдого дорожного/i, 'roads.potholes'],
  [/снега и наледи дорог|уборка улиц/i, 'roads.snow-removal'],
  [/светофор/i, 'roads.traffic-lights'],
  [
    /дорожн\S* знак|разметк|искусственные неровности|пешеходные переходы|безопасная дорога/i,
    'roads.road-signs',
  ],
  [/тротуар/i, 'roads.sidewalks'],
  [/парковк/i, 'roads.parking'],
  [/освещени/i, 'lighting.street-lights-out'],
  [/свалк/i, 'waste.illegal-dumps'],
  [/отходов/i, 'waste.collection-schedule'],
  [/остановк/i, 'public-transport.stops'],
  [/оплатой проезда|тарификац/i, 'public-transport.fares'],
  [
    /санитарное состояние транспорта|техническое состояние вагонов|водителя/i,
    'public-transport.vehicle-condition',
  ],
  [
    /график\S* движения|количество транспорта|вагонов|поездов|посадки и высадки/i,
    'public-transport.routes-schedule',
  ],
  [/лекарств/i, 'healthcare.medicines'],
  [/записью на при[её]м|регистратур|вакцин|пцр|переболевш|самонаблюдени/i, 'healthcare.appointments'],
  [/медицин|здравоохран/i, 'healthcare.clinic-conditions'],
  [/дошкольн|воспитател/i, 'education.kindergarten-places'],
  [/детским питанием/i, 'education.school-meals'],
  [/школ|обучени|образовани|учител|преподавател/i, 'education.schools'],
  [/инвалидност/i, 'social-support.accessibility'],
  [/пособий|социальн|льгот|ветеран|беженц|жиль[её]м льготных/i, 'social-support.benefits'],
  [/безнадзорн/i, 'landscaping.stray-animals'],
  [/деревья|вырубка/i, 'landscaping.tree-removal'],
  [/парков и скверов|памятник/i, 'landscaping.parks'],
  [/клумб|газон|сорная|благоустройств/i, 'landscaping.greenery'],
];

const known = new Set(defaultSubcategoryCodes);
const knownCategories = new Set(defaultSubcategoryCodes.map((code) => code.split('.')[0] as string));

/** Whether `code` is one of the working subcategories (`<category>.<subcategory>`) a mapping may name. */
export function isWorkingSubcategory(code: string): boolean {
  return known.has(code);
}

/** The working subcategory the default rules give a portal subcategory (before the hot-water refinement). */
export function defaultWorkingSubcategory(portal: string): string {
  const subcategory = rules.find(([pattern]) => pattern.test(portal))?.[1] ?? 'other.other';
  return known.has(subcategory) ? subcategory : 'other.other';
}

/**
 * An organisation's mapping (issue 13): its edits, portal subcategory name → working subcategory code
 * (server/src/triage/category-map.ts `categoryMapOf`). A portal subcategory it does not name maps by
 * the default rules. Plain JSON, so a desktop can keep a copy for offline suggestions.
 */
export type CategoryMap = Readonly<Record<string, string>>;

/**
 * The working category and subcategory codes of a portal subcategory (`text`: the message, for hot vs
 * cold water), by the organisation's mapping when it has edited that row, else by the default rules.
 */
export function workingCategoryOf(
  portal: string,
  text = '',
  map: CategoryMap = {},
): { category: string; subcategory: string } {
  const edited = Object.hasOwn(map, portal) ? map[portal] : undefined;
  let subcategory = edited !== undefined && known.has(edited) ? edited : defaultWorkingSubcategory(portal);
  if (subcategory === 'utilities.cold-water' && /горяч/i.test(text)) subcategory = 'utilities.hot-water';
  return { category: subcategory.split('.')[0] as string, subcategory };
}

/**
 * The responsible departments («ответственный отдел») of the organisation's category map (issue 13):
 * a working category code (`roads`) or subcategory code (`roads.potholes`, which wins over its
 * category) → one of its department ids (server/src/triage/category-map.ts
 * `categoryDepartmentsOf`). Plain JSON, synced to desktops with the map.
 */
export type CategoryDepartments = Readonly<Record<string, string>>;

/** Whether `code` may have a responsible department: a working category or subcategory. */
export function isWorkingCategoryOrSubcategory(code: string): boolean {
  return known.has(code) || knownCategories.has(code);
}

/** The responsible department of a working subcategory: its own, else its category's, else none. */
export function responsibleDepartmentOf(
  working: { category: string; subcategory: string },
  departments: CategoryDepartments,
): string | undefined {
  const own = Object.hasOwn(departments, working.subcategory) ? departments[working.subcategory] : undefined;
  return own ?? (Object.hasOwn(departments, working.category) ? departments[working.category] : undefined);
}
