import { createApiClient } from '../../../../renderer/api/client';
import { createI18n } from '../../../../renderer/app/i18n';
import { loginErrorMessage, loginErrorText } from '../../../../renderer/features/login/login-error';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const serverUser = {
  id: 'u1',
  orgId: 'o1',
  displayName: 'Оператор Иванова А. С.',
  role: 'operator',
  departmentIds: ['d1'],
};

describe('API client', () => {
  it('signs in with login and password and keeps the typed login (the server does not echo it)', async () => {
    const fetch = vi.fn(async () =>
      json(200, { accessToken: 'a', accessExpiresAt: 'x', refreshToken: 'r', user: serverUser }),
    );
    const result = await createApiClient(fetch).login('demo-operator', 'secret');
    expect(fetch).toHaveBeenCalledWith(
      '/api/v1/auth/login',
      expect.objectContaining({ method: 'POST', body: '{"login":"demo-operator","password":"secret"}' }),
    );
    expect(result).toEqual({
      ok: true,
      value: {
        accessToken: 'a',
        refreshToken: 'r',
        user: {
          id: 'u1',
          login: 'demo-operator',
          fullName: 'Оператор Иванова А. С.',
          role: 'operator',
          departmentIds: ['d1'],
        },
      },
    });
  });

  it.each([
    [401, 'invalid-credentials'],
    [400, 'invalid-credentials'],
    [429, 'too-many-attempts'],
    [502, 'network'],
    [500, 'server'],
  ])('turns HTTP %i at sign-in into the error %s', async (status, kind) => {
    const result = await createApiClient(async () => json(status, { error: 'x' })).login('a', 'b');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe(kind);
  });

  it('finding 10: reads the Retry-After of a refused sign-in and says in ru and en how long to wait', async () => {
    const refused = new Response(JSON.stringify({ error: { code: 'too_many_attempts', message: 'x' } }), {
      status: 429,
      headers: { 'content-type': 'application/json', 'retry-after': '42' },
    });
    const result = await createApiClient(async () => refused).login('a', 'b');
    expect(result).toEqual({ ok: false, error: { kind: 'too-many-attempts', retryAfterSeconds: 42 } });
    if (result.ok) return;
    const message = loginErrorMessage(result.error);
    expect(message).toEqual({ key: 'login.errors.tooManyAttemptsWait', seconds: 42 });
    const i18n = createI18n('ru');
    expect(loginErrorText(i18n.t, message)).toBe('Слишком много попыток входа. Попробуйте снова через 42 с.');
    await i18n.changeLanguage('en');
    expect(loginErrorText(i18n.t, message)).toBe('Too many sign-in attempts. Try again in 42 s.');
  });

  it('reports an unreachable server as a network error, never a crash', async () => {
    const result = await createApiClient(async () => {
      throw new TypeError('Failed to fetch');
    }).login('a', 'b');
    expect(result).toEqual({ ok: false, error: { kind: 'network' } });
  });

  it('refuses a malformed sign-in answer instead of inventing a session', async () => {
    const result = await createApiClient(async () => json(200, { accessToken: 'a' })).login('a', 'b');
    expect(result.ok).toBe(false);
  });

  it("loads the profile with the user's department names from replication", async () => {
    const fetch = vi.fn(async (url: string) =>
      url === '/api/v1/me'
        ? json(200, {
            user: { ...serverUser, login: 'demo-operator' },
            organisation: { id: 'o1', name: 'Администрация г. Демо' },
          })
        : json(200, {
            documents: [
              { id: 'd1', name: 'Дороги и транспорт' },
              { id: 'd2', name: 'ЖКХ' },
            ],
            checkpoint: { seq: 2 },
          }),
    );
    const result = await createApiClient(fetch).me('token');
    expect(fetch).toHaveBeenCalledWith(
      '/api/v1/me',
      expect.objectContaining({ headers: expect.objectContaining({ authorization: 'Bearer token' }) }),
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        organisation: 'Администрация г. Демо',
        departments: [{ id: 'd1', name: 'Дороги и транспорт' }],
      },
    });
  });

  it('still shows the profile when department names are not served yet', async () => {
    const fetch = async (url: string) =>
      url === '/api/v1/me' ? json(200, { user: serverUser, organisation: null }) : json(404, {});
    expect(await createApiClient(fetch).me('token')).toMatchObject({
      ok: true,
      value: { departments: null },
    });
  });

  it('reads the demo accounts a demo server announces on /health, and no demo otherwise', async () => {
    const hint = {
      organisation: 'Администрация г. Демо',
      password: 'okno-demo',
      accounts: [{ login: 'demo-operator', role: 'operator', fullName: 'Оператор Иванова А. С.' }],
    };
    const demoServer = createApiClient(async () => Response.json({ status: 'ok', demo: hint }));
    expect(await demoServer.serverInfo()).toEqual({
      ok: true,
      value: {
        demo: true,
        demoAccounts: [{ login: 'demo-operator', role: 'operator', fullName: 'Оператор Иванова А. С.' }],
        demoPassword: 'okno-demo',
      },
    });
    const realServer = createApiClient(async () => Response.json({ status: 'ok' }));
    expect(await realServer.serverInfo()).toMatchObject({
      ok: true,
      value: { demo: false, demoAccounts: [] },
    });
  });

  it('explains each sign-in failure with an app-namespace message key', () => {
    expect(loginErrorMessage({ kind: 'invalid-credentials' })).toEqual({
      key: 'login.errors.invalidCredentials',
    });
    expect(loginErrorMessage({ kind: 'network' })).toEqual({ key: 'login.errors.network' });
    expect(loginErrorMessage({ kind: 'server', status: 500 })).toEqual({
      key: 'login.errors.server',
      status: 500,
    });
  });
});
