import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import type { i18n } from 'i18next';
import { useMemo, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { SecureStoreStatus } from '../../shared/bridge/okno-bridge';
import type { Session } from '../api/client';
import { InboxArea } from '../features/inbox/InboxArea';
import { LoginScreen } from '../features/login/LoginScreen';
import { CrashBoundary } from './CrashBoundary';
import { type Preferences, saveTheme, type ThemeMode } from './preferences';
import { type AppServices, ServicesProvider } from './services';
import { TopBar } from './TopBar';
import { createOknoTheme } from './theme';

interface AppProps {
  readonly services: AppServices;
  readonly i18n: i18n;
  readonly preferences: Preferences;
}

export function App({ services, i18n, preferences }: AppProps) {
  const [themeMode, setThemeMode] = useState<ThemeMode>(preferences.theme);
  const theme = useMemo(() => createOknoTheme(themeMode), [themeMode]);
  const [session, setSession] = useState<Session | null>(null);
  const [secureStore, setSecureStore] = useState<SecureStoreStatus | null>(null);

  function changeTheme(mode: ThemeMode) {
    saveTheme(services.storage, mode);
    setThemeMode(mode);
  }

  function signIn(signedIn: Session) {
    setSession(signedIn);
    // Only the OS keychain may keep the refresh token; the bridge refuses (and says why) elsewhere.
    void services.bridge.secureStore.setRefreshToken(signedIn.refreshToken).then(setSecureStore);
  }

  function signOut() {
    setSession(null);
    setSecureStore(null);
    void services.bridge.secureStore.setRefreshToken(null);
  }

  return (
    <I18nextProvider i18n={i18n}>
      <ServicesProvider services={services}>
        <ThemeProvider theme={theme}>
          <CssBaseline />
          <CrashBoundary>
            <TopBar
              user={session?.user ?? null}
              theme={themeMode}
              onThemeChange={changeTheme}
              onSignOut={signOut}
            />
            {session ? (
              <InboxArea session={session} secureStore={secureStore} />
            ) : (
              <LoginScreen onSignedIn={signIn} />
            )}
          </CrashBoundary>
        </ThemeProvider>
      </ServicesProvider>
    </I18nextProvider>
  );
}
