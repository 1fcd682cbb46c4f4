/**
 * The pure pieces of «Подсказки»: percentages, the threshold a supervisor types, the mapping table's
 * filter and the working subcategories to choose from, the text key of a refusal. Unit-tested.
 */
import { defaultWorkingCategories } from '../../../shared/domain/classifier/categories';
import ru from '../../../shared/i18n/ru/triageControl';
import type { ApiFailure } from '../../api/client';
import type { CategoryMapRow } from '../../api/triage-control';

/** 0.873 → 87 */
export const percentOf = (fraction: number): number => Math.round(fraction * 100);

/** The server's range (server/src/triage/routes.ts): a suggestion below 50 % is right too rarely to act on alone. */
export const lowestThresholdPercent = 50;

/** The threshold a supervisor typed in percent, as the API's fraction; null when not 50–100. */
export function thresholdOf(percentText: string): number | null {
  const text = percentText.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const percent = Number(text);
  return percent >= lowestThresholdPercent && percent <= 100 ? Number((percent / 100).toFixed(3)) : null;
}

/** Every working subcategory code, in the categories' order (the mapping's choices). */
export const workingSubcategories: readonly string[] = defaultWorkingCategories.flatMap(
  (c) => c.subcategories,
);

/** The working categories (automatic routing is set per category). */
export const workingCategoryCodes: readonly string[] = defaultWorkingCategories.map((c) => c.code);

/**
 * The mapping's rows a supervisor looks for: those whose portal name or working label holds every
 * word typed (case and ё aside), edited rows only when asked.
 */
export function filterMapRows(
  rows: readonly CategoryMapRow[],
  query: string,
  onlyEdited: boolean,
  labelOf: (subcategory: string) => string,
): CategoryMapRow[] {
  const fold = (text: string) => text.toLocaleLowerCase('ru').replaceAll('ё', 'е');
  const words = fold(query).split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (onlyEdited && !row.edited) return false;
    const haystack = fold(`${row.portal} ${labelOf(row.subcategory)} ${labelOf(row.defaultSubcategory)}`);
    return words.every((word) => haystack.includes(word));
  });
}

type ErrorKey = keyof (typeof ru)['errors'];
const isErrorKey = (code: string): code is ErrorKey => Object.hasOwn(ru.errors, code);

/** The `triageControl:errors.*` key of a failed call. */
export function failureKey(error: ApiFailure): `errors.${ErrorKey}` {
  if (error.kind === 'network') return 'errors.offline';
  if (error.kind === 'server' && error.status === 403) return 'errors.forbidden';
  if (error.kind === 'server' && error.status === 404) return 'errors.not_found';
  if (error.kind === 'server' && error.code && isErrorKey(error.code)) return `errors.${error.code}`;
  return 'errors.unknown';
}
