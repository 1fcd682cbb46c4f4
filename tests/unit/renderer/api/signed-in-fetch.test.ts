import { describe, expect, it } from 'vitest';
import type { TokenSource } from '../../../../renderer/api/client';
import { signedInFetch } from '../../../../renderer/api/signed-in-fetch';

function tokensRefreshingTo(next: string | null): TokenSource & { refreshed: string[] } {
  let current = 'old';
  const refreshed: string[] = [];
  return {
    refreshed,
    get accessToken() {
      return current;
    },
    refresh: async (used: string) => {
      refreshed.push(used);
      if (next !== null) current = next;
      return current;
    },
  };
}

function server(accepted: string) {
  const seen: string[] = [];
  const fetchImpl = async (_path: string, init?: RequestInit) => {
    const authorization = new Headers(init?.headers).get('authorization') ?? '';
    seen.push(authorization);
    return new Response(null, { status: authorization === `Bearer ${accepted}` ? 200 : 401 });
  };
  return { seen, fetchImpl };
}

describe('signedInFetch', () => {
  it('refreshes once on a 401 and repeats with the new token, keeping the request headers', async () => {
    const { seen, fetchImpl } = server('new');
    const tokens = tokensRefreshingTo('new');
    const response = await signedInFetch(fetchImpl, tokens, '/api/v1/x', {
      method: 'PUT',
      headers: { 'content-type': 'image/png' },
    });
    expect(response?.status).toBe(200);
    expect(tokens.refreshed).toEqual(['old']);
    expect(seen).toEqual(['Bearer old', 'Bearer new']);
  });

  it('does not repeat with the same token when the refresh gave none', async () => {
    const { seen, fetchImpl } = server('new');
    const response = await signedInFetch(fetchImpl, tokensRefreshingTo(null), '/api/v1/x', {});
    expect(response?.status).toBe(401);
    expect(seen).toEqual(['Bearer old']);
  });

  it('answers null when the network fails', async () => {
    const failing = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await signedInFetch(failing, tokensRefreshingTo('new'), '/api/v1/x', {})).toBeNull();
  });
});
