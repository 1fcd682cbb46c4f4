import { randomToken } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createOknoDatabase, type OknoDatabase } from '../../../../renderer/db/database';
import { AppealSearch } from '../../../../renderer/search/appeal-search';
import {
  type SearchEngine,
  serve,
  type WorkerAnswer,
  type WorkerRequest,
} from '../../../../renderer/search/search-engine';
import { appealFixture } from '../../shared/model/fixtures';

describe('the appeal search index (worker engine)', () => {
  let db: OknoDatabase;
  beforeEach(async () => {
    db = await createOknoDatabase({
      name: `db${randomToken(8).toLowerCase()}`,
      storage: getRxStorageMemory(),
    });
    await db.appeals.bulkInsert([
      appealFixture({ id: 'a-1', subject: 'Яма на дорогах', dueAt: 3000, departmentId: 'd-1' }),
      appealFixture({ id: 'a-2', subject: 'Ремонт дороги', dueAt: 1000, departmentId: 'd-2' }),
      appealFixture({ id: 'a-3', subject: 'Мусор во дворе', dueAt: 2000, departmentId: 'd-1' }),
    ]);
  });
  afterEach(async () => {
    await db.remove();
  });

  async function built(): Promise<AppealSearch> {
    const search = new AppealSearch(db.appeals);
    await search.start();
    return search;
  }

  it('finds «дорога» in «дорогах» and «дороги», in deadline order, filtered by the view', async () => {
    const search = await built();
    expect(await search.search('дорога', {}, 10)).toEqual({ ids: ['a-2', 'a-1'], total: 2 });
    expect(await search.search('дорога', { departmentId: 'd-1' }, 10)).toEqual({ ids: ['a-1'], total: 1 });
    expect(await search.search('дорога', {}, 1)).toEqual({ ids: ['a-2'], total: 2 });
    search.stop();
  });

  it('keeps the members of a view counted twice current: a search in it follows appeals leaving and entering it', async () => {
    const search = await built();
    const view = { departmentId: 'd-1' };
    expect(await search.count(view)).toBe(2);
    expect(await search.count(view)).toBe(2); // now kept as a set
    expect((await search.search('дорога', view, 10)).ids).toEqual(['a-1']);
    await db.appeals.findOne('a-1').incrementalPatch({ departmentId: 'd-2' });
    await db.appeals.findOne('a-2').incrementalPatch({ departmentId: 'd-1' });
    await db.appeals.findOne('a-3').remove();
    expect((await search.search('дорога', view, 10)).ids).toEqual(['a-2']);
    expect((await search.search('мусор', view, 10)).total).toBe(0);
    expect(await search.count(view)).toBe(1);
    search.stop();
  });

  it('counts a view from the projections and follows changes of the collection', async () => {
    const search = await built();
    expect(await search.count({ departmentId: 'd-1' })).toBe(2);
    await db.appeals.findOne('a-3').remove();
    await db.appeals.insert(appealFixture({ id: 'a-4', subject: 'Дорожный знак', departmentId: 'd-1' }));
    expect(await search.count({ departmentId: 'd-1' })).toBe(2);
    expect((await search.search('мусор', {}, 10)).total).toBe(0);
    search.stop();
  });

  it('answers messages in order, as the worker does: init first, then puts, then queries', () => {
    const state: { engine: SearchEngine | null } = { engine: null };
    const requests: WorkerRequest[] = [
      { type: 'init', schema: db.appeals.schema.jsonSchema },
      {
        type: 'put',
        entries: [
          {
            projection: {
              id: 'x',
              dueAt: 1,
              status: 'new',
              departmentId: '',
              assigneeId: '',
              regime: 'formal',
              channel: 'email',
              category: null,
              receivedAt: 1,
              registeredAt: null,
              registrationNumber: null,
              applicantSortName: '',
              coExecutorIds: [],
              tasks: [],
            },
            text: 'Фонари не горят',
          },
        ],
      },
      { type: 'search', id: 1, query: 'фонарь', selector: {}, limit: 5 },
      { type: 'count', id: 2, selector: { status: 'new' } },
    ];
    const answers = requests.map((request) => serve(state, request)).filter(Boolean) as WorkerAnswer[];
    expect(answers).toEqual([
      { id: 1, hits: { ids: ['x'], total: 1 } },
      { id: 2, count: 1 },
    ]);
    expect(serve({ engine: null }, { type: 'count', id: 3, selector: {} })).toMatchObject({ id: 3 });
  });
});
