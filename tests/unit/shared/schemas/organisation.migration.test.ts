import {
  migrateOrganisationV0toV1,
  oknoCollections,
  organisationMigrationStrategies,
  organisationSchemaV0,
} from '../../../../shared/schemas';
import { organisationV0Fixture } from '../model/fixtures';
import { openDatabase, uniqueDatabaseName } from './rxdb-harness';

describe('organisations schema v0 → v1 (settings gain the loaded production calendars)', () => {
  it('migrates a stored v0 organisation when the database is reopened with v1', async () => {
    const name = uniqueDatabaseName('orgmigration');
    const v0 = await openDatabase(name);
    await v0.addCollections({ organisations: { schema: organisationSchemaV0 } });
    await v0.organisations!.insert(organisationV0Fixture('org-1'));
    await v0.close();

    const v1 = await openDatabase(name);
    await v1.addCollections({ organisations: oknoCollections.organisations });
    const migrated = await v1.organisations!.findOne('org-1').exec();
    expect(migrated!.toJSON().settings).toEqual({
      ...organisationV0Fixture('org-1').settings,
      calendarYears: [],
    });
    // The migrated document is a valid v1 document: the server's copy with calendars can replace it.
    await migrated!.incrementalPatch({
      settings: {
        ...migrated!.toJSON().settings,
        calendarYears: [
          { year: 2028, dayOffs: ['01-10'], shortened: [], workingWeekends: [], transfers: {} },
        ],
      },
    });
    await v1.remove();
  });

  it('registers the strategy for version 1', () => {
    expect(organisationMigrationStrategies[1]).toBe(migrateOrganisationV0toV1);
  });
});
