/**
 * The organisation's settings through the administrator's API (server/src/admin/organisation.ts) and
 * the admin CLI's `org-set`: one check (shared/domain/organisation-settings.ts), a refusal that names
 * the field and writes nothing, every change audited old → new and shown in the journal, the
 * organisation document replicated to desktops, and the stored deadlines of open appeals recomputed
 * when the engine counts differently. Administrators only, their own organisation only.
 * Real PostgreSQL, real HTTP.
 */
import { Ajv } from 'ajv';
import { runCommand } from '../../../server/src/cli/commands';
import { computeDeadlines } from '../../../shared/domain/deadlines';
import { appealDeadlineInput, deadlineSettingsOf, defaultOrganisationSettings } from '../../../shared/model';
import type { Appeal } from '../../../shared/model/appeal';
import { organisationSchema } from '../../../shared/schemas/organisation';
import { loginAs, seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import { pullAll } from '../sync/client';
import { createAppeals, masterOf, newFormalAppeal } from '../sync/fixtures';

// biome-ignore lint/suspicious/noExplicitAny: assertions read deep into the answers
type Json = Record<string, any>;

let server: TestServer;
let org: TestOrg;
let other: TestOrg;
let admin: Record<string, string>;

async function call(method: string, body?: unknown, headers = admin) {
  const response = await fetch(`${server.url}/api/v1/admin/organisation`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

/** What a refused change must leave untouched: the row, its replicated document, the audit log. */
async function snapshot(orgId = org.organisation.id) {
  const [row, doc, audit] = await Promise.all([
    server.pool.query('SELECT name, settings, updated_at FROM organisations WHERE id = $1', [orgId]),
    server.pool.query('SELECT seq, doc FROM sync_organisations WHERE org_id = $1', [orgId]),
    server.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1 AND action NOT LIKE 'auth.%'",
      [orgId],
    ),
  ]);
  return { row: row.rows, doc: doc.rows, audit: audit.rows };
}

beforeAll(async () => {
  server = await startTestServer();
  org = await seedTestOrg(server.pool);
  other = await seedTestOrg(server.pool);
  admin = (await loginAs(server, org.users.admin)).headers;
});
afterAll(async () => {
  await server?.close();
});

describe('reading the settings', () => {
  it('answers the administrator their own organisation, without the calendars (their own screen)', async () => {
    const { status, body } = await call('GET');
    expect(status).toBe(200);
    const { calendarYears: _calendars, ...settings } = defaultOrganisationSettings;
    expect(body.organisation).toEqual({
      id: org.organisation.id,
      name: org.organisation.name,
      settings,
      // The example of the next registration number: nothing registered yet, the first department.
      nextRegistration: {
        year: Number(
          new Intl.DateTimeFormat('en', { timeZone: 'Europe/Moscow', year: 'numeric' }).format(Date.now()),
        ),
        sequence: 1,
        departmentCode: 'D1',
      },
    });
  });

  it('is refused to every other role with 403', async () => {
    for (const user of [org.users.operator1, org.users.head1, org.users.supervisor]) {
      const headers = (await loginAs(server, user)).headers;
      expect((await call('GET', undefined, headers)).status).toBe(403);
      expect((await call('PATCH', { retentionYears: 9 }, headers)).status).toBe(403);
    }
  });
});

describe('refusals name the field and write nothing', () => {
  const refusals: [string, unknown, string, string][] = [
    ['an unknown time zone', { timeZone: 'Europe/Atlantis' }, 'invalid_time_zone', 'timeZone'],
    ['an offset instead of a zone', { timeZone: '+03:00' }, 'invalid_time_zone', 'timeZone'],
    ['an empty name', { name: '   ' }, 'invalid_name', 'name'],
    [
      'hours that end before they start',
      { workingHours: { tue: { start: '18:00', end: '09:00' } } },
      'invalid_working_hours',
      'workingHours.tue',
    ],
    [
      'hours not HH:MM',
      { workingHours: { mon: { start: '9', end: '18:00' } } },
      'invalid_working_hours',
      'workingHours.mon',
    ],
    [
      'a week with no working day',
      { workingHours: { mon: null, tue: null, wed: null, thu: null, fri: null } },
      'no_working_day',
      'workingHours',
    ],
    [
      'a shift rule other than next/previous',
      { deadlineShiftRule: 'nearest' },
      'invalid_shift_rule',
      'deadlineShiftRule',
    ],
    [
      'an answer term of 0 hours',
      { incidentSla: { answerHours: 0 } },
      'invalid_incident_sla',
      'incidentSla.answerHours',
    ],
    [
      'a first reaction after the answer',
      { incidentSla: { firstReactionHours: 10, answerHours: 8 } },
      'invalid_incident_sla',
      'incidentSla.firstReactionHours',
    ],
    [
      'a pattern without a sequence number',
      { registrationNumberPattern: 'ОГ-{YYYY}' },
      'invalid_registration_pattern',
      'registrationNumberPattern',
    ],
    ['a retention of 101 years', { retentionYears: 101 }, 'invalid_retention_years', 'retentionYears'],
    ['a retention of 2.5 years', { retentionYears: 2.5 }, 'invalid_retention_years', 'retentionYears'],
    ['a field that is not a setting', { calendarYears: [] }, 'invalid_change', 'calendarYears'],
  ];

  it.each(refusals)('refuses %s', async (_case, change, code, field) => {
    const before = await snapshot();
    // A valid field beside the refused one is not applied either.
    const { status, body } = await call('PATCH', { retentionYears: 7, ...(change as object) });
    expect(status).toBe(400);
    expect(body.error.code).toBe(code);
    expect(body.error.details.field).toBe(field);
    expect(body.error.message).toContain(field);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a body that is not an object', async () => {
    const before = await snapshot();
    expect((await call('PATCH', [1, 2])).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });
});

describe('a change', () => {
  /** An incident received an hour ago: its deadline is counted in working hours. */
  const incident = (): Appeal =>
    newFormalAppeal(org.organisation.id, org.departments.d1.id, {
      regime: 'incident',
      status: 'new',
      receivedAt: Date.now() - 3_600_000,
      updatedAt: Date.now() - 3_600_000,
    });
  let stored: Json;
  let closedBefore: Json;

  it('is stored, audited old → new, shown in the journal and recomputes open deadlines', async () => {
    const supervisor = { url: server.url, headers: (await loginAs(server, org.users.supervisor)).headers };
    [stored] = await createAppeals(server.pool, supervisor, [incident()]);
    const hours = { start: '08:00', end: '20:00' };
    const workingHours = { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours };
    const settings = {
      ...defaultOrganisationSettings,
      workingHours: { ...defaultOrganisationSettings.workingHours, ...workingHours },
    };
    // An incident's term is an instant: the engine's control time (server/src/appeals/registration.ts).
    const expected = Date.parse(
      computeDeadlines(appealDeadlineInput(stored as unknown as Appeal, deadlineSettingsOf(settings)))
        .controlDate,
    );
    expect(expected).not.toBe(stored.dueAt);
    closedBefore = (await snapshot(other.organisation.id)) as Json;

    const { status, body } = await call('PATCH', {
      workingHours,
      incidentSla: { firstReactionHours: 3 },
      retentionYears: 6,
    });
    expect(status).toBe(200);
    expect(body.organisation.settings.workingHours.mon).toEqual(hours);
    expect(body.organisation.settings.workingHours.sat).toBeNull();
    expect(body.recomputed).toBe(1);
    expect(body.fields).toEqual({
      'workingHours.mon': { old: '09:00–18:00', new: '08:00–20:00' },
      'workingHours.tue': { old: '09:00–18:00', new: '08:00–20:00' },
      'workingHours.wed': { old: '09:00–18:00', new: '08:00–20:00' },
      'workingHours.thu': { old: '09:00–18:00', new: '08:00–20:00' },
      'workingHours.fri': { old: '09:00–18:00', new: '08:00–20:00' },
      'incidentSla.firstReactionHours': { old: 2, new: 3 },
      retentionYears: { old: 5, new: 6 },
    });

    const after = await masterOf(server.pool, 'sync_appeals', stored.id);
    expect(after.dueAt).toBe(expected);

    const audit = await server.pool.query(
      `SELECT action, actor_user_id, fields, details FROM audit_log
        WHERE org_id = $1 AND (action = 'organisation.settings_update' OR details->'actions' ? 'deadline.recompute')
        ORDER BY id`,
      [org.organisation.id],
    );
    expect(audit.rows).toEqual([
      {
        action: 'appeal.update',
        actor_user_id: org.users.admin.id,
        fields: expect.objectContaining({ dueAt: { old: stored.dueAt, new: expected } }),
        details: expect.objectContaining({ actions: ['deadline.recompute'] }),
      },
      {
        action: 'organisation.settings_update',
        actor_user_id: org.users.admin.id,
        fields: body.fields,
        details: { recomputedAppeals: 1 },
      },
    ]);

    const journal = await fetch(`${server.url}/api/v1/admin/journal?kind=organisation`, { headers: admin });
    const [latest] = ((await journal.json()) as Json).entries;
    expect(latest).toMatchObject({
      action: 'organisation.settings_update',
      actorId: org.users.admin.id,
      entityLabel: org.organisation.name,
      fields: body.fields,
    });
  });

  it('reaches the desktops in the organisation document, valid against the desktop schema', async () => {
    const operator = { url: server.url, headers: (await loginAs(server, org.users.operator1)).headers };
    const [doc] = await pullAll(operator, 'organisations');
    expect(doc.settings.workingHours.mon).toEqual({ start: '08:00', end: '20:00' });
    expect(doc.settings.retentionYears).toBe(6);
    expect(doc.settings.incidentSla.firstReactionHours).toBe(3);
    const { _deleted, ...document } = doc;
    const validate = new Ajv({ strict: false }).compile(organisationSchema);
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
  });

  it('never reaches another organisation', async () => {
    expect(await snapshot(other.organisation.id)).toEqual(closedBefore);
    const otherAdmin = (await loginAs(server, other.users.admin)).headers;
    const { body } = await call('GET', undefined, otherAdmin);
    expect(body.organisation.id).toBe(other.organisation.id);
    expect(body.organisation.settings.retentionYears).toBe(5);
  });

  it('writes nothing, audits nothing and recomputes nothing when nothing changes', async () => {
    const before = await snapshot();
    const { status, body } = await call('PATCH', { retentionYears: 6 });
    expect(status).toBe(200);
    expect(body).toMatchObject({ fields: {}, recomputed: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('does not recompute deadlines for a change the engine does not count with', async () => {
    const { body } = await call('PATCH', { name: `${org.organisation.name} (городской округ)` });
    expect(body.recomputed).toBe(0);
    expect(body.fields).toEqual({
      name: { old: org.organisation.name, new: `${org.organisation.name} (городской округ)` },
    });
  });

  it('refuses the name of another organisation', async () => {
    const before = await snapshot();
    const { status, body } = await call('PATCH', { name: other.organisation.name });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'invalid_name', details: { field: 'name' } });
    expect(await snapshot()).toEqual(before);
  });
});

describe('a new time zone', () => {
  it('moves the stored end of day of an open portal appeal to the new zone’s midnight', async () => {
    const third = await seedTestOrg(server.pool);
    const supervisor = { url: server.url, headers: (await loginAs(server, third.users.supervisor)).headers };
    // Received at noon UTC: the same calendar day in Moscow and in Yekaterinburg.
    const [stored] = await createAppeals(server.pool, supervisor, [
      newFormalAppeal(third.organisation.id, third.departments.d1.id, {
        regime: 'portal',
        status: 'new',
        category: 'roads',
        receivedAt: Date.UTC(2026, 2, 10, 12),
        updatedAt: Date.UTC(2026, 2, 10, 12),
      }),
    ]);
    const thirdAdmin = (await loginAs(server, third.users.admin)).headers;
    const { body } = await call('PATCH', { timeZone: 'Asia/Yekaterinburg' }, thirdAdmin);
    expect(body.recomputed).toBe(1);
    const after = await masterOf(server.pool, 'sync_appeals', stored!.id);
    // The same control date, its end two hours earlier in UTC (UTC+5 instead of UTC+3).
    expect(after.controlDate).toBe(stored!.controlDate);
    expect(after.dueAt).toBe(stored!.dueAt - 2 * 3_600_000);
  });
});

describe('the admin CLI `org-set`', () => {
  const run = (...argv: string[]) => runCommand({ db: server.pool, config: server.config }, argv);

  it('changes the settings with the same check and audit, the author being the console', async () => {
    const lines = await run(
      'org-set',
      '--org',
      other.organisation.id,
      '--hours',
      'sat=10:00-14:00',
      '--shift-rule',
      'previous',
    );
    expect(lines).toEqual([
      'workingHours.sat: off → 10:00–14:00',
      'deadlineShiftRule: next → previous',
      'deadlines recomputed for 0 open appeal(s)',
    ]);
    const row = await server.pool.query(
      "SELECT actor_user_id, fields FROM audit_log WHERE org_id = $1 AND action = 'organisation.settings_update'",
      [other.organisation.id],
    );
    expect(row.rows).toEqual([
      {
        actor_user_id: null,
        fields: expect.objectContaining({ deadlineShiftRule: { old: 'next', new: 'previous' } }),
      },
    ]);
  });

  it('refuses what the screen refuses, naming the field', async () => {
    await expect(run('org-set', '--org', other.organisation.id, '--time-zone', 'Moscow')).rejects.toThrow(
      /^timeZone: Unknown time zone/,
    );
    await expect(
      run('org-set', '--org', other.organisation.id, '--hours', 'mon=18:00-09:00'),
    ).rejects.toThrow(/^workingHours\.mon: /);
    await expect(run('org-set', '--org', other.organisation.id)).rejects.toThrow(/at least one setting/);
  });
});
