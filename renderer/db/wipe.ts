/**
 * Wiping every local Okno database on this computer («Сменить сервер»): one database per official who
 * signed in here (databaseNameFor), each of them filled from the server being left. The signed-in
 * official's database is removed by its own session first; this removes the others' too, so nothing of
 * the old server — appeals, passports revealed, unsent work — stays behind for the new one.
 */
import { removeRxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { removeScanStore } from './scan-queue';
import { removeSearchStore } from './search-store';

/** RxDB's Dexie storage keeps one IndexedDB database per collection: `rxdb-dexie-<database>--<v>--<collection>`. */
const dexieName = /^rxdb-dexie-(okno-[a-z0-9]+)--/;

/** Removes every Okno database found in this browser profile; returns their names. */
export async function removeEveryLocalDatabase(): Promise<string[]> {
  const names = new Set<string>();
  for (const database of await indexedDB.databases()) {
    const match = dexieName.exec(database.name ?? '');
    if (match?.[1]) names.add(match[1]);
  }
  const storage = getRxStorageDexie();
  for (const name of names) {
    await removeRxDatabase(name, storage, false);
    await removeScanStore(name);
    await removeSearchStore(name);
  }
  return [...names];
}
