import { savePassport } from '../../../server/src/personal-data';
import { loginAs, seedTestOrg, startTestServer, type TestServer, testPassword } from '../setup/db';

describe('logs never contain passwords, tokens or passport data', () => {
  const lines: string[] = [];
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      log: { level: 'trace', stream: { write: (line) => lines.push(line) } },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('during login, refresh, failed login, a reveal and a token in a stream URL', async () => {
    const org = await seedTestOrg(server.pool);
    await savePassport(server.pool, server.config, {
      orgId: org.organisation.id,
      applicantId: 'logged-1',
      series: '7319',
      number: '864205',
    });
    const session = await loginAs(server, org.users.supervisor);
    const refreshed = await (
      await fetch(`${server.url}/api/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: session.refreshToken }),
      })
    ).json();
    await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'session=cookie-secret-value' },
      body: JSON.stringify({ login: org.users.head1.login, password: 'wrong-password-in-log' }),
    });
    const reveal = await fetch(`${server.url}/api/v1/applicants/logged-1/passport/reveal`, {
      method: 'POST',
      headers: { authorization: `Bearer ${refreshed.accessToken}` },
    });
    expect(reveal.status).toBe(200);
    await fetch(`${server.url}/api/v1/me?access_token=${refreshed.accessToken}&x=1`);
    // Whatever a route might log by mistake is redacted by field name.
    server.app.log.info(
      { user: { password: testPassword, refreshToken: session.refreshToken, passport: { series: '7319' } } },
      'object with secrets',
    );

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(10);
    expect(log).toContain('"url":"/api/v1/applicants/logged-1/passport/reveal"');
    expect(log).toContain('access_token=[REDACTED]&x=1');
    expect(log).toContain('object with secrets');
    for (const secret of [
      testPassword,
      'wrong-password-in-log',
      'cookie-secret-value',
      session.accessToken,
      session.refreshToken,
      refreshed.accessToken,
      refreshed.refreshToken,
      session.accessToken.split('.')[2]!,
      '"7319"',
      '"864205"',
      '73 19 864205',
      '7319864205',
    ]) {
      expect(log, `log leaks ${secret.slice(0, 12)}…`).not.toContain(secret);
    }
  });
});
