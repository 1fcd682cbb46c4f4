/**
 * Index reads in bulk. RxDB's Dexie storage walks an IndexedDB cursor one document per round trip
 * (about 2–3 ms each on an office PC), so an inbox page of a few hundred appeals took a second. When the
 * query's order is the index's order, the same index range can be read with `getAll(range, count)` in
 * one round trip: same index, same documents, same order. Anything else (memory storage in tests, a
 * sort no index gives) goes through RxDB's own query.
 */
import type { MangoQuery, RxCollection, RxDocumentData } from 'rxdb';
import { getQueryMatcher } from 'rxdb';
import {
  DEXIE_DOCS_TABLE_NAME,
  DEXIE_PIPE_SUBSTITUTE,
  fromDexieToStorage,
  getKeyRangeByQueryPlan,
} from 'rxdb/plugins/storage-dexie';
import { getProperty, setProperty } from 'rxdb/plugins/utils';

interface DexieState {
  readonly dexieDb: { isOpen(): boolean; open(): Promise<unknown>; backendDB(): IDBDatabase };
  readonly booleanIndexes: string[];
}

// biome-ignore lint/suspicious/noExplicitAny: any collection of the Okno database
type AnyCollection = RxCollection<any>;

async function dexieStateOf(collection: AnyCollection): Promise<DexieState | null> {
  const internals = (collection.storageInstance as { internals?: unknown }).internals;
  if (!internals || typeof (internals as Promise<unknown>).then !== 'function') return null;
  const state = (await internals) as Partial<DexieState> | null;
  if (!state?.dexieDb || !state.booleanIndexes) return null;
  if (!state.dexieDb.isOpen()) await state.dexieDb.open();
  return state as DexieState;
}

/** Whether a stored value has a key Dexie's storage renamed (one holding its pipe substitute `__`). */
function hasSubstitutedKey(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasSubstitutedKey);
  for (const key in value) {
    if (key.includes(DEXIE_PIPE_SUBSTITUTE)) return true;
    if (hasSubstitutedKey((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/**
 * A document as RxDB's Dexie storage gives it back (`fromDexieToStorage`), without its deep copy that
 * splits every key of every nested object: `getAll` hands over a fresh copy already, so only the boolean
 * indexes ('0'/'1' in IndexedDB) are turned back. A document with a renamed key takes RxDB's own way.
 * At 100,000 appeals the copy was a third of a view's read (issue 15).
 */
export function fromStored<T>(booleanIndexes: readonly string[], stored: unknown): RxDocumentData<T> {
  if (hasSubstitutedKey(stored)) return fromDexieToStorage<T>([...booleanIndexes], stored);
  const doc = stored as RxDocumentData<T>;
  for (const index of booleanIndexes) setProperty(doc, index, getProperty(doc, index) === '1');
  return doc;
}

function getAll(source: IDBIndex | IDBObjectStore, range: IDBKeyRange, count: number): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const request = source.getAll(range, count);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function docsStore(state: DexieState): IDBObjectStore {
  return state.dexieDb
    .backendDB()
    .transaction(DEXIE_DOCS_TABLE_NAME, 'readonly')
    .objectStore(DEXIE_DOCS_TABLE_NAME);
}

/** The documents of a query with a `limit`, read from its index in bulk where possible. */
export async function queryDocuments<T>(
  collection: RxCollection<T>,
  query: MangoQuery<T>,
): Promise<RxDocumentData<T>[]> {
  const prepared = collection.find(query).getPreparedQuery();
  const plan = prepared.queryPlan;
  const state = await dexieStateOf(collection as AnyCollection);
  const limit = prepared.query.limit ?? Number.POSITIVE_INFINITY;
  if (!state || !plan.sortSatisfiedByIndex || prepared.query.skip || !Number.isFinite(limit)) {
    return (await collection.storageInstance.query(prepared)).documents;
  }
  const matches = plan.selectorSatisfiedByIndex
    ? null
    : getQueryMatcher(collection.schema.jsonSchema, prepared.query);
  const range = getKeyRangeByQueryPlan(state.booleanIndexes, plan, IDBKeyRange) as IDBKeyRange;
  const indexName = `[${plan.index.join('+')}]`;
  const rows: RxDocumentData<T>[] = [];
  let lower: unknown = range.lower;
  let lowerOpen = range.lowerOpen;
  // A condition the index cannot check may match rarely (a co-executor lane of «Мои» walks a whole
  // status range): each further round trip reads twice as many, so a long range takes a few dozen
  // round trips, not hundreds.
  let scanned = 0;
  for (;;) {
    const wanted = limit - rows.length;
    const batch = matches ? Math.min(Math.max(200, wanted * 2, scanned), 5_000) : wanted;
    const index = docsStore(state).index(indexName);
    const raw = await getAll(index, IDBKeyRange.bound(lower, range.upper, lowerOpen, range.upperOpen), batch);
    scanned += raw.length;
    for (const stored of raw) {
      const doc = fromStored<T>(state.booleanIndexes, stored);
      if (!matches || matches(doc)) rows.push(doc);
      if (rows.length >= limit) return rows;
    }
    if (raw.length < batch) return rows;
    const last = raw.at(-1);
    lower = plan.index.map((field) => getProperty(last, field));
    lowerOpen = true;
  }
}

/** Every live document of a collection, in pages, oldest primary key first (building in-memory indexes). */
export async function* scanDocuments<T>(
  collection: RxCollection<T>,
  pageSize: number,
): AsyncGenerator<RxDocumentData<T>[]> {
  const state = await dexieStateOf(collection as AnyCollection);
  const primary = collection.schema.primaryPath as string;
  let after = '';
  for (;;) {
    let page: RxDocumentData<T>[];
    let fetched: number;
    if (state) {
      const range = after === '' ? IDBKeyRange.lowerBound('') : IDBKeyRange.lowerBound(after, true);
      const raw = await getAll(docsStore(state), range, pageSize);
      fetched = raw.length;
      page = raw.map((stored) => fromStored<T>(state.booleanIndexes, stored)).filter((doc) => !doc._deleted);
      if (raw.length > 0) after = String(getProperty(raw.at(-1), primary));
    } else {
      const prepared = collection
        .find({
          selector: { [primary]: { $gt: after } },
          sort: [{ [primary]: 'asc' }],
          limit: pageSize,
        } as MangoQuery<T>)
        .getPreparedQuery();
      page = (await collection.storageInstance.query(prepared)).documents;
      fetched = page.length;
      if (page.length > 0) after = String(getProperty(page.at(-1), primary));
    }
    if (page.length > 0) yield page;
    if (fetched < pageSize) return;
  }
}
