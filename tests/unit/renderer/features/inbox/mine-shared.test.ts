/**
 * «Мои» holds what the official works on under a резолюция (issue 11): appeals assigned to them, and
 * those where they are a co-executor or have an open task — each once, by the lanes (before the search
 * index is built) and by the search engine's projections (after), with the same count.
 */
import { randomToken } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createOknoDatabase, type OknoDatabase } from '../../../../../renderer/db/database';
import { inboxSelector, noFilters } from '../../../../../renderer/features/inbox/inbox-query';
import { countInbox, readInboxWindow } from '../../../../../renderer/features/inbox/inbox-source';
import { AppealSearch } from '../../../../../renderer/search/appeal-search';
import type { Appeal, AppealTask } from '../../../../../shared/model/appeal';
import { appealFixture } from '../../../shared/model/fixtures';

const me = 'user-me';
const now = Date.UTC(2026, 2, 10, 9);
const user = { id: me, departmentIds: ['dept-a'] };
const task = (assigneeId: string, doneAt: number | null = null): AppealTask => ({
  id: `t-${assigneeId}-${doneAt ?? 'open'}`,
  setById: 'head-1',
  assigneeId,
  text: 'Выехать на место',
  dueDate: '2026-03-12',
  setAt: now - 3_600_000,
  doneAt,
});

const rows: Partial<Appeal>[] = [
  { id: 'assigned', assigneeId: me },
  { id: 'co-executor', assigneeId: 'other', coExecutorIds: ['someone', me] },
  { id: 'task', assigneeId: 'other', tasks: [task(me)] },
  { id: 'task-done', assigneeId: 'other', tasks: [task(me, now - 1000)] },
  { id: 'both', assigneeId: 'other', coExecutorIds: [me], tasks: [task(me)] },
  { id: 'assigned-and-co', assigneeId: me, coExecutorIds: [me], tasks: [task(me)] },
  { id: 'someone-elses', assigneeId: 'other', coExecutorIds: ['someone'], tasks: [task('someone')] },
  { id: 'co-executor-answered', assigneeId: 'other', coExecutorIds: [me], status: 'answered' },
];
const expected = ['assigned', 'assigned-and-co', 'both', 'co-executor', 'task'];

describe('«Мои»: co-executors and task assignees', () => {
  let db: OknoDatabase;
  beforeAll(async () => {
    db = await createOknoDatabase({
      name: `mine${randomToken(8).toLowerCase()}`,
      storage: getRxStorageMemory(),
    });
    const { error } = await db.appeals.bulkInsert(
      rows.map((row, i) =>
        appealFixture({
          departmentId: 'dept-a',
          status: 'in_progress',
          dueAt: now + (i + 1) * 86_400_000,
          ...row,
        }),
      ),
    );
    expect(error).toEqual([]);
  });
  afterAll(() => db.remove());

  const request = { view: 'mine' as const, filters: noFilters, user, now };

  it('lists each appeal I am assigned to, co-execute or have an open task in, once, by the lanes', async () => {
    const window = await readInboxWindow(db, null, { ...request, limit: 50, search: '' });
    expect(window.rows.map((row) => row.id).sort()).toEqual(expected);
    expect(await countInbox(db, null, request)).toBe(expected.length);
  });

  it('the search index finds and counts the same appeals from the projections it makes', async () => {
    // The app's own indexing (appeal-search.ts's projection), not a projection written here.
    const search = new AppealSearch(db.appeals);
    await search.start();
    const selector = inboxSelector('mine', noFilters, user, now);
    expect((await search.search('', selector, 50)).ids.slice().sort()).toEqual(expected);
    expect(await search.count(selector)).toBe(expected.length);
    expect(await countInbox(db, search, request)).toBe(expected.length);
    search.stop();
  });

  it('issue 15: once the search index is built, «Мои» is read from it, not by walking the status lanes', async () => {
    const search = new AppealSearch(db.appeals);
    await search.start();
    const window = await readInboxWindow(db, search, { ...request, limit: 50, search: '' });
    expect(window.rows.map((row) => row.id)).toEqual([
      'assigned',
      'co-executor',
      'task',
      'both',
      'assigned-and-co',
    ]);
    // Only the search index's answer knows its total at once; the lanes' total is counted afterwards.
    expect(window.total).toBe(expected.length);
    search.stop();
  });
});
