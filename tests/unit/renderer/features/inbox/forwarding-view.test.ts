/**
 * «Переадресация: срок 7 дней» (issue 10): the formal appeals whose 7-day forwarding clock runs (59-FZ
 * art. 8 part 3) — registered, not yet taken into work — in the order of that clock's due date.
 */
import { randomToken } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createOknoDatabase, type OknoDatabase } from '../../../../../renderer/db/database';
import { noFilters } from '../../../../../renderer/features/inbox/inbox-query';
import {
  countForwardingOverdue,
  countInbox,
  readInboxWindow,
} from '../../../../../renderer/features/inbox/inbox-source';
import { AppealSearch } from '../../../../../renderer/search/appeal-search';
import { deadlineSettingsOf, defaultOrganisationSettings } from '../../../../../shared/model/organisation';
import { appealFixture } from '../../../shared/model/fixtures';

const now = Date.UTC(2026, 2, 10, 9);
const day = 86_400_000;
const user = { id: 'user-me', departmentIds: ['dept-a'], timeZone: 'Europe/Moscow' };

describe('the forwarding view', () => {
  let db: OknoDatabase;
  let search: AppealSearch;
  beforeAll(async () => {
    db = await createOknoDatabase({
      name: `forwarding${randomToken(8).toLowerCase()}`,
      storage: getRxStorageMemory(),
    });
    const registered = (id: string, registeredDaysAgo: number, dueInDays: number) =>
      appealFixture({
        id,
        status: 'registered',
        assigneeId: '',
        registeredAt: now - registeredDaysAgo * day,
        dueAt: now + dueInDays * day,
      });
    const { error } = await db.appeals.bulkInsert([
      // Extended by 30 days: its answer is due last, but it was registered first — its forwarding is due first.
      registered('registered-9-days-ago-extended', 9, 51),
      registered('registered-2-days-ago', 2, 28),
      registered('registered-5-days-ago', 5, 25),
      appealFixture({ id: 'in-work', status: 'in_progress', registeredAt: now - 3 * day, dueAt: now + day }),
      appealFixture({ id: 'not-registered', status: 'received', registeredAt: null, dueAt: now + 2 * day }),
      appealFixture({ id: 'forwarded', status: 'forwarded', registeredAt: now - 4 * day, dueAt: now }),
    ]);
    expect(error).toEqual([]);
    search = new AppealSearch(db.appeals);
    await search.start();
  });
  afterAll(async () => {
    await db.remove();
  });

  const request = { view: 'forwarding' as const, filters: noFilters, user, now };

  it('lists the registered appeals nobody took into work, the earliest forwarding date first', async () => {
    const window = await readInboxWindow(db, null, { ...request, limit: 50, search: '' });
    expect(window.rows.map((row) => row.id)).toEqual([
      'registered-9-days-ago-extended',
      'registered-5-days-ago',
      'registered-2-days-ago',
    ]);
  });

  it('counts them the same from the database and from the search index', async () => {
    expect(await countInbox(db, null, request)).toBe(3);
    expect(search.progress$.value.ready).toBe(true);
    expect(await countInbox(db, search, request)).toBe(3);
  });

  it('counts the ones whose 7 days have run out, by the production calendar', async () => {
    const org = deadlineSettingsOf(defaultOrganisationSettings);
    // Registered 1 March: due 10 March (8 March a Sunday, 9 March a holiday); 5 March: due 12 March;
    // 8 March: due on or about 15 March. On 10 March none has run out; on 13 March the first two.
    expect(await countForwardingOverdue(db, { filters: noFilters, user, now }, org)).toBe(0);
    const thirteenth = Date.parse('2026-03-13T12:00:00+03:00');
    expect(await countForwardingOverdue(db, { filters: noFilters, user, now: thirteenth }, org)).toBe(2);
  });
});
