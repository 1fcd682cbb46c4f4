import { randomToken } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { dueSoonMs } from '../../../../../renderer/app/time-left';
import { createOknoDatabase, type OknoDatabase } from '../../../../../renderer/db/database';
import { departmentLoad, unassignedQueue } from '../../../../../renderer/features/supervisor/load';
import type { Appeal } from '../../../../../shared/model/appeal';
import { noDueAt } from '../../../../../shared/model/primitives';
import { appealFixture } from '../../../shared/model/fixtures';

const now = Date.UTC(2025, 5, 1, 9);
const day = 86_400_000;
type Row = Pick<Appeal, 'departmentId' | 'status' | 'dueAt' | 'assigneeId' | 'receivedAt'>;
const appeal = (departmentId: string, status: Appeal['status'], dueAt: number, assigneeId = ''): Row => ({
  departmentId,
  status,
  dueAt,
  assigneeId,
  receivedAt: 0,
});

const departments = [
  { id: 'd-roads', name: 'Дороги и транспорт' },
  { id: 'd-housing', name: 'ЖКХ' },
  { id: 'd-social', name: 'Социальная защита' },
];

const appeals = [
  appeal('d-roads', 'in_progress', now - 1),
  appeal('d-roads', 'registered', now + day),
  appeal('d-roads', 'in_progress', now + dueSoonMs + 1),
  appeal('d-roads', 'closed', now - day),
  appeal('d-housing', 'documents_requested', now + 2 * day),
  appeal('d-housing', 'merged', now),
  appeal('', 'new', noDueAt),
  appeal('d-roads', 'answered', now - day),
  appeal('d-social', 'answered', now + day),
];

describe('supervisor counts', () => {
  let db: OknoDatabase;
  beforeEach(async () => {
    db = await createOknoDatabase({
      name: `db${randomToken(8).toLowerCase()}`,
      storage: getRxStorageMemory(),
    });
    const { error } = await db.appeals.bulkInsert(
      appeals.map((row, i) =>
        appealFixture({
          ...row,
          id: `a-${i}`,
          closedAt: ['closed', 'merged'].includes(row.status) ? now : null,
        }),
      ),
    );
    expect(error).toEqual([]);
  });
  afterEach(async () => {
    await db.remove();
  });

  it('counts open, overdue and due-soon appeals per department by index, closed ones not at all', async () => {
    expect(await departmentLoad(db.appeals, departments, now)).toEqual([
      {
        departmentId: 'd-roads',
        name: 'Дороги и транспорт',
        open: 3,
        overdue: 1,
        dueSoon: 1,
        awaitingClosure: 1,
      },
      { departmentId: 'd-housing', name: 'ЖКХ', open: 1, overdue: 0, dueSoon: 1, awaitingClosure: 0 },
      {
        departmentId: 'd-social',
        name: 'Социальная защита',
        open: 0,
        overdue: 0,
        dueSoon: 0,
        awaitingClosure: 1,
      },
      { departmentId: '', name: null, open: 1, overdue: 0, dueSoon: 0, awaitingClosure: 0 },
    ]);
  });

  it('defect 7: an answered appeal waits for closure — counted apart, never open work nor overdue', async () => {
    const load = await departmentLoad(db.appeals, departments, now);
    const roads = load.find((row) => row.departmentId === 'd-roads');
    // The answered one (due yesterday) is neither among the 3 open nor the 1 overdue.
    expect(roads).toMatchObject({ open: 3, overdue: 1, awaitingClosure: 1 });
    const social = load.find((row) => row.departmentId === 'd-social');
    expect(social).toMatchObject({ open: 0, dueSoon: 0, awaitingClosure: 1 });
  });

  it('never reads the appeals themselves: every count is a query the index serves', async () => {
    const spy = vi.spyOn(db.appeals, 'find');
    const counted: unknown[] = [];
    const countOnly = {
      count: (query: Parameters<typeof db.appeals.count>[0]) => {
        counted.push(query);
        const rx = db.appeals.count(query);
        // RxDB refuses a count its index cannot serve unless asked to scan (allowSlowCount is off).
        expect(rx.getPreparedQuery().queryPlan.selectorSatisfiedByIndex).toBe(true);
        return rx;
      },
    };
    await departmentLoad(countOnly as typeof db.appeals, departments, now);
    expect(spy).not.toHaveBeenCalled();
    expect(counted.length).toBeGreaterThan(0);
  });

  it('leaves out the unrouted row when every open appeal has a department', async () => {
    await db.appeals.findOne('a-6').remove();
    const rows = await departmentLoad(db.appeals, departments, now);
    expect(rows.map((row) => row.departmentId)).toEqual(['d-roads', 'd-housing', 'd-social']);
  });
});

describe('reassignment lists', () => {
  it('queues open appeals without an assignee, most urgent first', () => {
    const queue = unassignedQueue([...appeals, appeal('d-social', 'in_progress', now, 'user-1')]);
    expect(queue.map((a) => [a.departmentId, a.dueAt])).toEqual([
      ['d-roads', now - 1],
      ['d-roads', now + day],
      ['d-housing', now + 2 * day],
      ['d-roads', now + dueSoonMs + 1],
      ['', noDueAt],
    ]);
  });

  it('lists a department’s open appeals whoever works on them', () => {
    const list = unassignedQueue([appeal('d-social', 'in_progress', now, 'user-1')], true);
    expect(list).toHaveLength(1);
  });
});
