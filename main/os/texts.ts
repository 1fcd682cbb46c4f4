import i18next, { type TFunction } from 'i18next';
import { defaultLanguage, type Language, resources } from '../../shared/i18n/resources';

/** The OS locale decides the language of the few texts main/ shows itself (tray, dialogs). */
export function languageOfLocale(locale: string): Language {
  return locale.toLowerCase().startsWith('en') ? 'en' : defaultLanguage;
}

export function createMainTexts(language: Language): TFunction<'app'> {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: language,
    fallbackLng: defaultLanguage,
    defaultNS: 'app',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return instance.getFixedT(language, 'app');
}
