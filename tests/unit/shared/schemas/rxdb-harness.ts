import { addRxPlugin, createRxDatabase, type RxDatabase, randomToken } from 'rxdb';
import { disableWarnings, RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';

disableWarnings();
addRxPlugin(RxDBDevModePlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

/** Memory storage behind the ajv validator, with dev-mode's schema checks: the strictest RxDB setup. */
export const validatedMemoryStorage = () => wrappedValidateAjvStorage({ storage: getRxStorageMemory() });

export const uniqueDatabaseName = (prefix: string) => `${prefix}${randomToken(8).toLowerCase()}`;

export function openDatabase(name: string): Promise<RxDatabase> {
  return createRxDatabase({
    name,
    storage: validatedMemoryStorage(),
    multiInstance: false,
    ignoreDuplicate: true,
  });
}
