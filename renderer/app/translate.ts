import { useTranslation } from 'react-i18next';
import type { DomainError } from '../../shared/domain/result';

/**
 * A translation function for keys composed at run time: error codes are namespaced i18n keys with
 * parameters (`domain:transition.*`, `validation:*`), labels come from `labelKey`. Static keys of
 * these features are checked against the Russian resources by tests/unit/renderer/features.i18n-keys.test.ts.
 */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

export function useT(): { t: Translate; language: string } {
  const { t, i18n } = useTranslation();
  return { t: t as unknown as Translate, language: i18n.language };
}

/** The text of a domain error: its code is a namespaced i18n key, its params fill the placeholders. */
export const errorText = (t: Translate, error: DomainError): string => t(error.code, error.params);
