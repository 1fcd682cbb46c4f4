import { createApiClient, parseHistory, type TokenSource } from '../../../../renderer/api/client';

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;
const createAppealApi = (tokens: TokenSource, fetchImpl: FetchLike) =>
  createApiClient(fetchImpl).authorised(tokens);

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the one HTTP client, signed in (audit timeline, passport reveal)', () => {
  it('reads the audit history: actions, changed fields, refusals', () => {
    expect(
      parseHistory({
        entries: [
          {
            id: '7',
            at: '2025-04-01T09:30:00.000Z',
            actorUserId: 'u-1',
            action: 'appeal.update',
            fields: {
              status: { old: 'registered', new: 'in_progress' },
              assigneeId: { old: '', new: 'u-1' },
            },
            details: { collection: 'appeals', actions: ['take'], refused: { code: 'x' } },
          },
          { id: '8', at: 'not a date', action: 'appeal.update' },
        ],
      }),
    ).toEqual([
      {
        id: '7',
        at: Date.UTC(2025, 3, 1, 9, 30),
        actorUserId: 'u-1',
        action: 'appeal.update',
        fields: ['status', 'assigneeId'],
        actions: ['take'],
        refused: true,
      },
    ]);
  });

  it('refreshes through the shared token source once on a 401 and retries with the new token', async () => {
    const tokens = {
      accessToken: 'old',
      refresh: vi.fn(async () => {
        tokens.accessToken = 'new';
        return 'refreshed';
      }),
    };
    const seen: string[] = [];
    const api = createAppealApi(tokens, async (_url, init) => {
      const auth = (init?.headers as Record<string, string> | undefined)?.authorization ?? '';
      seen.push(auth);
      return auth === 'Bearer new'
        ? json(200, { applicantId: 'a', formatted: '45 03 123456' })
        : json(401, {});
    });
    expect(await api.revealPassport('a')).toEqual({ ok: true, value: { formatted: '45 03 123456' } });
    expect(seen).toEqual(['Bearer old', 'Bearer new']);
    expect(tokens.refresh).toHaveBeenCalledWith('old');
  });

  it('does not retry when the refresh brought no new token (the session ended)', async () => {
    const tokens = { accessToken: 'old', refresh: vi.fn(async () => 'unauthorized') };
    const fetchImpl = vi.fn(async () => json(401, {}));
    const api = createAppealApi(tokens, fetchImpl);
    expect(await api.history('x')).toEqual({ ok: false, error: { kind: 'unauthorized' } });
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it('reports a refused reveal (operator: 403) and an unreachable server as errors, never throws', async () => {
    const forbidden = createAppealApi({ accessToken: 't' }, async () =>
      json(403, { error: { code: 'forbidden' } }),
    );
    expect(await forbidden.revealPassport('a')).toEqual({
      ok: false,
      error: { kind: 'server', status: 403, code: 'forbidden' },
    });
    const offline = createAppealApi({ accessToken: 't' }, async () => {
      throw new TypeError('fetch failed');
    });
    expect(await offline.history('x')).toEqual({ ok: false, error: { kind: 'network' } });
  });

  it('hands a reception passport over once and passes the server’s reason on', async () => {
    const sent: { url: string; body: unknown }[] = [];
    const api = createAppealApi({ accessToken: 't' }, async (url, init) => {
      sent.push({ url: String(url), body: JSON.parse(String(init?.body)) });
      return sent.length === 1
        ? json(200, { applicantId: 'a1', passportMasked: '45 ** ***654' })
        : json(409, { error: { code: 'passport_mismatch', message: 'x' } });
    });
    expect(await api.recordPassport('ap/1', { series: '45 03', number: '987654' })).toEqual({
      ok: true,
      value: { applicantId: 'a1' },
    });
    expect(sent[0]).toEqual({
      url: '/api/v1/appeals/ap%2F1/passport',
      body: { series: '45 03', number: '987654' },
    });
    expect(await api.recordPassport('ap/1', { series: '45 03', number: '111111' })).toEqual({
      ok: false,
      error: { kind: 'server', status: 409, code: 'passport_mismatch' },
    });
  });
});
