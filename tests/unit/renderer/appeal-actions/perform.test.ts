import type { RxDatabase } from 'rxdb';
import { performAction } from '../../../../renderer/appeal-actions/perform';
import type { Actor } from '../../../../shared/domain/status-machine';
import type { Appeal } from '../../../../shared/model/appeal';
import { oknoCollections } from '../../../../shared/schemas/collections';
import { appealFixture } from '../../shared/model/fixtures';
import { openDatabase, uniqueDatabaseName } from '../../shared/schemas/rxdb-harness';

const operator: Actor = { role: 'operator', userId: 'user-op', departmentIds: ['dept-housing'] };
const supervisor: Actor = { role: 'supervisor', userId: 'user-sup', departmentIds: [] };

describe('performing an action on the local database', () => {
  let db: RxDatabase;
  beforeEach(async () => {
    db = await openDatabase(uniqueDatabaseName('appeal'));
    await db.addCollections({ appeals: oknoCollections.appeals });
  });
  afterEach(async () => {
    await db.remove();
  });

  it('writes the reason of an assignment in the same change as the assignment', async () => {
    await db.appeals!.insert(appealFixture());
    const at = Date.UTC(2025, 3, 2);
    const note = { byId: 'user-sup', reason: 'Профильный специалист', at };
    const result = await performAction(
      db.appeals!,
      'appeal-1',
      'assign',
      supervisor,
      { assigneeId: 'user-op' },
      at,
      {
        assignmentNote: note,
      },
    );
    expect(result.ok && result.value).toMatchObject({ assigneeId: 'user-op', assignmentNote: note });
  });

  it('writes the status machine’s patch into the appeal', async () => {
    await db.appeals!.insert(appealFixture());
    const result = await performAction(
      db.appeals!,
      'appeal-1',
      'take',
      operator,
      undefined,
      Date.UTC(2025, 3, 2),
    );
    expect(result.ok).toBe(true);
    const stored = (await db.appeals!.findOne('appeal-1').exec())!.toJSON() as Appeal;
    expect(stored).toMatchObject({
      status: 'in_progress',
      assigneeId: 'user-op',
      updatedAt: Date.UTC(2025, 3, 2),
    });
  });

  it('writes nothing and returns the reason when the machine refuses', async () => {
    await db.appeals!.insert(appealFixture({ assigneeId: 'someone' }));
    const result = await performAction(db.appeals!, 'appeal-1', 'take', operator, undefined);
    expect(result).toEqual({ ok: false, error: { code: 'domain:transition.alreadyAssigned' } });
    expect((await db.appeals!.findOne('appeal-1').exec())!.status).toBe('registered');
  });

  it('marks a duplicate and lists it on the appeal it was merged into', async () => {
    await db.appeals!.bulkInsert([appealFixture(), appealFixture({ id: 'appeal-2' })]);
    const result = await performAction(db.appeals!, 'appeal-2', 'merge_duplicate', supervisor, {
      targetId: 'appeal-1',
    });
    expect(result.ok).toBe(true);
    expect((await db.appeals!.findOne('appeal-2').exec())!.toJSON()).toMatchObject({
      status: 'merged',
      duplicateOf: 'appeal-1',
    });
    expect((await db.appeals!.findOne('appeal-1').exec())!.mergedIds).toEqual(['appeal-2']);
  });

  it('reports a missing appeal (it left the user’s scope)', async () => {
    const result = await performAction(db.appeals!, 'gone', 'take', operator, undefined);
    expect(result).toEqual({ ok: false, error: { code: 'app:actions.errors.appealMissing' } });
  });
});
