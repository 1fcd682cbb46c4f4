import {
  appealMigrationStrategies,
  appealSchemaV0,
  migrateAppealV0toV1,
  oknoCollections,
} from '../../../../shared/schemas';
import { appealV0Fixture } from '../model/fixtures';
import { openDatabase, uniqueDatabaseName } from './rxdb-harness';

describe('appeals schema v0 → v1 (one deadline becomes legal deadline + control date)', () => {
  it('migrates documents stored by v0 when the database is reopened with v1', async () => {
    const name = uniqueDatabaseName('migration');
    const v0 = await openDatabase(name);
    await v0.addCollections({ appeals: { schema: appealSchemaV0 } });
    await v0.appeals!.bulkInsert([
      appealV0Fixture('with-deadline', '2025-05-12'),
      appealV0Fixture('without', null),
    ]);
    await v0.close();

    const v1 = await openDatabase(name);
    await v1.addCollections({ appeals: oknoCollections.appeals });
    const migrated = await v1.appeals!.find({ sort: [{ id: 'asc' }] }).exec();
    expect(migrated.map((doc) => doc.toJSON())).toEqual([
      expect.objectContaining({
        id: 'with-deadline',
        legalDeadline: '2025-05-12',
        controlDate: '2025-05-12',
      }),
      expect.objectContaining({ id: 'without', legalDeadline: null, controlDate: null }),
    ]);
    expect(migrated[0]!.toJSON()).not.toHaveProperty('deadline');
    // The migrated documents are valid v1 documents: they can be written again.
    await migrated[0]!.incrementalPatch({ subject: 'Исправленная тема' });
    await v1.remove();
  });

  it('keeps every other field as it was', () => {
    const old = appealV0Fixture('same', '2025-05-12');
    const { deadline: _deadline, ...untouched } = old;
    expect(migrateAppealV0toV1(old)).toEqual({
      ...untouched,
      legalDeadline: '2025-05-12',
      controlDate: '2025-05-12',
    });
  });

  it('registers the strategy for version 1', () => {
    expect(appealMigrationStrategies[1]).toBe(migrateAppealV0toV1);
  });
});
