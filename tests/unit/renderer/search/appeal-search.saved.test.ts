import 'fake-indexeddb/auto';
import { randomToken } from 'rxdb';
import { firstValueFrom } from 'rxjs';
import { filter } from 'rxjs/operators';
import { createOknoDatabase, type OknoDatabase } from '../../../../renderer/db/database';
import { readSearchSnapshot, removeSearchStore } from '../../../../renderer/db/search-store';
import { removeEveryLocalDatabase } from '../../../../renderer/db/wipe';
import { AppealSearch, searchIndexLayout } from '../../../../renderer/search/appeal-search';
import { type IndexEntry, inProcessBackend, SearchHost } from '../../../../renderer/search/search-engine';
import { appealFixture } from '../../shared/model/fixtures';

// RxDB's IndexedDB (Dexie) storage on fake-indexeddb, as in the app: the saved index lives next to it.
const open = (name: string) => createOknoDatabase({ name, validate: false });

/** A search over the in-thread engine that counts the appeals handed to it (a rebuild hands all of them). */
function countingSearch(db: OknoDatabase) {
  const backend = inProcessBackend(db.appeals.schema.jsonSchema);
  const handed: string[] = [];
  const search = new AppealSearch(
    db.appeals,
    {
      ...backend,
      put: (entries: readonly IndexEntry[]) => {
        handed.push(...entries.map((entry) => entry.projection.id));
        backend.put(entries);
      },
    },
    true,
  );
  return { search, handed };
}

const placeOf = async (db: OknoDatabase) => ({
  databaseName: db.name,
  storageToken: await db.storageToken,
  schemaVersion: db.appeals.schema.version,
  layout: searchIndexLayout,
});
const ready = (search: AppealSearch) => firstValueFrom(search.progress$.pipe(filter((p) => p.ready)));
const saved = (search: AppealSearch) => firstValueFrom(search.saved$.pipe(filter((n) => n > 0)));

describe('the saved search index', () => {
  let name: string;
  beforeEach(() => {
    name = `okno-${randomToken(10).toLowerCase()}`;
  });
  afterEach(async () => {
    await removeSearchStore(name);
  });

  async function savedIndexOf(db: OknoDatabase): Promise<void> {
    const { search } = countingSearch(db);
    await search.start();
    await saved(search);
    search.stop();
  }

  it('is read back at the next start, with the appeals changed, deleted and gone out of scope while closed', async () => {
    let db = await open(name);
    await db.appeals.bulkInsert([
      appealFixture({ id: 'a-1', subject: 'Яма на дороге', text: 'Яма' }),
      appealFixture({ id: 'a-2', subject: 'Не вывезен мусор', text: 'Мусор' }),
      appealFixture({ id: 'a-3', subject: 'Не горят фонари', text: 'Фонари' }),
      appealFixture({ id: 'a-4', subject: 'Холодные батареи', text: 'Батареи' }),
    ]);
    await savedIndexOf(db);
    await db.close();

    // While the index is not running: an edit, a deletion, an appeal leaving the official's scope (the
    // replication writes it as a deletion, as the server's pull sends it) and a new appeal.
    db = await open(name);
    await db.appeals.findOne('a-1').incrementalPatch({ subject: 'Не работает светофор', text: 'Светофор' });
    await db.appeals.findOne('a-2').remove();
    await db.appeals.bulkUpsert([{ ...appealFixture({ id: 'a-3' }), _deleted: true } as never]);
    await db.appeals.insert(appealFixture({ id: 'a-5', subject: 'Упало дерево', text: 'Дерево' }));

    const { search, handed } = countingSearch(db);
    await search.start();
    await ready(search);
    expect(handed.sort()).toEqual(['a-1', 'a-5']);
    expect((await search.search('светофор', {}, 10)).ids).toEqual(['a-1']);
    expect((await search.search('дорога', {}, 10)).total).toBe(0);
    expect((await search.search('мусор', {}, 10)).total).toBe(0);
    expect((await search.search('фонари', {}, 10)).total).toBe(0);
    expect((await search.search('батареи', {}, 10)).ids).toEqual(['a-4']);
    expect((await search.search('дерево', {}, 10)).ids).toEqual(['a-5']);
    expect(await search.count({})).toBe(3);

    // And what it saves now is the up-to-date index: a third start hands it nothing.
    await saved(search);
    search.stop();
    await db.close();
    db = await open(name);
    const third = countingSearch(db);
    await third.search.start();
    expect(third.handed).toEqual([]);
    expect((await third.search.search('светофор', {}, 10)).ids).toEqual(['a-1']);
    expect(await third.search.count({})).toBe(3);
    third.search.stop();
    await db.remove();
  });

  it('is not used by a database created again under the same name', async () => {
    let db = await open(name);
    await db.appeals.insert(appealFixture({ id: 'a-1', subject: 'Яма на дороге' }));
    await savedIndexOf(db);
    await db.remove(); // the saved index is left behind on purpose: only the storage token tells
    db = await open(name);
    await db.appeals.insert(appealFixture({ id: 'b-1', subject: 'Не вывезен мусор' }));
    const { search, handed } = countingSearch(db);
    await search.start();
    expect(handed).toEqual(['b-1']);
    expect((await search.search('дорога', {}, 10)).total).toBe(0);
    expect(await search.count({})).toBe(1);
    search.stop();
    await db.remove();
  });

  it('is removed with every local database when the computer is wiped', async () => {
    const db = await open(name);
    await db.appeals.insert(appealFixture({ id: 'a-1', subject: 'Иванов просит убрать снег' }));
    await savedIndexOf(db);
    const place = await placeOf(db);
    // Saved by other code (another projection or searchable fields): not read back.
    expect(await readSearchSnapshot({ ...place, layout: `${place.layout}-older` })).toBeNull();
    expect(await readSearchSnapshot(place)).not.toBeNull();
    await db.close();
    await removeEveryLocalDatabase();
    const names = (await indexedDB.databases()).map((database) => database.name);
    expect(names).not.toContain(`okno-search-${name}`);
    expect(await readSearchSnapshot(place)).toBeNull();
  });

  it('holds the changes sent while it is being read back: a put after a restore lands in the restored index', async () => {
    const db = await open(name);
    await db.appeals.insert(appealFixture({ id: 'a-1', subject: 'Яма на дороге' }));
    await savedIndexOf(db);
    const place = await placeOf(db);
    const host = new SearchHost();
    void host.handle({ type: 'init', schema: db.appeals.schema.jsonSchema });
    const restoring = host.handle({ type: 'restore', id: 1, place });
    const fixture = appealFixture({ id: 'a-2', subject: 'Мусор' });
    void host.handle({
      type: 'put',
      entries: [{ projection: { ...fixture, applicantSortName: '', tasks: [] }, text: 'Не вывезен мусор' }],
    });
    expect(await restoring).toMatchObject({ id: 1, restored: { count: 1 } });
    expect(await host.handle({ type: 'search', id: 2, query: 'мусор', selector: {}, limit: 10 })).toEqual({
      id: 2,
      hits: { ids: ['a-2'], total: 1 },
    });
    expect(await host.handle({ type: 'search', id: 4, query: 'дорога', selector: {}, limit: 10 })).toEqual({
      id: 4,
      hits: { ids: ['a-1'], total: 1 },
    });
    expect(await host.handle({ type: 'count', id: 3, selector: {} })).toEqual({ id: 3, count: 2 });
    await db.remove();
  });
});
