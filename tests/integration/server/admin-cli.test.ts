import { demoOrganisationName, demoPassword } from '../../../server/src/accounts/seed-demo';
import { changePassword, login } from '../../../server/src/auth/service';
import { runCommand } from '../../../server/src/cli/commands';
import { savePassport } from '../../../server/src/personal-data';
import { createTestDatabase, type TestDatabase, testConfig } from '../setup/db';

describe('admin CLI', () => {
  let db: TestDatabase;
  const config = testConfig();
  const run = (...argv: string[]) => runCommand({ db: db.pool, config }, argv);

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('creates an organisation, departments and users who can sign in', async () => {
    const [orgLine] = await run(
      'create-org',
      '--name',
      'Администрация г. Тест',
      '--time-zone',
      'Asia/Yekaterinburg',
    );
    expect(orgLine).toMatch(/^organisation \S+ {2}Администрация г\. Тест {2}\(Asia\/Yekaterinburg\)$/);
    await run('create-department', '--org', 'Администрация г. Тест', '--code', 'жкх', '--name', 'ЖКХ');
    await run('create-department', '--org', 'Администрация г. Тест', '--code', 'ДТ', '--name', 'Дороги');

    const created = await run(
      'create-user',
      '--org',
      'Администрация г. Тест',
      '--login',
      'ivanova',
      '--name',
      'Иванова А. С.',
      '--role',
      'operator',
      '--departments',
      'ЖКХ,дт',
    );
    const password = /password \(shown once, give it to the user\): (\S+)/.exec(created.join('\n'))?.[1];
    expect(password).toBeDefined();
    const session = await login(db.pool, config, { login: 'ivanova', password: password! });
    expect(session.user.role).toBe('operator');
    expect(session.user.departmentIds).toHaveLength(2);

    await run(
      'create-user',
      '--org',
      'Администрация г. Тест',
      '--login',
      'boss',
      '--name',
      'Петров',
      '--role',
      'supervisor',
      '--password',
      'boss-password-1',
    );
    const users = await run('list-users', '--org', 'Администрация г. Тест');
    expect(users.map((line) => line.split('\t').slice(0, 2))).toEqual([
      ['boss', 'supervisor'],
      ['ivanova', 'operator'],
    ]);
  });

  it('disables, enables and resets a password through the same checks as the administrator’s screen', async () => {
    const org = 'Администрация г. Тест';
    expect(await run('disable-user', '--org', org, '--login', 'IVANOVA')).toEqual(['user ivanova  disabled']);
    await expect(login(db.pool, config, { login: 'ivanova', password: 'x'.repeat(8) })).rejects.toThrow();
    const audit = await db.pool.query(
      "SELECT actor_user_id, fields FROM audit_log WHERE action = 'user.disable' ORDER BY id DESC LIMIT 1",
    );
    expect(audit.rows[0]).toEqual({ actor_user_id: null, fields: { disabled: { old: false, new: true } } });
    expect(await run('enable-user', '--org', org, '--login', 'ivanova')).toEqual(['user ivanova  enabled']);
    const reset = await run('reset-password', '--org', org, '--login', 'ivanova');
    const password = /shown once, give it to the user\): (\S+)/.exec(reset.join('\n'))?.[1];
    // A temporary password: the sign-in asks for the user's own first.
    await expect(login(db.pool, config, { login: 'ivanova', password: password! })).rejects.toMatchObject({
      code: 'password_change_required',
    });
    const changed = await changePassword(db.pool, config, {
      login: 'ivanova',
      password: password!,
      newPassword: 'пароль Ивановой',
    });
    expect(changed.user.role).toBe('operator');
    await expect(
      run('reset-password', '--org', org, '--login', 'ivanova', '--password', 'short'),
    ).rejects.toThrow(/at least 8/);
    await expect(run('disable-user', '--org', org, '--login', 'nobody')).rejects.toThrow(/No user "nobody"/);
  });

  it('stores the organisation settings in the shared shape', async () => {
    await run(
      'create-org',
      '--name',
      'Пермь',
      '--time-zone',
      'Asia/Yekaterinburg',
      '--pattern',
      'П-{YYYY}-{N:5}',
    );
    const row = await db.pool.query("SELECT settings FROM organisations WHERE name = 'Пермь'");
    expect(row.rows[0].settings).toMatchObject({
      timeZone: 'Asia/Yekaterinburg',
      registrationNumberPattern: 'П-{YYYY}-{N:5}',
      deadlineShiftRule: 'next',
      retentionYears: 5,
    });
  });

  it.each([
    [['create-org', '--name', 'X', '--time-zone', 'Mars/Olympus'], /Unknown time zone/],
    [['create-org', '--name', 'Y', '--time-zone', 'Europe/Moscow', '--pattern', '{oops}'], /not valid/],
    [['create-org', '--time-zone', 'Europe/Moscow'], /--name is required/],
    [['create-department', '--org', 'nope', '--code', 'A', '--name', 'A'], /No organisation/],
    [['create-user', '--org', 'Пермь', '--login', 'x-user', '--name', 'X', '--role', 'boss'], /Role must be/],
    [
      ['create-user', '--org', 'Пермь', '--login', 'x-user', '--name', 'X', '--role', 'operator'],
      /at least one department/,
    ],
    [
      [
        'create-user',
        '--org',
        'Пермь',
        '--login',
        'x-user',
        '--name',
        'X',
        '--role',
        'admin',
        '--password',
        'short',
      ],
      /at least 8/,
    ],
    [['frobnicate'], /unknown command/],
    [['create-org', '--bogus-flag'], /Unknown option/],
  ])('explains what is wrong: %j', async (argv, message) => {
    await expect(run(...argv)).rejects.toThrow(message);
  });

  it('refuses a duplicate login, case-insensitively', async () => {
    await expect(
      run(
        'create-user',
        '--org',
        'Администрация г. Тест',
        '--login',
        'IVANOVA',
        '--name',
        'Z',
        '--role',
        'admin',
      ),
    ).rejects.toThrow(/taken/);
  });

  it('seeds the demo organisation once, with documented accounts', async () => {
    const first = await run('seed-demo');
    expect(first.join('\n')).toContain(demoOrganisationName);
    const second = await run('seed-demo');
    expect(second).toEqual([expect.stringMatching(/already exists/)]);
    const count = await db.pool.query('SELECT count(*)::int AS n FROM organisations WHERE name = $1', [
      demoOrganisationName,
    ]);
    expect(count.rows[0].n).toBe(1);
    for (const [loginName, role] of [
      ['demo-operator', 'operator'],
      ['demo-head', 'head'],
      ['demo-supervisor', 'supervisor'],
      ['demo-admin', 'admin'],
    ]) {
      const session = await login(db.pool, config, { login: loginName!, password: demoPassword });
      expect(session.user.role).toBe(role);
    }
    const departments = await db.pool.query(
      'SELECT d.name FROM departments d JOIN organisations o ON o.id = d.org_id WHERE o.name = $1 ORDER BY d.name',
      [demoOrganisationName],
    );
    expect(departments.rows.map((r) => r.name)).toEqual(['Дороги и транспорт', 'ЖКХ', 'Социальная защита']);
  });

  it('rotates personal-data keys', async () => {
    const org = await db.pool.query('SELECT id FROM organisations WHERE name = $1', [demoOrganisationName]);
    await savePassport(db.pool, config, {
      orgId: org.rows[0].id,
      applicantId: 'cli-1',
      series: '4503',
      number: '123456',
    });
    const rotated = {
      ...config,
      personalDataKeys: [{ id: 'next', key: Buffer.alloc(32, 1) }, ...config.personalDataKeys],
    };
    expect(await runCommand({ db: db.pool, config: rotated }, ['rotate-keys'])).toEqual([
      're-encrypted 1 record(s) under key "next"',
    ]);
  });
});
