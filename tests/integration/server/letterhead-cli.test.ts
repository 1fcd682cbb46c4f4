/**
 * `npm run server:admin -- letterhead-set / letterhead-show`: the letterhead and signatories an
 * organisation's letters carry, validated like «Бланк и подписи» in the app, and audited old → new.
 * The demo organisation is seeded with one.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createOrganisation } from '../../../server/src/accounts/organisations';
import { demoOrganisationName, seedDemo } from '../../../server/src/accounts/seed-demo';
import { entityHistory } from '../../../server/src/audit/audit';
import { CliUsageError } from '../../../server/src/cli/commands';
import { runLetterheadCommand } from '../../../server/src/cli/letterhead';
import { repoRoot } from '../../../server/src/config';
import { loadLetterhead } from '../../../server/src/letters/letterhead';
import { createTestDatabase, type TestDatabase } from '../setup/db';

let db: TestDatabase;
let orgId: string;
const orgName = 'Администрация г. Бланкова';
const run = (...argv: string[]) => runLetterheadCommand(db.pool, argv);
const logo = path.join(repoRoot, 'resources', 'icons', 'okno.png');

beforeAll(async () => {
  db = await createTestDatabase();
  orgId = (await createOrganisation(db.pool, { name: orgName, timeZone: 'Europe/Moscow' })).id;
});
afterAll(async () => {
  await db.drop();
});

it('letters of an organisation without a letterhead carry its name and the default outgoing pattern', async () => {
  expect(await loadLetterhead(db.pool, orgId)).toMatchObject({
    fullName: orgName,
    signatories: [],
    outgoingPattern: 'Исх-{N}/{YYYY}',
  });
});

it('sets the letterhead, signatories, logo and pattern, and audits old → new', async () => {
  const lines = await run(
    'letterhead-set',
    '--org',
    orgName,
    '--full-name',
    'Администрация города Бланкова',
    '--address',
    'пл. Советская, д. 1, г. Бланков, 150000',
    '--contacts',
    'тел. (4852) 40-40-40',
    '--executor-phone',
    '(4852) 40-40-41',
    '--logo',
    logo,
    '--signatory',
    'Глава города|И. И. Петров',
    '--signatory',
    'Заместитель главы|А. А. Сидорова',
    '--outgoing-pattern',
    '01-{N:5}/{YY}',
  );
  expect(lines[0]).toBe(`letterhead of ${orgName} saved`);
  const stored = await loadLetterhead(db.pool, orgId);
  expect(stored).toMatchObject({
    fullName: 'Администрация города Бланкова',
    executorPhone: '(4852) 40-40-41',
    signatories: [
      { position: 'Глава города', name: 'И. И. Петров' },
      { position: 'Заместитель главы', name: 'А. А. Сидорова' },
    ],
    outgoingPattern: '01-{N:5}/{YY}',
  });
  expect(stored.logo?.equals(readFileSync(logo))).toBe(true);
  const history = await entityHistory(db.pool, orgId, 'organisation', orgId);
  expect(history.at(-1)).toMatchObject({
    action: 'organisation.letterhead_set',
    fields: {
      fullName: { old: orgName, new: 'Администрация города Бланкова' },
      logo: {
        old: null,
        new: { bytes: readFileSync(logo).length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      },
      signatories: { old: [], new: ['Глава города — И. И. Петров', 'Заместитель главы — А. А. Сидорова'] },
    },
    details: { source: 'cli' },
  });
});

it('keeps what is not given and shows the stored letterhead', async () => {
  await run('letterhead-set', '--org', orgName, '--executor-phone', '(4852) 40-40-42');
  const shown = await run('letterhead-show', '--org', orgName);
  expect(shown).toContain('executor phone:   (4852) 40-40-42');
  expect(shown).toContain('signatory 1:      Глава города — И. И. Петров');
  expect(shown).toContain('outgoing pattern: 01-{N:5}/{YY}');
});

it.each([
  [['--outgoing-pattern', 'Исх-{N}'], /outgoing number pattern/],
  [['--outgoing-pattern', 'Исх-{DEPT}-{N}/{YYYY}'], /\{DEPT\} is not available/],
  [['--signatory', 'Глава города'], /--signatory must be '<position>\|<name>'/],
  [['--full-name', '  '], /full name is required/],
  [['--logo', path.join(repoRoot, 'README.md')], /PNG or JPEG/],
  [['--logo', '/nonexistent/logo.png'], /cannot read/],
  [['--colour', 'red'], /Unknown option/],
])('refuses %j with a clear message and changes nothing', async (argv, message) => {
  const before = await loadLetterhead(db.pool, orgId);
  await expect(run('letterhead-set', '--org', orgName, ...argv)).rejects.toThrow(CliUsageError);
  await expect(run('letterhead-set', '--org', orgName, ...argv)).rejects.toThrow(message);
  expect(await loadLetterhead(db.pool, orgId)).toEqual(before);
});

it('seeds the demo organisation with its letterhead, logo and signatories', async () => {
  await seedDemo(db.pool, { appeals: false });
  const demo = await db.pool.query<{ id: string }>('SELECT id FROM organisations WHERE name = $1', [
    demoOrganisationName,
  ]);
  expect(await loadLetterhead(db.pool, demo.rows[0]!.id)).toMatchObject({
    fullName: 'Администрация города Демо Демской области',
    logo: expect.any(Buffer),
    signatories: [
      expect.objectContaining({ position: 'Заместитель главы администрации города' }),
      expect.anything(),
    ],
  });
});
