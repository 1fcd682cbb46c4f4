import {
  departmentMigrationStrategies,
  departmentSchemaV0,
  migrateDepartmentV0toV1,
  oknoCollections,
} from '../../../../shared/schemas';
import { openDatabase, uniqueDatabaseName } from './rxdb-harness';

describe('departments schema v0 → v1 (a department the administrator disabled)', () => {
  it('migrates a stored v0 department as in use, and takes the server’s disabled copy after', async () => {
    const name = uniqueDatabaseName('deptmigration');
    const v0 = await openDatabase(name);
    await v0.addCollections({ departments: { schema: departmentSchemaV0 } });
    const stored = { id: 'dept-1', orgId: 'org-1', name: 'Отдел благоустройства', code: 'БЛ', updatedAt: 1 };
    await v0.departments!.insert(stored);
    await v0.close();

    const v1 = await openDatabase(name);
    await v1.addCollections({ departments: oknoCollections.departments });
    const migrated = await v1.departments!.findOne('dept-1').exec();
    expect(migrated!.toJSON()).toMatchObject({ ...stored, disabled: false });
    await migrated!.incrementalPatch({ disabled: true, updatedAt: 2 });
    expect((await v1.departments!.findOne('dept-1').exec())!.disabled).toBe(true);
    await v1.remove();
  });

  it('registers the strategy for version 1', () => {
    expect(departmentMigrationStrategies[1]).toBe(migrateDepartmentV0toV1);
  });
});
