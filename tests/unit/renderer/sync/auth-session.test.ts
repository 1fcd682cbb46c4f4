import { AuthSession, NetworkError, UnauthorizedError } from '../../../../renderer/sync/auth-session';
import { memoryTokenStore } from '../../../../renderer/sync/token-store';

const user = { id: 'u1', displayName: 'Иванова', role: 'operator', departmentIds: ['d1'] };
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the sync session’s tokens', () => {
  it('refreshes once for many requests that got 401 together, and stores the rotated refresh token', async () => {
    let refreshes = 0;
    const fetchImpl = vi.fn(async (path: string, init?: RequestInit) => {
      if (path === '/api/v1/auth/refresh') {
        refreshes += 1;
        await new Promise((resolve) => setTimeout(resolve, 10));
        return json(200, { accessToken: 'access-2', refreshToken: 'refresh-2', user });
      }
      const token = new Headers(init?.headers).get('authorization');
      return token === 'Bearer access-2' ? json(200, { ok: true }) : json(401, {});
    });
    const store = memoryTokenStore('refresh-1');
    const session = new AuthSession({ accessToken: 'access-1', refreshToken: 'refresh-1' }, store, fetchImpl);
    const responses = await Promise.all([1, 2, 3, 4].map(() => session.fetch('/api/v1/sync/appeals/pull')));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(refreshes).toBe(1);
    expect(store.current).toBe('refresh-2');
  });

  it('tells an unreachable server from an ended session', async () => {
    const offline = new AuthSession({ accessToken: 'a', refreshToken: 'r' }, memoryTokenStore(), async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(offline.fetch('/api/v1/me')).rejects.toBeInstanceOf(NetworkError);

    const ended = new AuthSession({ accessToken: 'a', refreshToken: 'r' }, memoryTokenStore(), async () =>
      json(401, {}),
    );
    await expect(ended.fetch('/api/v1/me')).rejects.toBeInstanceOf(UnauthorizedError);
    expect(ended.hasEnded).toBe(true);
  });
});
