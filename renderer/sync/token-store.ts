/**
 * Where the refresh token survives a reload. In Electron: the OS keychain through the bridge (and
 * nowhere when the bridge refuses, e.g. Linux without a keyring). In the web shell: sessionStorage —
 * it survives reloads and crashes of the page but not closing the tab, and no other tab or later
 * visitor of the browser profile can read it; after the tab is closed the user signs in again
 * (offline too, see offline-login.ts), and the local database with unsynced work is still there.
 */
import type { OknoBridge } from '../../shared/bridge/okno-bridge';

export interface TokenStore {
  load(): Promise<string | null>;
  save(refreshToken: string | null): Promise<void>;
}

const key = 'okno.refreshToken';

export function createTokenStore(bridge: OknoBridge, session: Storage | null): TokenStore {
  if (bridge.platform === 'electron') {
    return {
      load: () => bridge.secureStore.getRefreshToken(),
      save: async (token) => {
        await bridge.secureStore.setRefreshToken(token);
      },
    };
  }
  return {
    load: async () => session?.getItem(key) ?? null,
    save: async (token) => {
      if (!session) return;
      if (token) session.setItem(key, token);
      else session.removeItem(key);
    },
  };
}

export function memoryTokenStore(initial: string | null = null): TokenStore & { current: string | null } {
  const store = {
    current: initial,
    load: async () => store.current,
    save: async (token: string | null) => {
      store.current = token;
    },
  };
  return store;
}
