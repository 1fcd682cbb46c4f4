import { defaultLanguage, type Language } from '../../shared/i18n/resources';
import { isLanguage } from './i18n';

export type ThemeMode = 'light' | 'dark';

export interface Preferences {
  readonly language: Language;
  readonly theme: ThemeMode;
}

const languageKey = 'okno.language';
const themeKey = 'okno.theme';

/** The user's interface choices, kept per machine (they are not personal data and need no sync). */
export function loadPreferences(storage: Storage, prefersDark: boolean): Preferences {
  const language = storage.getItem(languageKey);
  const theme = storage.getItem(themeKey);
  return {
    language: isLanguage(language) ? language : defaultLanguage,
    theme: theme === 'light' || theme === 'dark' ? theme : prefersDark ? 'dark' : 'light',
  };
}

export function saveLanguage(storage: Storage, language: Language): void {
  storage.setItem(languageKey, language);
}

export function saveTheme(storage: Storage, theme: ThemeMode): void {
  storage.setItem(themeKey, theme);
}
