import { signAccessToken, verifyAccessToken } from '../../../server/src/auth/tokens';
import {
  loginAs,
  seedTestOrg,
  startTestServer,
  type TestOrg,
  type TestServer,
  testPassword,
} from '../setup/db';

describe('authentication', () => {
  let server: TestServer;
  let org: TestOrg;

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const me = (headers: Record<string, string>) => fetch(`${server.url}/api/v1/me`, { headers });
  const errorCode = async (response: Response) =>
    ((await response.json()) as { error: { code: string } }).error.code;

  beforeAll(async () => {
    server = await startTestServer();
    org = await seedTestOrg(server.pool);
  });
  afterAll(async () => {
    await server.close();
  });

  it('logs in and returns a short-lived access token, a refresh token and the user', async () => {
    const { operator1 } = org.users;
    const response = await post('/api/v1/auth/login', {
      login: operator1.login,
      password: testPassword,
      deviceId: 'desk-1',
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({
      accessToken: expect.any(String),
      accessExpiresAt: expect.any(String),
      refreshToken: expect.any(String),
      user: {
        id: operator1.id,
        orgId: org.organisation.id,
        displayName: operator1.displayName,
        role: 'operator',
        departmentIds: [org.departments.d1.id],
      },
    });
    const ttl = Date.parse(body.accessExpiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);

    const profile = await me({ authorization: `Bearer ${body.accessToken}` });
    expect(profile.status).toBe(200);
    const meBody = await profile.json();
    expect(meBody.user).toMatchObject({ id: operator1.id, login: operator1.login, role: 'operator' });
    expect(meBody.organisation).toMatchObject({
      id: org.organisation.id,
      settings: { timeZone: 'Europe/Moscow' },
    });
    expect(meBody.deviceId).toBe('desk-1');
  });

  it('accepts the login case-insensitively', async () => {
    const session = await loginAs(server, {
      login: org.users.head1.login.toUpperCase(),
      password: testPassword,
    });
    expect(session.user.role).toBe('head');
  });

  it('refuses a wrong password and an unknown login with the same answer', async () => {
    const wrong = await post('/api/v1/auth/login', { login: org.users.head2.login, password: 'nope-nope' });
    const unknown = await post('/api/v1/auth/login', { login: 'nobody-here', password: 'nope-nope' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  describe('access tokens', () => {
    it('requires a token on protected routes', async () => {
      const response = await me({});
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe('unauthenticated');
    });

    it('refuses a token whose payload was altered (forged role or user)', async () => {
      const session = await loginAs(server, org.users.operator1);
      const [version, payload, signature] = session.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, sub: org.users.admin.id })).toString(
        'base64url',
      );
      const response = await me({ authorization: `Bearer ${version}.${forged}.${signature}` });
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe('token_invalid');
    });

    it('refuses a token signed with another secret', async () => {
      const session = await loginAs(server, org.users.operator1);
      const claims = verifyAccessToken(session.accessToken, server.config.tokenSecret, 0);
      if (!claims.ok) throw new Error('own token must verify');
      const token = signAccessToken(claims.claims, Buffer.alloc(32, 7));
      const response = await me({ authorization: `Bearer ${token}` });
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe('token_invalid');
    });

    it('refuses an expired token', async () => {
      const session = await loginAs(server, org.users.operator1);
      const verified = verifyAccessToken(session.accessToken, server.config.tokenSecret, 0);
      if (!verified.ok) throw new Error('own token must verify');
      const now = Math.floor(Date.now() / 1000);
      const expired = signAccessToken(
        { ...verified.claims, iat: now - 1000, exp: now - 1 },
        server.config.tokenSecret,
      );
      const response = await me({ authorization: `Bearer ${expired}` });
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe('token_expired');
    });

    it('refuses garbage in the Authorization header', async () => {
      for (const header of [
        'Bearer',
        'Basic abc',
        'Bearer a.b',
        'Bearer v1.x.y',
        `Bearer ${'A'.repeat(5000)}`,
      ]) {
        const response = await me({ authorization: header });
        expect(response.status, header.slice(0, 20)).toBe(401);
      }
    });

    it('reads role and departments from the database, so a demotion or move applies at once', async () => {
      const session = await loginAs(server, org.users.head2);
      await server.pool.query('UPDATE users SET role = $2 WHERE id = $1', [org.users.head2.id, 'operator']);
      try {
        const body = await (await me(session.headers)).json();
        expect(body.user.role).toBe('operator');
      } finally {
        await server.pool.query('UPDATE users SET role = $2 WHERE id = $1', [org.users.head2.id, 'head']);
      }
    });

    it('stops working when the account is disabled', async () => {
      const session = await loginAs(server, org.users.operator2);
      await server.pool.query('UPDATE users SET disabled = true WHERE id = $1', [org.users.operator2.id]);
      try {
        const response = await me(session.headers);
        expect(response.status).toBe(401);
        expect(await errorCode(response)).toBe('account_disabled');
        const relogin = await post('/api/v1/auth/login', {
          login: org.users.operator2.login,
          password: testPassword,
        });
        expect(relogin.status).toBe(401);
        expect(await errorCode(relogin)).toBe('account_disabled');
      } finally {
        await server.pool.query('UPDATE users SET disabled = false WHERE id = $1', [org.users.operator2.id]);
      }
    });
  });

  describe('refresh tokens', () => {
    it('rotates: each refresh returns a new pair and the new access token works', async () => {
      const first = await loginAs(server, org.users.supervisor, 'laptop');
      const response = await post('/api/v1/auth/refresh', { refreshToken: first.refreshToken });
      expect(response.status).toBe(200);
      const second = await response.json();
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(second.accessToken).not.toBe(first.accessToken);
      expect(second.user.id).toBe(org.users.supervisor.id);
      const profile = await me({ authorization: `Bearer ${second.accessToken}` });
      expect((await profile.json()).deviceId).toBe('laptop');
    });

    it('revokes the whole family when a rotated token is presented again', async () => {
      const first = await loginAs(server, org.users.supervisor);
      const rotated = await (await post('/api/v1/auth/refresh', { refreshToken: first.refreshToken })).json();

      const replay = await post('/api/v1/auth/refresh', { refreshToken: first.refreshToken });
      expect(replay.status).toBe(401);
      expect(await errorCode(replay)).toBe('refresh_reused');

      // The legitimate newest token and every access token of the family are dead too.
      const next = await post('/api/v1/auth/refresh', { refreshToken: rotated.refreshToken });
      expect(next.status).toBe(401);
      expect(await errorCode(next)).toBe('session_revoked');
      expect((await me({ authorization: `Bearer ${rotated.accessToken}` })).status).toBe(401);
      expect((await me(first.headers)).status).toBe(401);

      // Other sessions of the same user are untouched.
      const other = await loginAs(server, org.users.supervisor);
      expect((await me(other.headers)).status).toBe(200);

      const audit = await server.pool.query(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.refresh_reuse' AND entity_id = $1",
        [org.users.supervisor.id],
      );
      expect(audit.rows[0].n).toBe(1);
    });

    it('refuses an unknown or expired refresh token', async () => {
      const unknown = await post('/api/v1/auth/refresh', { refreshToken: 'rt1.not-a-real-token' });
      expect(unknown.status).toBe(401);
      expect(await errorCode(unknown)).toBe('refresh_invalid');

      const session = await loginAs(server, org.users.admin);
      await server.pool.query("UPDATE refresh_tokens SET expires_at = now() - interval '1 second'");
      const expired = await post('/api/v1/auth/refresh', { refreshToken: session.refreshToken });
      expect(expired.status).toBe(401);
      expect(await errorCode(expired)).toBe('refresh_expired');
    });
  });

  describe('logout', () => {
    it('ends the session of the access token: it and its refresh token stop working', async () => {
      const session = await loginAs(server, org.users.head1);
      const response = await fetch(`${server.url}/api/v1/auth/logout`, {
        method: 'POST',
        headers: session.headers,
      });
      expect(response.status).toBe(204);
      const after = await me(session.headers);
      expect(after.status).toBe(401);
      expect(await errorCode(after)).toBe('session_revoked');
      const refresh = await post('/api/v1/auth/refresh', { refreshToken: session.refreshToken });
      expect(refresh.status).toBe(401);
    });

    it('accepts the refresh token alone (the access token may have expired offline)', async () => {
      const session = await loginAs(server, org.users.head1);
      const response = await post('/api/v1/auth/logout', { refreshToken: session.refreshToken });
      expect(response.status).toBe(204);
      expect((await me(session.headers)).status).toBe(401);
    });

    it('needs some credential', async () => {
      const response = await post('/api/v1/auth/logout', {});
      expect(response.status).toBe(401);
    });
  });

  describe('hostile input', () => {
    it('refuses bodies that do not match the schema', async () => {
      for (const body of [
        {},
        { login: 'x' },
        { login: 'x', password: { $gt: '' } },
        { login: 'x', password: 'y', isAdmin: true },
        { login: 'x', password: 'y', deviceId: 'z'.repeat(500) },
        [],
      ]) {
        const response = await post('/api/v1/auth/login', body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(await errorCode(response)).toBe('validation_failed');
      }
    });

    it('refuses malformed JSON, other media types and oversized bodies', async () => {
      const malformed = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"login": ',
      });
      expect(malformed.status).toBe(400);
      expect(await errorCode(malformed)).toBe('malformed_json');

      const text = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: '<login/>',
      });
      expect(text.status).toBe(415);
      expect(await errorCode(text)).toBe('unsupported_media_type');

      const huge = await post('/api/v1/auth/login', { login: 'x', password: 'y'.repeat(2 * 1024 * 1024) });
      expect(huge.status).toBe(413);
      expect(await errorCode(huge)).toBe('payload_too_large');
    });
  });
});
