import ruWork from '../../shared/i18n/ru/work';
import type { Translate } from './translate';

const known = new Set(Object.keys(ruWork.fields));

/**
 * Document fields in the official's words («статус, исполнитель»), never the raw names a refusal or
 * an audit entry carries (defect 1 of issue 11: «Поля: forwardedTo»). Nested paths name their top
 * field; fields without a name are counted as «другие поля».
 */
export function fieldNames(fields: readonly string[], t: Translate): string {
  const tops = [...new Set(fields.map((field) => field.split('.')[0]!))];
  const named = tops.filter((field) => known.has(field) && field !== 'updatedAt');
  const unnamed = tops.some((field) => !known.has(field) && field !== 'updatedAt');
  return [
    ...named.map((field) => t(`work:fields.${field}`)),
    ...(unnamed ? [t('work:fields.other')] : []),
  ].join(', ');
}
