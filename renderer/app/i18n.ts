import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import {
  defaultLanguage,
  type Language,
  languages,
  namespaces,
  resources,
} from '../../shared/i18n/resources';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'app';
    resources: (typeof resources)['ru'];
  }
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** One i18next instance for the window; every namespace is bundled, so it is ready synchronously. */
export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: defaultLanguage,
    supportedLngs: languages,
    ns: namespaces,
    defaultNS: 'app',
    initAsync: false,
    // React escapes what it renders; i18next must not escape a second time («Иванов &amp; …»).
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
