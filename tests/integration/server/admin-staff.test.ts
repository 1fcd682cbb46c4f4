/**
 * Administration of staff through the API (server/src/admin/routes.ts): the admin CLI's checks,
 * nothing half-written, every change audited old → new without passwords, sessions ended, and an
 * administrator reaching only their own organisation. Real PostgreSQL, real HTTP.
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
import { createAppeals, newFormalAppeal } from '../sync/fixtures';

// biome-ignore lint/suspicious/noExplicitAny: assertions read deep into the answers
type Json = Record<string, any>;

let server: TestServer;
let org: TestOrg;
let other: TestOrg;
let admin: Record<string, string>;

async function call(method: string, path: string, body?: unknown, headers = admin) {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

const auditRows = async (entityId: string) =>
  (
    await server.pool.query<{ action: string; actor_user_id: string | null; fields: Json; details: Json }>(
      'SELECT action, actor_user_id, fields, details FROM audit_log WHERE entity_id = $1 ORDER BY id',
      [entityId],
    )
  ).rows;

const signIn = (login: string, password: string) =>
  fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });

beforeAll(async () => {
  server = await startTestServer();
  org = await seedTestOrg(server.pool);
  other = await seedTestOrg(server.pool);
  admin = (await loginAs(server, org.users.admin)).headers;
});
afterAll(async () => {
  await server?.close();
});

describe('users', () => {
  it('creates a user with a password shown once, who then signs in', async () => {
    const created = await call('POST', '/admin/users', {
      login: 'smirnova.api',
      displayName: 'Смирнова Е. В.',
      position: 'Главный специалист',
      phone: '+7 (3452) 12-34-56',
      role: 'operator',
      departmentIds: [org.departments.d1.id, 'd2'],
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({
      login: 'smirnova.api',
      position: 'Главный специалист',
      phone: '+7 (3452) 12-34-56',
      role: 'operator',
      disabled: false,
      activeSessions: 0,
    });
    expect(created.body.user.departmentIds.sort()).toEqual(
      [org.departments.d1.id, org.departments.d2.id].sort(),
    );
    expect(created.body.password).toMatch(/^\S{12,}$/);
    expect((await signIn('smirnova.api', created.body.password)).status).toBe(200);
    const listed = await call('GET', '/admin/users');
    const row = listed.body.users.find((u: Json) => u.login === 'smirnova.api');
    expect(row).toMatchObject({ activeSessions: 1 });
    expect(JSON.stringify(listed.body)).not.toMatch(/password|scrypt/i);
    const [audit] = await auditRows(created.body.user.id);
    expect(audit).toMatchObject({ action: 'user.create', actor_user_id: org.users.admin.id });
    expect(JSON.stringify(audit)).not.toContain(created.body.password);
  });

  it.each([
    [{ login: 'x', displayName: 'А', role: 'supervisor' }, 400, 'invalid_login'],
    [{ login: 'valid.login', displayName: '  ', role: 'supervisor' }, 400, 'invalid_name'],
    [{ login: 'valid.login', displayName: 'А', role: 'boss' }, 400, 'invalid_role'],
    [{ login: 'valid.login', displayName: 'А', role: 'operator' }, 400, 'no_department'],
    [{ login: 'valid.login', displayName: 'А', role: 'supervisor', phone: 'звоните' }, 400, 'invalid_phone'],
    [{ login: 'valid.login', displayName: 'А', role: 'supervisor', password: 'short' }, 400, 'weak_password'],
    [{ login: 'SMIRNOVA.API', displayName: 'А', role: 'supervisor' }, 409, 'duplicate'],
    [{ login: 'valid.login', displayName: 'А', role: 'supervisor', extra: 1 }, 400, 'validation_failed'],
  ])('refuses %j with %i %s', async (body, status, code) => {
    const answer = await call('POST', '/admin/users', body);
    expect(answer).toEqual({ status, body: { error: { code, message: expect.any(String) } } });
  });

  it('writes nothing when one department of the list is unknown (no user, no membership, no audit)', async () => {
    const before = await server.pool.query('SELECT count(*)::int AS n FROM audit_log');
    const answer = await call('POST', '/admin/users', {
      login: 'half.written',
      displayName: 'Частично',
      role: 'operator',
      departmentIds: [org.departments.d1.id, other.departments.d1.id],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('unknown_department');
    const users = await server.pool.query("SELECT 1 FROM users WHERE login = 'half.written'");
    expect(users.rowCount).toBe(0);
    const after = await server.pool.query('SELECT count(*)::int AS n FROM audit_log');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('changes role and departments, audited old → new', async () => {
    const created = await call('POST', '/admin/users', {
      login: 'role.change',
      displayName: 'Орлов',
      role: 'operator',
      departmentIds: [org.departments.d1.id],
      password: testPassword,
    });
    const id = created.body.user.id;
    const changed = await call('PATCH', `/admin/users/${id}`, {
      role: 'head',
      departmentIds: [org.departments.d2.id],
      position: 'Начальник отдела',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.user).toMatchObject({ role: 'head', departmentIds: [org.departments.d2.id] });
    const audit = (await auditRows(id)).at(-1)!;
    expect(audit.action).toBe('user.update');
    expect(audit.actor_user_id).toBe(org.users.admin.id);
    expect(audit.fields).toEqual({
      role: { old: 'operator', new: 'head' },
      departmentIds: { old: [org.departments.d1.id], new: [org.departments.d2.id] },
      position: { old: '', new: 'Начальник отдела' },
    });
    // An operator's last department cannot be taken away; nothing changes.
    const refused = await call('PATCH', `/admin/users/${id}`, { role: 'operator', departmentIds: [] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('no_department');
    const listed = (await call('GET', '/admin/users')).body.users.find((u: Json) => u.id === id);
    expect(listed).toMatchObject({ role: 'head', departmentIds: [org.departments.d2.id] });
  });

  it('disabling ends the sessions at once and refuses sign-in; enabling lets the user back', async () => {
    const created = await call('POST', '/admin/users', {
      login: 'to.disable',
      displayName: 'Уволенный',
      role: 'supervisor',
      password: testPassword,
    });
    const id = created.body.user.id;
    const session = await loginAs(server, { login: 'to.disable', password: testPassword });
    expect((await call('GET', '/me', undefined, session.headers)).status).toBe(200);
    const disabled = await call('PATCH', `/admin/users/${id}`, { disabled: true });
    expect(disabled.body.user).toMatchObject({ disabled: true, activeSessions: 0 });
    expect((await call('GET', '/me', undefined, session.headers)).status).toBe(401);
    const refused = await signIn('to.disable', testPassword);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as Json).error.code).toBe('account_disabled');
    const audit = (await auditRows(id)).at(-1)!;
    expect(audit).toMatchObject({
      action: 'user.disable',
      fields: { disabled: { old: false, new: true } },
      details: { sessionsEnded: 1 },
    });
    await call('PATCH', `/admin/users/${id}`, { disabled: false });
    expect((await auditRows(id)).at(-1)!.action).toBe('user.enable');
    expect((await signIn('to.disable', testPassword)).status).toBe(200);
  });

  it('an administrator cannot disable themselves nor drop their own role', async () => {
    for (const body of [{ disabled: true }, { role: 'supervisor' }]) {
      const answer = await call('PATCH', `/admin/users/${org.users.admin.id}`, body);
      expect(answer.status).toBe(409);
      expect(answer.body.error.code).toBe('own_account');
    }
  });

  it('resets a password: the new one is temporary, the old one and every session end; nothing secret audited', async () => {
    const created = await call('POST', '/admin/users', {
      login: 'forgot.password',
      displayName: 'Забывчивый',
      role: 'supervisor',
      password: testPassword,
    });
    const id = created.body.user.id;
    const session = await loginAs(server, { login: 'forgot.password', password: testPassword });
    const reset = await call('POST', `/admin/users/${id}/password`);
    expect(reset.status).toBe(200);
    expect(reset.body.sessionsEnded).toBe(1);
    expect((await call('GET', '/me', undefined, session.headers)).status).toBe(401);
    expect((await signIn('forgot.password', testPassword)).status).toBe(401);
    // The temporary password is right, but opens no session until the user sets their own.
    const temporary = await signIn('forgot.password', reset.body.password);
    expect(temporary.status).toBe(403);
    expect(((await temporary.json()) as Json).error.code).toBe('password_change_required');
    const given = await call('POST', `/admin/users/${id}/password`, { password: 'новый пароль дежурного' });
    expect(given.body.password).toBeNull();
    expect((await signIn('forgot.password', 'новый пароль дежурного')).status).toBe(403);
    expect((await call('POST', `/admin/users/${id}/password`, { password: '123' })).body.error.code).toBe(
      'weak_password',
    );
    const audit = JSON.stringify(await auditRows(id));
    expect(audit).not.toContain(reset.body.password);
    expect(audit).not.toContain('новый пароль');
    expect(audit).not.toContain('scrypt');
  });

  it('lists the active sessions and ends one or all of them', async () => {
    const created = await call('POST', '/admin/users', {
      login: 'two.devices',
      displayName: 'Два компьютера',
      role: 'supervisor',
      password: testPassword,
    });
    const id = created.body.user.id;
    const first = await loginAs(server, { login: 'two.devices', password: testPassword }, 'pc-1');
    const second = await loginAs(server, { login: 'two.devices', password: testPassword }, 'pc-2');
    const sessions = (await call('GET', `/admin/users/${id}/sessions`)).body.sessions as Json[];
    expect(sessions.map((s) => s.deviceId).sort()).toEqual(['pc-1', 'pc-2']);
    const pc1 = sessions.find((s) => s.deviceId === 'pc-1')!;
    expect(await call('POST', `/admin/users/${id}/sessions/end`, { sessionId: pc1.id })).toEqual({
      status: 200,
      body: { ended: 1 },
    });
    expect((await call('GET', '/me', undefined, first.headers)).status).toBe(401);
    expect((await call('GET', '/me', undefined, second.headers)).status).toBe(200);
    expect((await call('POST', `/admin/users/${id}/sessions/end`, { sessionId: pc1.id })).status).toBe(404);
    // A session whose refresh token expired is over: not listed, not counted.
    await loginAs(server, { login: 'two.devices', password: testPassword }, 'pc-old');
    await server.pool.query(
      `UPDATE refresh_tokens SET expires_at = now() - interval '1 second'
        WHERE family_id IN (SELECT id FROM auth_sessions WHERE user_id = $1 AND device_id = 'pc-old')`,
      [id],
    );
    const listed = (await call('GET', `/admin/users/${id}/sessions`)).body.sessions as Json[];
    expect(listed.map((s) => s.deviceId)).toEqual(['pc-2']);
    const row = (await call('GET', '/admin/users')).body.users.find((u: Json) => u.id === id);
    expect(row.activeSessions).toBe(1);
    expect((await call('POST', `/admin/users/${id}/sessions/end`, {})).body).toEqual({ ended: 2 });
    expect((await call('GET', '/me', undefined, second.headers)).status).toBe(401);
    expect((await call('GET', `/admin/users/${id}/sessions`)).body.sessions).toEqual([]);
  });
});

describe('departments', () => {
  it('creates and renames a department with the CLI checks, audited old → new', async () => {
    expect(
      (await call('POST', '/admin/departments', { code: 'слишком-длинный', name: 'А' })).body.error.code,
    ).toBe('invalid_code');
    expect((await call('POST', '/admin/departments', { code: 'd1', name: 'Дубль' })).body.error.code).toBe(
      'duplicate_code',
    );
    const created = await call('POST', '/admin/departments', { code: 'соц', name: 'Социальный отдел' });
    expect(created.status).toBe(201);
    expect(created.body.department).toMatchObject({ code: 'СОЦ', name: 'Социальный отдел', disabled: false });
    const id = created.body.department.id;
    const renamed = await call('PATCH', `/admin/departments/${id}`, { name: 'Отдел социальной защиты' });
    expect(renamed.body.department.name).toBe('Отдел социальной защиты');
    expect((await auditRows(id)).map((a) => [a.action, a.fields])).toEqual([
      [
        'department.create',
        { code: { old: null, new: 'СОЦ' }, name: { old: null, new: 'Социальный отдел' } },
      ],
      ['department.update', { name: { old: 'Социальный отдел', new: 'Отдел социальной защиты' } }],
    ]);
  });

  it('refuses to disable a department with open appeals; a disabled one takes no new staff', async () => {
    const busy = (await call('POST', '/admin/departments', { code: 'ЗАНЯТ', name: 'Занятой' })).body
      .department;
    const supervisor = { url: server.url, headers: (await loginAs(server, org.users.supervisor)).headers };
    await createAppeals(server.pool, supervisor, [newFormalAppeal(org.organisation.id, busy.id)]);
    const refused = await call('PATCH', `/admin/departments/${busy.id}`, { disabled: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('department_has_open_appeals');
    const listed = (await call('GET', '/admin/departments')).body.departments.find(
      (d: Json) => d.id === busy.id,
    );
    expect(listed).toMatchObject({ disabled: false, openAppeals: 1 });

    const idle = (await call('POST', '/admin/departments', { code: 'ПУСТ', name: 'Пустой' })).body.department;
    const disabled = await call('PATCH', `/admin/departments/${idle.id}`, { disabled: true });
    expect(disabled.body.department).toMatchObject({ disabled: true });
    expect((await auditRows(idle.id)).at(-1)!.action).toBe('department.disable');
    const joined = await call('POST', '/admin/users', {
      login: 'into.disabled',
      displayName: 'Новый',
      role: 'operator',
      departmentIds: [idle.id],
    });
    expect(joined.body.error.code).toBe('department_disabled');
  });
});

describe('scope', () => {
  it('refuses every other role (403) and finds nothing of another organisation (404)', async () => {
    for (const user of [org.users.operator1, org.users.head1, org.users.supervisor]) {
      const headers = (await loginAs(server, user)).headers;
      expect((await call('GET', '/admin/users', undefined, headers)).status).toBe(403);
      expect(
        (await call('PATCH', `/admin/users/${org.users.operator1.id}`, { disabled: true }, headers)).status,
      ).toBe(403);
    }
    const stranger = other.users.operator1.id;
    expect((await call('PATCH', `/admin/users/${stranger}`, { disabled: true })).status).toBe(404);
    expect((await call('POST', `/admin/users/${stranger}/password`)).status).toBe(404);
    expect((await call('GET', `/admin/users/${stranger}/sessions`)).status).toBe(404);
    expect(
      (await call('PATCH', `/admin/departments/${other.departments.d1.id}`, { name: 'Чужой' })).status,
    ).toBe(404);
    const untouched = await server.pool.query('SELECT disabled FROM users WHERE id = $1', [stranger]);
    expect(untouched.rows[0].disabled).toBe(false);
    const listed = JSON.stringify((await call('GET', '/admin/users')).body);
    expect(listed).not.toContain(other.users.operator1.login);
  });
});

describe('«Журнал администратора»', () => {
  it('lists the changes newest first with author and old → new, filtered by kind, author and date', async () => {
    // A change made with the CLI is in the journal too, without an author.
    await runCommand({ db: server.pool, config: server.config }, [
      'create-department',
      '--org',
      org.organisation.id,
      '--code',
      'CLI',
      '--name',
      'Из консоли',
    ]);
    const journal = (await call('GET', '/admin/journal')).body;
    const [newest] = journal.entries;
    expect(newest).toMatchObject({
      action: 'department.create',
      entityLabel: 'CLI Из консоли',
      actorId: null,
      actorName: null,
    });
    const renamed = journal.entries.find((e: Json) => e.action === 'department.update');
    expect(renamed).toMatchObject({
      actorId: org.users.admin.id,
      actorName: org.users.admin.displayName,
      entityLabel: 'СОЦ Отдел социальной защиты',
      fields: { name: { old: 'Социальный отдел', new: 'Отдел социальной защиты' } },
    });
    expect(journal.entries.some((e: Json) => e.action.startsWith('auth.'))).toBe(false);

    const users = (await call('GET', '/admin/journal?kind=users')).body.entries as Json[];
    expect(users.length).toBeGreaterThan(5);
    expect(users.every((e) => e.action.startsWith('user.'))).toBe(true);
    const byAdmin = (await call('GET', `/admin/journal?actorId=${org.users.admin.id}`)).body
      .entries as Json[];
    expect(byAdmin.every((e) => e.actorId === org.users.admin.id)).toBe(true);
    const future = Date.now() + 86_400_000;
    expect((await call('GET', `/admin/journal?from=${future}`)).body.entries).toEqual([]);
    const page = (await call('GET', '/admin/journal?limit=2')).body;
    expect(page.entries).toHaveLength(2);
    const next = (await call('GET', `/admin/journal?limit=2&before=${page.next}`)).body;
    expect(Number(next.entries[0].id)).toBeLessThan(Number(page.entries[1].id));
    expect((await call('GET', '/admin/journal?kind=letters')).status).toBe(400);
    // Another organisation's journal holds nothing of this one.
    const strangerJournal = await call(
      'GET',
      '/admin/journal',
      undefined,
      (await loginAs(server, other.users.admin)).headers,
    );
    expect(JSON.stringify(strangerJournal.body)).not.toContain('Отдел социальной защиты');
  });
});
