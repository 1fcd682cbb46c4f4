/**
 * The desktop's local database: RxDB over IndexedDB (Dexie), the local truth the UI reads and writes
 * (docs/ARCHITECTURE.md, "Sync design"). Replication with the server lives in ../sync/ and only ever sees
 * the collections through this database.
 */
import { addRxPlugin, createRxDatabase, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { type OknoDatabase, oknoCollections } from '../../shared/schemas/collections';
import { replicatedCollectionNames } from '../../shared/sync/contract';
import { RefusalLedger, refusalKeepingConflictHandler } from '../sync/conflicts';

export type {
  OknoCollectionName,
  OknoCollections,
  OknoDatabase,
  OknoDocTypes,
} from '../../shared/schemas/collections';

// Appeals are at schema version 1: opening a database written by v0 migrates it on open.
addRxPlugin(RxDBMigrationSchemaPlugin);

// biome-ignore lint/suspicious/noExplicitAny: RxDB's storage type is generic over internals we never touch
export type AnyRxStorage = RxStorage<any, any>;

export interface CreateOknoDatabaseOptions {
  /** IndexedDB database name; one per signed-in user (see databaseNameFor). */
  readonly name: string;
  /** IndexedDB (Dexie) when absent; node unit tests pass RxDB's memory storage. */
  readonly storage?: AnyRxStorage;
  /**
   * Validate every write against the JSON schemas. On in development and tests (it catches a
   * malformed write at its source), off in production builds where it would cost every bulk pull.
   */
  readonly validate?: boolean;
}

/**
 * Validation without eval (validation.ts), so the strict CSP holds in development too. Production
 * builds do not validate and never load the validators' chunk.
 */
async function validated(storage: AnyRxStorage): Promise<AnyRxStorage> {
  const { wrappedValidatePrecompiledStorage } = await import('./validation');
  return wrappedValidatePrecompiledStorage({ storage });
}

// Read loosely: node test runners type-check this file without Vite's `import.meta.env` types.
const isProductionBuild = (): boolean => (import.meta as { env?: { PROD?: boolean } }).env?.PROD === true;

/** Opens (creating or migrating as needed) the eight Okno collections. Close it with `db.close()`. */
export async function createOknoDatabase(opts: CreateOknoDatabaseOptions): Promise<OknoDatabase> {
  const base = opts.storage ?? getRxStorageDexie();
  const validate = opts.validate ?? !isProductionBuild();
  const storage = validate ? await validated(base) : base;
  const db = await createRxDatabase<OknoDatabase['collections']>({
    name: opts.name,
    storage,
    // One window replicates; other tabs of the web shell would open their own replication anyway.
    multiInstance: false,
    eventReduce: true,
    // A counted inbox view may carry a filter no index covers (category); its count may then scan.
    allowSlowCount: true,
    // React StrictMode and a reload race may open the same name twice: the newer instance wins.
    closeDuplicates: true,
  });
  const ledger = new RefusalLedger();
  ledgers.set(db, ledger);
  const replicated = new Set<string>(replicatedCollectionNames);
  // Every replicated collection keeps what the server refused (renderer/sync/conflicts.ts).
  const creators = Object.fromEntries(
    Object.entries(oknoCollections).map(([name, creator]) => [
      name,
      replicated.has(name)
        ? {
            ...creator,
            conflictHandler: refusalKeepingConflictHandler(
              name,
              creator.schema.primaryKey as string,
              ledger,
              () => (db as OknoDatabase).refusedChanges,
            ),
          }
        : creator,
    ]),
  ) as typeof oknoCollections;
  try {
    await db.addCollections(creators);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db as OknoDatabase;
}

const ledgers = new WeakMap<object, RefusalLedger>();

/** Where the push handlers of `db` record the server's reasons for the conflict handler. */
export function refusalLedgerOf(db: OknoDatabase): RefusalLedger {
  const ledger = ledgers.get(db);
  if (!ledger) throw new Error('not a database opened by createOknoDatabase()');
  return ledger;
}

/**
 * One local database per user and server: signing in as someone else never shows the previous
 * user's appeals, and a user's offline work stays in their own database until it is pushed.
 */
export function databaseNameFor(userId: string): string {
  return `okno-${userId.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
}
