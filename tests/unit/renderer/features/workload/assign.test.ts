import type { RxCollection } from 'rxdb';
import { assignMany, PendingMove } from '../../../../../renderer/features/workload/assign';
import type { Appeal } from '../../../../../shared/model/appeal';
import { oknoCollections } from '../../../../../shared/schemas';
import { appealFixture } from '../../../shared/model/fixtures';
import { openDatabase, uniqueDatabaseName } from '../../../shared/schemas/rxdb-harness';

const head = { role: 'head' as const, userId: 'user-head', departmentIds: ['dept-housing'] };
const now = Date.UTC(2025, 3, 10, 12, 0);

describe('assigning several appeals to a person with a reason', () => {
  it('assigns each by the status machine, records the reason with it, and reports the refused ones', async () => {
    const db = await openDatabase(uniqueDatabaseName('workload'));
    await db.addCollections({ appeals: oknoCollections.appeals });
    const appeals = db.appeals as RxCollection<Appeal>;
    await appeals.bulkInsert([
      appealFixture({ id: 'a-1' }),
      appealFixture({ id: 'a-2' }),
      appealFixture({ id: 'a-closed', status: 'closed', closedAt: now - 1 }),
    ]);
    const outcome = await assignMany(
      appeals,
      { appealIds: ['a-1', 'a-2', 'a-closed'], assigneeId: 'user-op', reason: ' Отпуск Петрова ' },
      head,
      now,
    );
    expect(outcome.assigned).toEqual(['a-1', 'a-2']);
    expect(outcome.refused).toEqual([
      { id: 'a-closed', error: expect.objectContaining({ code: expect.any(String) }) },
    ]);
    const stored = (await appeals.findOne('a-2').exec())!.toJSON();
    expect(stored).toMatchObject({
      assigneeId: 'user-op',
      status: 'in_progress',
      assignmentNote: { byId: 'user-head', reason: 'Отпуск Петрова', at: now },
    });
    await db.remove();
  });
});

describe('the undo window of a bulk move', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes nothing before the window ends, and nothing at all when undone', async () => {
    const apply = vi.fn(async () => {});
    const undone = new PendingMove(apply, 10_000);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(apply).not.toHaveBeenCalled();
    undone.undo();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(apply).not.toHaveBeenCalled();

    const kept = new PendingMove(apply, 10_000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(apply).toHaveBeenCalledTimes(1);
    kept.undo();
    await kept.commit();
    expect(apply).toHaveBeenCalledTimes(1);
  });

  it('is made at once when the screen closes before the window ends', async () => {
    const apply = vi.fn(async () => {});
    const move = new PendingMove(apply, 10_000);
    await move.commit();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(apply).toHaveBeenCalledTimes(1);
  });
});
