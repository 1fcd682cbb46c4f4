import { randomToken } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createOknoDatabase, type OknoDatabase, refusalLedgerOf } from '../../../../renderer/db/database';
import { inferRefusal } from '../../../../renderer/sync/conflicts';
import { appealFixture } from '../../shared/model/fixtures';

const asRow = <T extends object>(doc: T) => ({ ...doc, _deleted: false });

describe('the conflict handler keeps what the server refused', () => {
  let db: OknoDatabase;
  beforeEach(async () => {
    db = await createOknoDatabase({
      name: `conf${randomToken(8).toLowerCase()}`,
      storage: getRxStorageMemory(),
    });
  });
  afterEach(() => db.remove());

  it('saves the refused content with the server’s reason, once however often resolve runs, and takes the server state', async () => {
    const assumed = asRow(appealFixture({ id: 'a-1', assigneeId: '' }));
    const mine = { ...assumed, assigneeId: 'me', updatedAt: assumed.updatedAt + 1 };
    const master = { ...assumed, assigneeId: 'someone-else', updatedAt: assumed.updatedAt + 2 };
    refusalLedgerOf(db).record('appeals', 'a-1', {
      code: 'sync:refusal.concurrentEdit',
      fields: ['assigneeId'],
    });
    const input = { newDocumentState: mine, assumedMasterState: assumed, realMasterState: master };

    const handler = db.appeals.conflictHandler;
    expect(await handler.resolve(input, 'test')).toEqual(master);
    await handler.resolve(input, 'test');

    const saved = await db.refusedChanges.find().exec();
    expect(saved).toHaveLength(1);
    expect(saved[0]!.toJSON()).toMatchObject({
      collectionName: 'appeals',
      documentId: 'a-1',
      reason: { code: 'sync:refusal.concurrentEdit', params: { fields: 'assigneeId' } },
      content: expect.objectContaining({ assigneeId: 'me' }),
    });
  });

  it('regression (CI saw «Не принято: 2» for one lost field): keeps one notice per document and reason when its queued writes are refused one after another, with every field lost', async () => {
    const assumed = asRow(appealFixture({ id: 'a-3', assigneeId: '' }));
    const taken = { ...assumed, assigneeId: 'me', updatedAt: assumed.updatedAt + 1 };
    const extended = { ...taken, subject: 'Моя тема', updatedAt: assumed.updatedAt + 3 };
    const master = {
      ...assumed,
      assigneeId: 'someone-else',
      subject: 'Их тема',
      updatedAt: assumed.updatedAt + 2,
    };
    const handler = db.appeals.conflictHandler;
    const ledger = refusalLedgerOf(db);
    ledger.record('appeals', 'a-3', { code: 'sync:refusal.concurrentEdit', fields: ['assigneeId'] });
    await handler.resolve(
      { newDocumentState: taken, assumedMasterState: assumed, realMasterState: master },
      't',
    );
    ledger.record('appeals', 'a-3', {
      code: 'sync:refusal.concurrentEdit',
      fields: ['subject', 'assigneeId'],
    });
    await handler.resolve(
      { newDocumentState: extended, assumedMasterState: assumed, realMasterState: master },
      't',
    );

    const saved = await db.refusedChanges.find().exec();
    expect(saved).toHaveLength(1);
    expect(saved[0]!.toJSON()).toMatchObject({
      reason: { code: 'sync:refusal.concurrentEdit', params: { fields: 'assigneeId, subject' } },
      content: expect.objectContaining({ assigneeId: 'me', subject: 'Моя тема' }),
    });
  });

  it('records nothing for a clean merge the server reports without a refusal', async () => {
    const assumed = asRow(appealFixture({ id: 'a-2' }));
    const mine = { ...assumed, subject: 'Новая тема' };
    const master = { ...mine, category: 'roads' };
    refusalLedgerOf(db).record('appeals', 'a-2', null);
    await db.appeals.conflictHandler.resolve(
      { newDocumentState: mine, assumedMasterState: assumed, realMasterState: master },
      'test',
    );
    expect(await db.refusedChanges.count().exec()).toBe(0);
  });

  it('without the server’s reason, infers what was lost (a scope exit, or fields the master does not carry)', () => {
    const assumed = asRow(appealFixture({ id: 'a-3' }));
    const mine = { ...assumed, subject: 'Моя тема', status: 'in_progress' as const };
    expect(
      inferRefusal({
        newDocumentState: mine,
        assumedMasterState: assumed,
        realMasterState: { ...assumed, _deleted: true },
      }),
    ).toEqual({
      code: 'sync:refusal.outOfScope',
    });
    expect(
      inferRefusal({
        newDocumentState: mine,
        assumedMasterState: assumed,
        realMasterState: { ...mine, status: 'registered' },
      }),
    ).toEqual({
      code: 'sync:refusal.concurrentEdit',
      fields: ['status'],
    });
    expect(
      inferRefusal({
        newDocumentState: mine,
        assumedMasterState: assumed,
        realMasterState: { ...mine, category: 'x' },
      }),
    ).toBeNull();
  });
});
