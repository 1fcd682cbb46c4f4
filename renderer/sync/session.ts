/**
 * Starting and ending a signed-in session on this desktop: restoring it after a reload (refresh token
 * → new tokens; offline → the last known user, synced later), signing in offline with the stored
 * verifier, and signing out with or without wiping local personal data.
 */
import type { ApiClient, ApiResult, Session, SessionUser } from '../api/client';
import { parseUser } from '../api/client';
import { refreshTokens, type Tokens } from './auth-session';
import {
  forgetEveryOfflineLogin,
  forgetOfflineLogin,
  rememberOfflineLogin,
  verifyOfflineLogin,
} from './offline-login';
import type { TokenStore } from './token-store';

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ActiveSession {
  readonly user: SessionUser;
  /** Empty access token: not confirmed by the server yet (offline); the sync refreshes first. */
  readonly tokens: Tokens;
  readonly offline: boolean;
}

const lastUserKey = 'okno.lastUser';

function rememberUser(storage: Storage, user: SessionUser): void {
  storage.setItem(lastUserKey, JSON.stringify({ ...user, displayName: user.fullName }));
}

function lastUser(storage: Storage): SessionUser | null {
  try {
    const raw = JSON.parse(storage.getItem(lastUserKey) ?? 'null') as Record<string, unknown> | null;
    return raw ? parseUser(raw, typeof raw.login === 'string' ? raw.login : '') : null;
  } catch {
    return null;
  }
}

// React StrictMode runs start-up effects twice; a refresh token may be presented only once.
const restoring = new Map<string, Promise<ActiveSession | null>>();

export function restoreSession(
  store: TokenStore,
  storage: Storage,
  fetchImpl: FetchLike,
): Promise<ActiveSession | null> {
  return store.load().then((refreshToken) => {
    if (!refreshToken) return null;
    let pending = restoring.get(refreshToken);
    if (!pending) {
      pending = (async () => {
        const result = await refreshTokens(fetchImpl, refreshToken);
        if (result.ok) {
          await store.save(result.value.refreshToken);
          rememberUser(storage, result.value.user);
          return { user: result.value.user, tokens: result.value, offline: false };
        }
        const known = lastUser(storage);
        if (result.error === 'network' && known) {
          return { user: known, tokens: { accessToken: '', refreshToken }, offline: true };
        }
        await store.save(null);
        return null;
      })();
      restoring.set(refreshToken, pending);
    }
    return pending;
  });
}

/**
 * The API client with offline sign-in: an online sign-in stores the password verifier; when the
 * server is unreachable, a verifier younger than `offlineLoginDays` signs the user in locally (the
 * session then has no tokens: its local database works, the sync waits for an online sign-in).
 */
export function withOfflineLogin(api: ApiClient, storage: Storage): ApiClient {
  return {
    ...api,
    async login(login: string, password: string): Promise<ApiResult<Session>> {
      const result = await api.login(login, password);
      if (result.ok) {
        await rememberOfflineLogin(storage, login, password, result.value.user);
        rememberUser(storage, result.value.user);
        return result;
      }
      if (result.error.kind !== 'network') return result;
      const offline = await verifyOfflineLogin(storage, login, password);
      if (!offline.ok) {
        return offline.reason === 'wrong-password'
          ? { ok: false, error: { kind: 'invalid-credentials' } }
          : result;
      }
      return { ok: true, value: { accessToken: '', refreshToken: '', user: offline.user } };
    },
    // Online only; the offline sign-in then knows the new password, not the old one.
    async changePassword(login: string, password: string, newPassword: string): Promise<ApiResult<Session>> {
      const result = await api.changePassword(login, password, newPassword);
      if (result.ok) {
        await rememberOfflineLogin(storage, login, newPassword, result.value.user);
        rememberUser(storage, result.value.user);
      }
      return result;
    },
  };
}

/** Ends the session on the server (best effort: offline, the token simply expires there). */
export async function endServerSession(fetchImpl: FetchLike, refreshToken: string): Promise<void> {
  if (!refreshToken) return;
  try {
    await fetchImpl('/api/v1/auth/logout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
  } catch {
    // Offline: nothing to end now.
  }
}

export function forgetLocalSignIn(storage: Storage, userId: string): void {
  forgetOfflineLogin(storage, userId);
  if (lastUser(storage)?.id === userId) storage.removeItem(lastUserKey);
}

/** Forgets every official's sign-in on this computer (switching to another server). */
export function forgetEverySignIn(storage: Storage): void {
  forgetEveryOfflineLogin(storage);
  storage.removeItem(lastUserKey);
}
