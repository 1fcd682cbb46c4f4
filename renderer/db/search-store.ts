/**
 * The saved search index of a local Okno database (renderer/search): rebuilding it means reading and
 * stemming every stored appeal (11 s at 100,000), so the built index is kept here and read back at the
 * next start, then brought up to date with the appeals written since its checkpoint.
 *
 * It holds what the appeals collection holds (subjects, texts, applicants' names — never passports) in
 * the same IndexedDB origin, one database per local Okno database (`okno-search-<name>`), and is removed
 * with it (./wipe.ts, sign-out with wiping). A record belongs to one life of its database: the RxDB
 * storage token (new when the database is created again), the appeals' schema version and the layout
 * of what is indexed are checked before it is used, so a database wiped and filled again, or a newer
 * Okno indexing other fields, never answers from an older index.
 */

/** The place of one saved index: which database's life, which schema of the appeals, what is indexed. */
export interface SearchSnapshotPlace {
  readonly databaseName: string;
  readonly storageToken: string;
  readonly schemaVersion: number;
  /** A fingerprint of what the index takes from an appeal: an index of older code is not read. */
  readonly layout: string;
}

/** The last change the saved index holds: every appeal written at or before `lwt` is in it. */
export interface SearchCheckpoint {
  readonly id: string;
  readonly lwt: number;
}

export interface SearchSnapshotRecord {
  readonly storageToken: string;
  readonly schemaVersion: number;
  readonly layout: string;
  /** The layout of `data` (the search engine's own, see renderer/search/search-engine.ts). */
  readonly format: number;
  readonly checkpoint: SearchCheckpoint;
  readonly data: unknown;
}

const storeName = 'snapshots';
const key = 'appeals';

const searchStoreName = (databaseName: string) => `okno-search-${databaseName}`;

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function openStore(databaseName: string): Promise<IDBDatabase> {
  const request = indexedDB.open(searchStoreName(databaseName), 1);
  request.onupgradeneeded = () => request.result.createObjectStore(storeName);
  return done(request);
}

/** Whether this thread can keep a saved index (IndexedDB; node unit tests without it do not). */
export const canKeepSearchIndex = (): boolean => typeof indexedDB !== 'undefined';

/** The saved index of `place`, or null when there is none for this life and schema of the database. */
export async function readSearchSnapshot(place: SearchSnapshotPlace): Promise<SearchSnapshotRecord | null> {
  const db = await openStore(place.databaseName);
  try {
    const record = (await done(db.transaction(storeName, 'readonly').objectStore(storeName).get(key))) as
      | SearchSnapshotRecord
      | undefined;
    if (!record) return null;
    const same =
      record.storageToken === place.storageToken &&
      record.schemaVersion === place.schemaVersion &&
      record.layout === place.layout;
    return same ? record : null;
  } finally {
    db.close();
  }
}

export async function writeSearchSnapshot(
  place: SearchSnapshotPlace,
  record: Omit<SearchSnapshotRecord, 'storageToken' | 'schemaVersion' | 'layout'>,
): Promise<void> {
  const db = await openStore(place.databaseName);
  try {
    const transaction = db.transaction(storeName, 'readwrite');
    transaction.objectStore(storeName).put(
      {
        ...record,
        storageToken: place.storageToken,
        schemaVersion: place.schemaVersion,
        layout: place.layout,
      },
      key,
    );
    await new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

/** Removes the saved index of a local database (with the database itself). */
export async function removeSearchStore(databaseName: string): Promise<void> {
  if (!canKeepSearchIndex()) return;
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(searchStoreName(databaseName));
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    request.onblocked = () => resolve();
  });
}
