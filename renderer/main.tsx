import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/client';
import { App } from './app/App';
import { createI18n } from './app/i18n';
import { loadPreferences } from './app/preferences';
import { detectBridge } from './platform/bridge';

const preferences = loadPreferences(
  window.localStorage,
  window.matchMedia('(prefers-color-scheme: dark)').matches,
);
const i18n = createI18n(preferences.language);
const syncDocumentLanguage = (language: string) => {
  document.documentElement.lang = language;
  document.title = i18n.t('app:name');
};
syncDocumentLanguage(i18n.language);
i18n.on('languageChanged', syncDocumentLanguage);

const services = {
  bridge: detectBridge(
    window,
    import.meta.env.VITE_OKNO_VERSION ?? '0.0.0',
    import.meta.env.VITE_OKNO_SERVER_URL ?? null,
  ),
  api: createApiClient(),
  storage: window.localStorage,
};

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App services={services} i18n={i18n} preferences={preferences} />
  </StrictMode>,
);
