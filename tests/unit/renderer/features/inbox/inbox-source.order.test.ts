/**
 * Defect (found in review of issue 11): the direction button of the deadline order did nothing — the
 * views' RxDB indexes yield the nearest deadline first only, and the list read them even when the
 * official asked for the latest first. The reversed deadline order is the search index's, like every
 * other key, and waits for it with the same notice.
 */
import { randomToken } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createOknoDatabase, type OknoDatabase } from '../../../../../renderer/db/database';
import { noFilters } from '../../../../../renderer/features/inbox/inbox-query';
import { readInboxWindow } from '../../../../../renderer/features/inbox/inbox-source';
import { AppealSearch } from '../../../../../renderer/search/appeal-search';
import { needsSearchIndex } from '../../../../../renderer/search/search-engine';
import { appealFixture } from '../../../shared/model/fixtures';

const now = Date.UTC(2026, 2, 10, 9);
const day = 86_400_000;
const user = { id: 'user-me', departmentIds: ['dept-a'] };

describe('the deadline order reversed', () => {
  let db: OknoDatabase;
  let search: AppealSearch;
  beforeAll(async () => {
    db = await createOknoDatabase({
      name: `order${randomToken(8).toLowerCase()}`,
      storage: getRxStorageMemory(),
    });
    const { error } = await db.appeals.bulkInsert(
      [3, 1, 2].map((days) =>
        appealFixture({
          id: `due-in-${days}`,
          departmentId: 'dept-a',
          assigneeId: 'user-me',
          status: 'in_progress',
          dueAt: now + days * day,
        }),
      ),
    );
    expect(error).toEqual([]);
    search = new AppealSearch(db.appeals);
    await search.start();
    expect(search.progress$.value.ready).toBe(true);
  });
  afterAll(async () => {
    await db.remove();
  });

  const read = (descending: boolean, withSearch: boolean) =>
    readInboxWindow(db, withSearch ? search : null, {
      view: 'mine',
      filters: noFilters,
      user,
      now,
      limit: 50,
      search: '',
      order: { by: 'deadline', descending },
    }).then((window) => window.rows.map((row) => row.id));

  it('defect: the deadline direction button did nothing — the latest deadline comes first when asked', async () => {
    expect(await read(false, true)).toEqual(['due-in-1', 'due-in-2', 'due-in-3']);
    expect(await read(true, true)).toEqual(['due-in-3', 'due-in-2', 'due-in-1']);
  });

  it('needs the search index, as the other keys do; the nearest deadline first does not', () => {
    expect(needsSearchIndex({ by: 'deadline', descending: true })).toBe(true);
    expect(needsSearchIndex({ by: 'deadline', descending: false })).toBe(false);
    expect(needsSearchIndex({ by: 'received', descending: true })).toBe(true);
  });
});
