/**
 * The bot's texts from the shared i18n resources (namespace `bot`, and `validation`/`domain` for
 * the shared validators' codes and status labels). The server renders them itself: a plain lookup
 * with `{{name}}` interpolation is all these strings use.
 */
import { type Language, resources } from '../../../shared/i18n/resources';

export type BotLanguage = Language;

/** `en` when the profile's language is English, Russian otherwise. */
export function languageOf(code: string | null | undefined): BotLanguage {
  return code?.toLowerCase().startsWith('en') ? 'en' : 'ru';
}

function lookup(language: BotLanguage, key: string): string | undefined {
  const separator = key.indexOf(':');
  const namespace = separator > 0 ? key.slice(0, separator) : 'bot';
  const path = (separator > 0 ? key.slice(separator + 1) : key).split('.');
  let node: unknown = (resources[language] as Record<string, unknown>)[namespace];
  for (const part of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** `t('ru', 'wizard.askName', {…})` (namespace `bot` by default) or `t('ru', 'validation:phone.format')`. */
export function t(
  language: BotLanguage,
  key: string,
  params: Record<string, string | number | null | undefined> = {},
): string {
  const template = lookup(language, key) ?? lookup('ru', key) ?? key;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

/**
 * A counted phrase: the key's `_one` / `_few` / `_many` / `_other` form (i18next's suffixes) that the
 * language's plural rules pick for `count`, with `{{count}}` filled in — `1 год`, `3 года`, `5 лет`.
 */
export function plural(language: BotLanguage, key: string, count: number): string {
  return t(language, `${key}_${new Intl.PluralRules(language).select(count)}`, { count });
}

/** A shared validator's error (`{ code, params }`) as a sentence. */
export function errorText(
  language: BotLanguage,
  error: { code: string; params?: Record<string, string | number> },
) {
  return t(language, error.code, error.params);
}

/** `2026-03-15` → `15.03.2026` (Russian) or `15 Mar 2026`. */
export function formatDate(language: BotLanguage, date: string | number | null | undefined): string {
  if (date === null || date === undefined) return '';
  const at = typeof date === 'number' ? new Date(date) : new Date(`${date}T12:00:00Z`);
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ru-RU', {
    day: '2-digit',
    month: language === 'en' ? 'short' : '2-digit',
    year: 'numeric',
    timeZone: typeof date === 'number' ? 'Europe/Moscow' : 'UTC',
  }).format(at);
}
