/**
 * Outgoing numbers are drawn like registration numbers: per organisation and year, unique,
 * consecutive and without holes, also when letters are issued concurrently or an issue rolls back.
 * The clock is passed in: the year is the organisation's (Europe/Moscow), not UTC's.
 */
import { createOrganisation } from '../../../server/src/accounts/organisations';
import { inTransaction } from '../../../server/src/db/pool';
import { issueLetter } from '../../../server/src/letters/issue';
import { saveLetterhead } from '../../../server/src/letters/letterhead';
import { createTestDatabase, type TestDatabase } from '../setup/db';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const newOrg = async (name: string) =>
  (await createOrganisation(database.pool, { name: `${name} ${Math.random()}`, timeZone: 'Europe/Moscow' }))
    .id;

/** 10:00 Moscow time on a day of `year`. */
const inYear = (year: number) => Date.UTC(year, 5, 15, 7, 0);

const issue = (orgId: string, appealId: string, now: number) =>
  inTransaction(database.pool, (tx) => issueLetter(tx, { orgId, appealId, kind: 'receipt', now }));

it('draws 1…40 for 40 letters issued at once, each number once, none skipped', async () => {
  const orgId = await newOrg('Параллельная');
  const now = inYear(2026);
  const issued = await Promise.all(Array.from({ length: 40 }, (_, i) => issue(orgId, `appeal-${i}`, now)));
  const numbers = issued.map(({ letter }) => letter.outgoingNumber).sort();
  expect(new Set(numbers).size).toBe(40);
  const sequences = (
    await database.pool.query<{ sequence: number }>(
      'SELECT sequence FROM letters WHERE org_id = $1 ORDER BY sequence',
      [orgId],
    )
  ).rows.map((row) => row.sequence);
  expect(sequences).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  expect(numbers).toContain('Исх-40/2026');
});

it('issues one letter, with one number, for the same notice asked for twice at once', async () => {
  const orgId = await newOrg('Дважды');
  const [a, b] = await Promise.all([issue(orgId, 'same', inYear(2026)), issue(orgId, 'same', inYear(2026))]);
  expect(a.letter).toEqual(b.letter);
  expect([a.issued, b.issued].sort()).toEqual([false, true]);
  expect((await issue(orgId, 'next', inYear(2026))).letter.outgoingNumber).toBe('Исх-2/2026');
});

it('gives a rolled-back issue’s number to the next letter', async () => {
  const orgId = await newOrg('Откат');
  await expect(
    inTransaction(database.pool, async (tx) => {
      await issueLetter(tx, { orgId, appealId: 'lost', kind: 'receipt', now: inYear(2026) });
      throw new Error('the push failed after the letter was issued');
    }),
  ).rejects.toThrow('the push failed');
  expect((await issue(orgId, 'kept', inYear(2026))).letter.outgoingNumber).toBe('Исх-1/2026');
});

it('starts again at 1 in a new year of the organisation’s time zone, and per organisation', async () => {
  const orgId = await newOrg('Годы');
  const other = await newOrg('Другая');
  // 31.12.2026 23:30 in Moscow is 20:30 UTC; 01.01.2027 00:30 in Moscow is still 31.12 in UTC.
  const lastEvening = Date.UTC(2026, 11, 31, 20, 30);
  const newYearNight = Date.UTC(2026, 11, 31, 21, 30);
  expect((await issue(orgId, 'a', lastEvening)).letter.outgoingNumber).toBe('Исх-1/2026');
  expect((await issue(orgId, 'b', lastEvening)).letter.outgoingNumber).toBe('Исх-2/2026');
  expect((await issue(orgId, 'c', newYearNight)).letter.outgoingNumber).toBe('Исх-1/2027');
  expect((await issue(other, 'd', newYearNight)).letter.outgoingNumber).toBe('Исх-1/2027');
});

it('numbers by the organisation’s own outgoing pattern', async () => {
  const orgId = await newOrg('Бланк');
  await saveLetterhead(database.pool, orgId, {
    fullName: 'Администрация',
    address: '',
    contacts: '',
    executorPhone: '',
    logo: null,
    signatories: [{ name: 'И. И. Иванов', position: 'Глава' }],
    outgoingPattern: '01-{YY}/{N:4}',
  });
  expect((await issue(orgId, 'a', inYear(2027))).letter.outgoingNumber).toBe('01-27/0001');
});
