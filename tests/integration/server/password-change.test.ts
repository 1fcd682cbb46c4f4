/**
 * A password an administrator reset is temporary (server/src/auth/service.ts): the sign-in answers
 * 403 `password_change_required` and opens no session; POST /api/v1/auth/password proves the
 * temporary password, sets the user's own under the staff rules and signs them in; until then no
 * session works, refresh included. The change is audited without the password. Real PostgreSQL,
 * real HTTP.
 */
import { runCommand } from '../../../server/src/cli/commands';
import {
  loginAs,
  seedTestOrg,
  startTestServer,
  type TestOrg,
  type TestServer,
  testPassword,
} from '../setup/db';

// biome-ignore lint/suspicious/noExplicitAny: assertions read deep into the answers
type Json = Record<string, any>;

let server: TestServer;
let org: TestOrg;
let admin: Record<string, string>;

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, body: (text ? JSON.parse(text) : {}) as Json };
}

const sessionsOf = async (userId: string) =>
  Number(
    (await server.pool.query('SELECT count(*)::int AS n FROM auth_sessions WHERE user_id = $1', [userId]))
      .rows[0].n,
  );

async function newStaffMember(login: string): Promise<string> {
  const created = await post(
    '/admin/users',
    { login, displayName: 'Петрова Анна', role: 'supervisor', password: testPassword },
    admin,
  );
  return created.body.user.id as string;
}

beforeAll(async () => {
  server = await startTestServer();
  org = await seedTestOrg(server.pool);
  admin = (await loginAs(server, org.users.admin)).headers;
});
afterAll(async () => {
  await server?.close();
});

describe('change of a reset password at the next sign-in', () => {
  it('the temporary password opens no session until the user sets their own, twice checked', async () => {
    const id = await newStaffMember('petrova.reset');
    const reset = await post(`/admin/users/${id}/password`, {}, admin);
    const temporary = reset.body.password as string;
    const before = await sessionsOf(id);

    const signIn = await post('/auth/login', { login: 'petrova.reset', password: temporary });
    expect(signIn.status).toBe(403);
    expect(signIn.body.error.code).toBe('password_change_required');
    expect(signIn.text).not.toContain('accessToken');
    expect(await sessionsOf(id)).toBe(before);

    const change = (password: string, newPassword: string) =>
      post('/auth/password', { login: 'petrova.reset', password, newPassword, deviceId: 'desk-7' });
    expect((await change('wrong password', 'свой пароль Петровой')).status).toBe(401);
    expect((await change(temporary, 'short')).body.error.code).toBe('weak_password');
    expect((await change(temporary, temporary)).body.error.code).toBe('same_password');

    const changed = await change(temporary, 'свой пароль Петровой');
    expect(changed.status).toBe(200);
    expect(changed.body.user).toMatchObject({ id, role: 'supervisor' });
    const headers = { authorization: `Bearer ${changed.body.accessToken}` };
    const me = await fetch(`${server.url}/api/v1/me`, { headers });
    expect(me.status).toBe(200);

    expect((await post('/auth/login', { login: 'petrova.reset', password: temporary })).status).toBe(401);
    expect(
      (await post('/auth/login', { login: 'petrova.reset', password: 'свой пароль Петровой' })).status,
    ).toBe(200);

    const audit = await server.pool.query<{ action: string; actor_user_id: string; details: Json }>(
      `SELECT action, actor_user_id, details FROM audit_log WHERE entity_id = $1
        AND action IN ('user.password_reset', 'user.password_change') ORDER BY id`,
      [id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['user.password_reset', 'user.password_change']);
    expect(audit.rows[0]!.details).toMatchObject({ mustChangePassword: true });
    expect(audit.rows[1]).toMatchObject({ actor_user_id: id, details: { required: true } });
    const all = JSON.stringify(
      (await server.pool.query('SELECT * FROM audit_log WHERE entity_id = $1', [id])).rows,
    );
    expect(all).not.toContain(temporary);
    expect(all).not.toContain('свой пароль');

    // «Журнал администратора» shows the user's own change beside the reset.
    const journal = await fetch(`${server.url}/api/v1/admin/journal?kind=users`, { headers: admin });
    const entries = ((await journal.json()) as Json).entries as Json[];
    expect(entries.filter((e) => e.entityId === id).map((e) => e.action)).toContain('user.password_change');
  });

  it('a session open while the password is reset works for nothing, refresh included', async () => {
    const id = await newStaffMember('petrova.open');
    const session = await loginAs(server, { login: 'petrova.open', password: testPassword });
    // A reset ends sessions; one that somehow remains (a flag set beside it) still answers nothing.
    await server.pool.query('UPDATE users SET must_change_password = true WHERE id = $1', [id]);
    const me = await fetch(`${server.url}/api/v1/me`, { headers: session.headers });
    expect(me.status).toBe(403);
    expect(((await me.json()) as Json).error.code).toBe('password_change_required');
    const pulled = await fetch(`${server.url}/api/v1/sync/appeals/pull?limit=1`, {
      headers: session.headers,
    });
    expect(pulled.status).toBe(403);
    const refreshed = await post('/auth/refresh', { refreshToken: session.refreshToken });
    expect(refreshed.status).toBe(403);
    expect(refreshed.body.error.code).toBe('password_change_required');
  });

  it('the admin CLI reset is temporary too', async () => {
    await newStaffMember('petrova.cli');
    const lines = await runCommand({ db: server.pool, config: server.config }, [
      'reset-password',
      '--org',
      org.organisation.id,
      '--login',
      'petrova.cli',
      '--password',
      'временный пароль',
    ]);
    expect(lines.join('\n')).not.toContain('временный пароль');
    const signIn = await post('/auth/login', { login: 'petrova.cli', password: 'временный пароль' });
    expect(signIn.body.error.code).toBe('password_change_required');
    const changed = await post('/auth/password', {
      login: 'petrova.cli',
      password: 'временный пароль',
      newPassword: 'постоянный пароль',
    });
    expect(changed.status).toBe(200);
  });

  it('a user whose password was not reset may change it too, and still signs in at once', async () => {
    await newStaffMember('petrova.own');
    expect((await post('/auth/login', { login: 'petrova.own', password: testPassword })).status).toBe(200);
    const changed = await post('/auth/password', {
      login: 'petrova.own',
      password: testPassword,
      newPassword: 'другой пароль Петровой',
    });
    expect(changed.status).toBe(200);
    expect((await post('/auth/login', { login: 'petrova.own', password: testPassword })).status).toBe(401);
  });
});
