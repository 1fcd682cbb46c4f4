/**
 * The signed-in session's tokens, shared by every request of the sync engine. The access token is
 * short-lived; on a 401 the session refreshes it ONCE for all waiting requests: the server rotates
 * refresh tokens and treats a second use of the same one as theft (it ends the session), so two
 * concurrent refreshes must never happen.
 */
import { parseUser, type SessionUser } from '../api/client';
import type { TokenStore } from './token-store';

export type RefreshOutcome = 'refreshed' | 'unauthorized' | 'network';

export interface Tokens {
  readonly accessToken: string;
  readonly refreshToken: string;
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** The dev/preview proxy answers 502/503/504 while the server behind it is down: that is "offline". */
const isUnreachableStatus = (status: number): boolean => [502, 503, 504].includes(status);

export class NetworkError extends Error {
  constructor(message = 'server unreachable') {
    super(message);
    this.name = 'NetworkError';
  }
}

export class UnauthorizedError extends Error {
  constructor() {
    super('session ended; sign in again');
    this.name = 'UnauthorizedError';
  }
}

export interface RefreshedSession extends Tokens {
  readonly user: SessionUser;
}

/** POST /api/v1/auth/refresh; never throws. */
export async function refreshTokens(
  fetchImpl: FetchLike,
  refreshToken: string,
): Promise<{ ok: true; value: RefreshedSession } | { ok: false; error: 'unauthorized' | 'network' }> {
  let response: Response;
  try {
    response = await fetchImpl('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
  } catch {
    return { ok: false, error: 'network' };
  }
  if (isUnreachableStatus(response.status) || response.status >= 500) return { ok: false, error: 'network' };
  if (!response.ok) return { ok: false, error: 'unauthorized' };
  try {
    const body = (await response.json()) as Record<string, unknown>;
    const user = parseUser(body.user);
    if (!user || typeof body.accessToken !== 'string' || typeof body.refreshToken !== 'string') {
      return { ok: false, error: 'unauthorized' };
    }
    return { ok: true, value: { accessToken: body.accessToken, refreshToken: body.refreshToken, user } };
  } catch {
    return { ok: false, error: 'network' };
  }
}

export class AuthSession {
  private tokens: Tokens;
  private inflight: Promise<RefreshOutcome> | null = null;
  private ended = false;
  private readonly endListeners = new Set<() => void>();

  constructor(
    tokens: Tokens,
    private readonly store: TokenStore,
    private readonly fetchImpl: FetchLike = (input, init) => fetch(input, init),
  ) {
    this.tokens = tokens;
  }

  get accessToken(): string {
    return this.tokens.accessToken;
  }

  get refreshToken(): string {
    return this.tokens.refreshToken;
  }

  /** True once the server refused the refresh token: the user must sign in again to sync. */
  get hasEnded(): boolean {
    return this.ended;
  }

  onEnded(listener: () => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  /**
   * Refreshes the access token unless someone already did since `usedAccessToken` was read.
   * Concurrent callers share one request.
   */
  refresh(usedAccessToken: string): Promise<RefreshOutcome> {
    if (this.ended) return Promise.resolve('unauthorized');
    if (usedAccessToken !== this.tokens.accessToken && this.tokens.accessToken !== '') {
      return Promise.resolve('refreshed');
    }
    if (this.inflight) return this.inflight;
    this.inflight = (async () => {
      if (this.tokens.refreshToken === '') return this.end();
      const result = await refreshTokens(this.fetchImpl, this.tokens.refreshToken);
      if (!result.ok) return result.error === 'unauthorized' ? this.end() : 'network';
      this.tokens = { accessToken: result.value.accessToken, refreshToken: result.value.refreshToken };
      await this.store.save(result.value.refreshToken);
      return 'refreshed' as const;
    })().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private end(): 'unauthorized' {
    this.ended = true;
    for (const listener of this.endListeners) listener();
    return 'unauthorized';
  }

  /**
   * fetch with the bearer token; a 401 refreshes once and repeats the request. Throws NetworkError
   * when the server is unreachable and UnauthorizedError when the session is over.
   */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const used = this.tokens.accessToken;
      if (used === '') {
        const outcome = await this.refresh(used);
        if (outcome === 'network') throw new NetworkError();
        if (outcome === 'unauthorized') throw new UnauthorizedError();
        continue;
      }
      let response: Response;
      try {
        response = await this.fetchImpl(path, {
          ...init,
          headers: { accept: 'application/json', ...init.headers, authorization: `Bearer ${used}` },
        });
      } catch {
        throw new NetworkError();
      }
      if (isUnreachableStatus(response.status))
        throw new NetworkError(`server unreachable (${response.status})`);
      if (response.status !== 401) return response;
      const outcome = await this.refresh(used);
      if (outcome === 'network') throw new NetworkError();
      if (outcome === 'unauthorized') throw new UnauthorizedError();
    }
    throw new UnauthorizedError();
  }
}
