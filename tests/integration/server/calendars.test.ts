/**
 * Production calendars an organisation loads (server/src/calendars): through the admin CLI and the
 * admin API, validated, stored, audited, and used by every deadline of that organisation — new
 * ones, the stored ones of open appeals, and the desktops' copy of the settings.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import { runCommand } from '../../../server/src/cli/commands';
import { parseXmlCalendar } from '../../../shared/domain/calendar';
import { computeDeadlines } from '../../../shared/domain/deadlines';
import { appealDeadlineInput, deadlineSettingsOf, defaultOrganisationSettings } from '../../../shared/model';
import { organisationSchema } from '../../../shared/schemas/organisation';
import { loginAs, seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import { type Json, pullAll } from '../sync/client';
import { createAppeals, masterOf, newFormalAppeal } from '../sync/fixtures';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(path.join(tmpdir(), 'okno-calendars-'));

/**
 * A 2028 calendar in the xmlcalendar format: the New Year holidays run to Monday 10 January (the day
 * off of Saturday 1 January moved there). The art. 112 fallback, without it, works on 10 January.
 */
const calendar2028 = `<?xml version="1.0" encoding="UTF-8"?>
<calendar year="2028" lang="ru" date="2027.09.15" country="ru">
    <holidays><holiday id="1" title="Новогодние каникулы"/></holidays>
    <days>
        <day d="01.01" t="1" h="1"/><day d="01.02" t="1" h="1"/><day d="01.03" t="1" h="1"/>
        <day d="01.04" t="1" h="1"/><day d="01.05" t="1" h="1"/><day d="01.06" t="1" h="1"/>
        <day d="01.07" t="1" h="1"/><day d="01.08" t="1" h="1"/><day d="01.10" t="1" f="01.01"/>
    </days>
</calendar>
`;

const pad = (n: number) => String(n).padStart(2, '0');

function file(name: string, text: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
}

const moscow = deadlineSettingsOf(defaultOrganisationSettings);
const parsed2028 = parseXmlCalendar(calendar2028);
if (!parsed2028.ok) throw new Error(parsed2028.error.code);
const withCalendar2028 = { ...moscow, calendarYears: [parsed2028.value] };

/** A portal message received on Friday 24 December 2027: its 10 working days end in January 2028. */
const portalAppeal = (org: TestOrg) =>
  newFormalAppeal(org.organisation.id, org.departments.d1.id, {
    regime: 'portal',
    status: 'new',
    category: 'roads',
    receivedAt: Date.UTC(2027, 11, 24, 9),
    updatedAt: Date.UTC(2027, 11, 24, 9),
  });

let server: TestServer;
let org: TestOrg;
const run = (...argv: string[]) => runCommand({ db: server.pool, config: server.config }, argv);

beforeAll(async () => {
  server = await startTestServer();
  org = await seedTestOrg(server.pool);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function snapshot() {
  const [calendars, audit, organisation, appeals] = await Promise.all([
    server.pool.query(
      'SELECT year, source_sha256 FROM organisation_calendars WHERE org_id = $1 ORDER BY year',
      [org.organisation.id],
    ),
    // Sign-ins are audited too; they are not what these tests look at.
    server.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1 AND action NOT LIKE 'auth.%'",
      [org.organisation.id],
    ),
    server.pool.query('SELECT seq, doc FROM sync_organisations WHERE org_id = $1', [org.organisation.id]),
    server.pool.query('SELECT id, seq, doc FROM sync_appeals WHERE org_id = $1 ORDER BY id', [
      org.organisation.id,
    ]),
  ]);
  return {
    calendars: calendars.rows,
    audit: audit.rows,
    organisation: organisation.rows,
    appeals: appeals.rows,
  };
}

describe('loading a production calendar from the admin CLI', () => {
  let stored: Json;

  it('counts a deadline across a year with no calendar on the fallback before any load', async () => {
    const supervisor = { url: server.url, headers: (await loginAs(server, org.users.supervisor)).headers };
    const appeal = portalAppeal(org);
    const fallback = computeDeadlines(appealDeadlineInput(appeal, moscow));
    expect(fallback.warnings).toContain('deadlines:warnings.calendarMissing');
    [stored] = await createAppeals(server.pool, supervisor, [appeal]);
    expect(stored.legalDeadline).toBe(fallback.legalDeadline);
  });

  it('puts the 2028 edition in force: the stored deadline of the open appeal moves, and is audited', async () => {
    const expected = computeDeadlines(appealDeadlineInput(portalAppeal(org), withCalendar2028)).legalDeadline;
    expect(expected).not.toBe(stored.legalDeadline);

    const lines = await run(
      'calendar-load',
      '--org',
      org.organisation.name,
      '--file',
      file('2028.xml', calendar2028),
    );
    expect(lines).toEqual([
      expect.stringMatching(
        /^calendar 2028 of .+: loaded edition 2027\.09\.15 sha256:[0-9a-f]{12} replaces no calendar/,
      ),
      'deadlines recomputed for 1 open appeal(s)',
    ]);

    const after = await masterOf(server.pool, 'sync_appeals', stored.id);
    expect(after.legalDeadline).toBe(expected);
    expect(after.updatedAt).toBeGreaterThan(stored.updatedAt);
    const audit = await server.pool.query(
      `SELECT action, entity_id, fields, details FROM audit_log
        WHERE org_id = $1 AND (action = 'organisation.calendar_load' OR details->'actions' ? 'deadline.recompute')
        ORDER BY id`,
      [org.organisation.id],
    );
    expect(audit.rows).toEqual([
      {
        action: 'appeal.update',
        entity_id: stored.id,
        fields: expect.objectContaining({
          legalDeadline: { old: stored.legalDeadline, new: expected },
        }),
        details: { actions: ['deadline.recompute'], calendarYear: 2028 },
      },
      {
        action: 'organisation.calendar_load',
        entity_id: org.organisation.id,
        fields: {
          'calendar.2028': {
            old: { source: 'none', edition: null, sha256: null },
            new: { source: 'loaded', edition: '2027.09.15', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
          },
        },
        details: { year: 2028, recomputedAppeals: 1 },
      },
    ]);
  });

  it('counts every new deadline of the organisation with it', async () => {
    const supervisor = { url: server.url, headers: (await loginAs(server, org.users.supervisor)).headers };
    const [created] = await createAppeals(server.pool, supervisor, [portalAppeal(org)]);
    expect(created.legalDeadline).toBe(
      computeDeadlines(appealDeadlineInput(portalAppeal(org), withCalendar2028)).legalDeadline,
    );
  });

  it('only for that organisation', async () => {
    const other = await seedTestOrg(server.pool);
    const supervisor = { url: server.url, headers: (await loginAs(server, other.users.supervisor)).headers };
    const [created] = await createAppeals(server.pool, supervisor, [portalAppeal(other)]);
    expect(created.legalDeadline).toBe(
      computeDeadlines(appealDeadlineInput(portalAppeal(other), moscow)).legalDeadline,
    );
  });

  it('reaches the desktops in the organisation’s settings, valid against the desktop schema', async () => {
    const operator = { url: server.url, headers: (await loginAs(server, org.users.operator1)).headers };
    const [doc] = await pullAll(operator, 'organisations');
    expect(doc.settings.calendarYears).toEqual([parsed2028.value]);
    const { _deleted, ...document } = doc;
    const validate = new Ajv({ strict: false }).compile(organisationSchema);
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
  });

  it('changes nothing when the same file is loaded again', async () => {
    const before = await snapshot();
    const lines = await run(
      'calendar-load',
      '--org',
      org.organisation.id,
      '--file',
      file('again.xml', calendar2028),
    );
    expect(lines).toEqual([`calendar 2028 of ${org.organisation.name}: this file is already in force`]);
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    [
      'an impossible day',
      calendar2028.replace('01.10', '02.31'),
      /Calendar for 2028: invalid entry for day 02\.31\. Nothing was loaded\./,
    ],
    ['a DTD with entities', `<!DOCTYPE c [<!ENTITY x "x">]>${calendar2028}`, /DTD or entities/],
    ['no <days>', '<calendar year="2028"></calendar>', /does not look like a production calendar/],
    [
      'a year of weekdays off',
      `<calendar year="2028"><days>${Array.from({ length: 12 }, (_, m) =>
        Array.from({ length: 28 }, (_, d) => `<day d="${pad(m + 1)}.${pad(d + 1)}" t="1"/>`).join(''),
      ).join('')}</days></calendar>`,
      /Calendar for 2028: only \d+ working days/,
    ],
  ])('refuses %s with a clear error, and nothing changes', async (_case, xml, message) => {
    const before = await snapshot();
    await expect(
      run('calendar-load', '--org', org.organisation.id, '--file', file('bad.xml', xml)),
    ).rejects.toThrow(message);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a file it cannot read', async () => {
    await expect(
      run('calendar-load', '--org', org.organisation.id, '--file', path.join(dir, 'missing.xml')),
    ).rejects.toThrow(/cannot read/);
  });

  it('lists the calendar of every year: shipped, and loaded', async () => {
    const lines = await run('calendar-list', '--org', org.organisation.name);
    expect(lines.map((line) => line.split('\t').slice(0, 2))).toEqual([
      ['2024', 'shipped edition 2023.09.30'],
      ['2025', 'shipped edition 2024.12.01'],
      ['2026', 'shipped edition 2025.09.30'],
      ['2027', 'shipped edition (undated)'],
      ['2028', expect.stringMatching(/^loaded edition 2027\.09\.15 sha256:/)],
    ]);
  });

  it('as the command the README names: a bad file is an error on stderr with exit code 2', async () => {
    const tsx = createRequire(import.meta.url).resolve('tsx/cli');
    const run = promisify(execFile);
    const failed = await run(
      process.execPath,
      [
        tsx,
        'server/src/cli/admin.ts',
        'calendar-load',
        '--org',
        org.organisation.id,
        '--file',
        file('cli.xml', '<calendar/>'),
      ],
      {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: server.database.url,
          DATA_DIR: dir,
          OKNO_TOKEN_SECRET: 'x'.repeat(32),
          OKNO_PD_KEYS: `k1:${randomBytes(32).toString('base64')}`,
          OKNO_PD_HASH_KEY: randomBytes(32).toString('base64'),
        },
      },
    ).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toMatch(/^error: The calendar does not name a supported year/m);
  }, 60_000);
});

describe('the admin API for calendars', () => {
  const newer2027 = `<calendar year="2027" date="2026.12.01"><days>${[
    '01.01',
    '01.02',
    '01.03',
    '01.04',
    '01.05',
    '01.06',
    '01.07',
    '01.08',
    '01.11',
  ]
    .map((d) => `<day d="${d}" t="1"/>`)
    .join('')}</days></calendar>`;

  async function post(user: TestOrg['users'][keyof TestOrg['users']], body: unknown) {
    const { headers } = await loginAs(server, user);
    const response = await fetch(`${server.url}/api/v1/admin/calendars`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  it('lets an administrator put a newer edition of a shipped year in force', async () => {
    const { status, body } = await post(org.users.admin, { xml: newer2027 });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      year: 2027,
      previous: { source: 'shipped', edition: null, sha256: null },
      current: { source: 'loaded', edition: '2026.12.01' },
      changed: true,
    });
    const { headers } = await loginAs(server, org.users.admin);
    const listed = await (await fetch(`${server.url}/api/v1/admin/calendars`, { headers })).json();
    expect(listed.calendars.find((c: Json) => c.year === 2027)).toMatchObject({
      source: 'loaded',
      edition: '2026.12.01',
      loadedBy: org.users.admin.id,
    });
  });

  it('refuses a bad file with 400 invalid_calendar and the parser’s reason', async () => {
    const before = await snapshot();
    const { status, body } = await post(org.users.admin, {
      xml: '<calendar year="2027"><days><day d="02.30" t="1"/></days></calendar>',
    });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({
      code: 'invalid_calendar',
      details: { code: 'deadlines:errors.calendarDay', params: { year: 2027, day: '02.30' } },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('is for administrators only', async () => {
    for (const user of [org.users.operator1, org.users.head1, org.users.supervisor]) {
      expect((await post(user, { xml: newer2027 })).status).toBe(403);
    }
    const response = await fetch(`${server.url}/api/v1/admin/calendars`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ xml: newer2027 }),
    });
    expect(response.status).toBe(401);
  });

  it('refuses a body without the file as 400', async () => {
    expect((await post(org.users.admin, { file: newer2027 })).status).toBe(400);
  });
});
