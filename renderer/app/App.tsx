import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import type { i18n } from 'i18next';
import { useEffect, useMemo, useRef, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { SecureStoreStatus, ServerAddressState } from '../../shared/bridge/okno-bridge';
import type { Session } from '../api/client';
import { removeEveryLocalDatabase } from '../db/wipe';
import { LoginScreen } from '../features/login/LoginScreen';
import { ServerAddressNote } from '../features/setup/ServerAddressNote';
import { ServerAddressScreen } from '../features/setup/ServerAddressScreen';
import { forgetPendingChanges } from '../sync/replication';
import {
  type ActiveSession,
  endServerSession,
  forgetEverySignIn,
  restoreSession,
  withOfflineLogin,
} from '../sync/session';
import { createTokenStore } from '../sync/token-store';
import { CrashBoundary } from './CrashBoundary';
import { type Preferences, saveTheme, type ThemeMode } from './preferences';
import { SignedInApp } from './SignedInApp';
import { type AppServices, ServicesProvider } from './services';
import { TopBar } from './TopBar';
import { createOknoTheme } from './theme';

interface AppProps {
  readonly services: AppServices;
  readonly i18n: i18n;
  readonly preferences: Preferences;
}

const sessionStorageOf = (): Storage | null =>
  typeof sessionStorage === 'undefined' ? null : sessionStorage;

export function App({ services, i18n, preferences }: AppProps) {
  const [themeMode, setThemeMode] = useState<ThemeMode>(preferences.theme);
  const theme = useMemo(() => createOknoTheme(themeMode), [themeMode]);
  const [session, setSession] = useState<ActiveSession | null>(null);
  const [restoring, setRestoring] = useState(true);
  const [secureStore, setSecureStore] = useState<SecureStoreStatus | null>(null);
  // Which server this desktop talks to; `null` until the bridge answered. Without an address, the
  // «Адрес сервера» screen comes before everything else (first start, or after «Сменить сервер»).
  const [server, setServer] = useState<ServerAddressState | null>(null);
  const signingOut = useRef<Promise<void>>(Promise.resolve());
  const serverAddress = server?.address ?? null;
  const tokenStore = useMemo(() => createTokenStore(services.bridge, sessionStorageOf()), [services.bridge]);
  // Sign-in also works offline for a while after an online one (renderer/sync/offline-login.ts).
  const appServices = useMemo(
    () => ({ ...services, api: withOfflineLogin(services.api, services.storage) }),
    [services],
  );

  useEffect(() => {
    let active = true;
    services.bridge.server.current().then(
      (current) => {
        if (active) setServer(current);
      },
      (error: unknown) => {
        console.error('okno: the server address could not be read', error);
        if (active) setServer({ address: null, chosen: false });
      },
    );
    return () => {
      active = false;
    };
  }, [services.bridge]);

  // A reload (or a restart of the app) keeps the user signed in and their local work.
  useEffect(() => {
    if (serverAddress === null) return;
    let active = true;
    setRestoring(true);
    void restoreSession(tokenStore, services.storage, (input, init) => fetch(input, init))
      .catch(() => null)
      .then((restored) => {
        if (!active) return;
        setSession(restored);
        setRestoring(false);
      });
    return () => {
      active = false;
    };
  }, [tokenStore, services.storage, serverAddress]);

  function changeTheme(mode: ThemeMode) {
    saveTheme(services.storage, mode);
    setThemeMode(mode);
  }

  async function signIn(signedIn: Session) {
    const offline = signedIn.accessToken === '';
    // Offline, the sync later refreshes with the token this tab still holds (if any).
    const refreshToken = offline ? ((await tokenStore.load()) ?? '') : signedIn.refreshToken;
    if (!offline) {
      if (services.bridge.platform === 'web') await tokenStore.save(signedIn.refreshToken);
      // Only the OS keychain may keep the refresh token; the bridge refuses (and says why) elsewhere.
      void services.bridge.secureStore.setRefreshToken(signedIn.refreshToken).then(setSecureStore);
    }
    setSession({ user: signedIn.user, tokens: { accessToken: signedIn.accessToken, refreshToken }, offline });
  }

  function signedOut(refreshToken: string) {
    setSession(null);
    setSecureStore(null);
    signingOut.current = endServerSession((input, init) => fetch(input, init), refreshToken).catch(() => {});
    void tokenStore.save(null);
    if (services.bridge.platform === 'web') void services.bridge.secureStore.setRefreshToken(null);
  }

  /**
   * After «Сменить сервер» wiped the signed-in official's data: the old server ends the session, the
   * other officials' local data of the old server goes too, and the app asks for the new address.
   */
  async function changeServer() {
    await signingOut.current;
    const removed = await removeEveryLocalDatabase().catch((error: unknown) => {
      console.error('okno: local databases could not all be removed', error);
      return [];
    });
    for (const name of removed) forgetPendingChanges(services.storage, name);
    forgetEverySignIn(services.storage);
    await services.bridge.server.forget();
    setServer({ address: null, chosen: false });
  }

  return (
    <I18nextProvider i18n={i18n}>
      <ServicesProvider services={appServices}>
        <ThemeProvider theme={theme}>
          <CssBaseline />
          <CrashBoundary>
            {session ? (
              <SignedInApp
                session={session}
                tokenStore={tokenStore}
                secureStore={secureStore}
                theme={themeMode}
                onThemeChange={changeTheme}
                onSignedOut={signedOut}
                server={server ?? { address: null, chosen: false }}
                onServerChange={() => void changeServer()}
              />
            ) : (
              <>
                <TopBar user={null} theme={themeMode} onThemeChange={changeTheme} onSignOut={() => {}} />
                {server !== null && server.address === null ? (
                  <ServerAddressScreen onChosen={(address) => setServer({ address, chosen: true })} />
                ) : server === null || restoring ? (
                  <Box component="main" sx={{ p: 6, display: 'flex', justifyContent: 'center' }}>
                    <CircularProgress aria-label={i18n.t('app:sync.session.restoring')} />
                  </Box>
                ) : (
                  <>
                    <LoginScreen onSignedIn={(signedIn) => void signIn(signedIn)} />
                    {serverAddress && <ServerAddressNote address={serverAddress} />}
                  </>
                )}
              </>
            )}
          </CrashBoundary>
        </ThemeProvider>
      </ServicesProvider>
    </I18nextProvider>
  );
}
