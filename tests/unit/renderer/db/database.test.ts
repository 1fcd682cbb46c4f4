import { randomToken } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createOknoDatabase, databaseNameFor } from '../../../../renderer/db/database';
import { isValidated } from '../../../../renderer/db/validation';
import { appealFixture } from '../../shared/model/fixtures';

describe('the local database', () => {
  it('opens the eight Okno collections and keeps a written appeal', async () => {
    const db = await createOknoDatabase({
      name: `db${randomToken(8).toLowerCase()}`,
      storage: getRxStorageMemory(),
    });
    try {
      expect(Object.keys(db.collections).sort()).toEqual(
        [
          'answerTemplates',
          'appeals',
          'conversations',
          'departments',
          'messages',
          'organisations',
          'refusedChanges',
          'users',
        ].sort(),
      );
      await db.appeals.insert(appealFixture({ id: 'a-1' }));
      const appeal = await db.appeals.findOne('a-1').exec();
      await appeal?.incrementalPatch({ subject: 'Другая тема' });
      expect((await db.appeals.findOne('a-1').exec())?.subject).toBe('Другая тема');
    } finally {
      await db.remove();
    }
  });

  it('refuses a write that breaks the schema while validation is on (development and tests)', async () => {
    const db = await createOknoDatabase({
      name: `db${randomToken(8).toLowerCase()}`,
      storage: getRxStorageMemory(),
    });
    try {
      await expect(
        db.appeals.insert({ ...appealFixture({ id: 'a-2' }), status: 'lost' as never }),
      ).rejects.toThrow();
    } finally {
      await db.remove();
    }
  });

  it('validates the writes of every collection with a validator compiled in advance', async () => {
    const db = await createOknoDatabase({
      name: `db${randomToken(8).toLowerCase()}`,
      storage: getRxStorageMemory(),
      validate: true,
    });
    try {
      const unvalidated = Object.values(db.collections)
        .filter((collection) => !isValidated(collection.schema.jsonSchema))
        .map((collection) => collection.name);
      expect(unvalidated).toEqual([]);
    } finally {
      await db.remove();
    }
  });

  it('names one database per user, in the characters IndexedDB and RxDB accept', () => {
    expect(databaseNameFor('3F2A-11_x')).toBe('okno-3f2a11x');
  });
});
