/**
 * The floors of the inbox benchmark (issue 15): the same work with nothing of Okno's design in the way,
 * measured in the same run on the same machine. A raw IndexedDB database (no RxDB, no Dexie) holds the
 * SAME documents in the form RxDB's Dexie storage stores them, with the SAME object-store indexes
 * (read back from the database RxDB created, so they cannot drift from the appeals schema).
 *
 *   load floor   100,000 documents put 1,000 per readwrite transaction, with the indexes and without;
 *   read floor   after a cold open, `getAll(range, 50)` on each lane's index range of a view (the ranges
 *                RxDB's own query planner gives the lanes of inbox-query.ts), merged by deadline, and the
 *                50 rows painted as plain text — the first render and every view change.
 */
import {
  fillWithDefaultSettings,
  getQueryPlan,
  type MangoQuery,
  normalizeMangoQuery,
  type RxJsonSchema,
} from 'rxdb';
import { getBooleanIndexes, getKeyRangeByQueryPlan } from 'rxdb/plugins/storage-dexie';
import type { Appeal } from '../../../../shared/model/appeal';
import { appealSchema } from '../../../../shared/schemas/appeals';
import { byDeadline, type InboxUser, type InboxView, inboxLanes, noFilters } from '../inbox-query';

const floorName = 'okno-bench-floor';
const floorNoIndexName = 'okno-bench-floor-noindex';
const perTransaction = 1_000;
const rowsPerLane = 50;

interface IndexSpec {
  readonly name: string;
  readonly keyPath: string | string[];
  readonly unique: boolean;
  readonly multiEntry: boolean;
}

const request = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
const done = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });

function open(name: string, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  const req = indexedDB.open(name, 1);
  if (upgrade) req.onupgradeneeded = () => upgrade(req.result);
  return request(req);
}

/** The object-store indexes of RxDB's appeals store, as RxDB's Dexie storage created them. */
async function appealIndexesOfRxdb(): Promise<{ keyPath: string; indexes: IndexSpec[] }> {
  const names = (await indexedDB.databases()).map((db) => db.name ?? '');
  const name = names.find((n) => n.startsWith('rxdb-dexie-') && n.endsWith('--appeals'));
  if (!name) throw new Error(`bench floor: no RxDB appeals database among ${names.join(', ')}`);
  const db = await request(indexedDB.open(name));
  try {
    const store = db.transaction('docs', 'readonly').objectStore('docs');
    const indexes = [...store.indexNames].map((indexName) => {
      const index = store.index(indexName);
      return { name: indexName, keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
    });
    return { keyPath: store.keyPath as string, indexes };
  } finally {
    db.close();
  }
}

/** An appeal as RxDB's Dexie storage holds it (booleans of indexes as '0'/'1', the RxDB meta fields). */
function stored(appeal: Appeal, lwt: number) {
  return { ...appeal, _deleted: '0', _rev: '1-bench', _meta: { lwt }, _attachments: {} };
}

async function writeRaw(
  name: string,
  keyPath: string,
  indexes: readonly IndexSpec[],
  appeals: readonly Appeal[],
): Promise<number> {
  await request(indexedDB.deleteDatabase(name));
  const started = performance.now();
  const db = await open(name, (upgrading) => {
    const store = upgrading.createObjectStore('docs', { keyPath });
    for (const index of indexes)
      store.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
  });
  const now = Date.now();
  for (let i = 0; i < appeals.length; i += perTransaction) {
    const tx = db.transaction('docs', 'readwrite', { durability: 'default' });
    const store = tx.objectStore('docs');
    const end = Math.min(i + perTransaction, appeals.length);
    for (let j = i; j < end; j++) store.put(stored(appeals[j]!, now + j));
    await done(tx);
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return seconds;
}

/**
 * Writes the floor databases (without indexes, then with RxDB's) and returns their times in seconds.
 * Run after Okno's load: it reads the index definitions from the database RxDB created.
 */
export async function loadFloors(appeals: readonly Appeal[]): Promise<Record<string, number>> {
  const { keyPath, indexes } = await appealIndexesOfRxdb();
  const noIndex = await writeRaw(floorNoIndexName, keyPath, [], appeals);
  console.log(`bench: floor load without indexes ${noIndex.toFixed(1)} s`);
  const indexed = await writeRaw(floorName, keyPath, indexes, appeals);
  console.log(`bench: floor load with ${indexes.length} indexes ${indexed.toFixed(1)} s`);
  await request(indexedDB.deleteDatabase(floorNoIndexName));
  return { initialLoad100kSecondsFloor: indexed, initialLoadNoIndexSeconds: noIndex };
}

interface LaneRange {
  readonly index: string;
  readonly range: IDBKeyRange;
}

const schema = fillWithDefaultSettings(appealSchema as RxJsonSchema<Appeal>);
const booleanIndexes = getBooleanIndexes(schema);

/** The index ranges of a view's lanes, as RxDB's query planner gives them (what Okno reads). */
function viewRanges(view: InboxView, user: InboxUser, now: number): LaneRange[] {
  return inboxLanes(view, noFilters, user, now).map((lane) => {
    const query = normalizeMangoQuery(schema, lane.query) as MangoQuery<Appeal>;
    query.selector = { ...query.selector, _deleted: { $eq: false } } as MangoQuery<Appeal>['selector'];
    if (query.index) query.index = ['_deleted', ...query.index];
    // biome-ignore lint/suspicious/noExplicitAny: the planner's query type is RxDB's filled one
    const plan = getQueryPlan(schema, query as any);
    return {
      index: `[${plan.index.join('+')}]`,
      range: getKeyRangeByQueryPlan(booleanIndexes, plan, IDBKeyRange) as IDBKeyRange,
    };
  });
}

function paint(host: HTMLElement, rows: readonly Appeal[]) {
  const list = document.createElement('ol');
  for (const row of rows) {
    const item = document.createElement('li');
    item.textContent = `${row.subject} — ${row.applicant.name.lastName} — ${new Date(row.dueAt).toISOString()}`;
    list.append(item);
  }
  host.replaceChildren(list);
}

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));

/** Reads the first 50 rows of a view from the floor database and paints them. */
async function readView(db: IDBDatabase, ranges: readonly LaneRange[], host: HTMLElement): Promise<void> {
  const store = db.transaction('docs', 'readonly').objectStore('docs');
  const lanes = await Promise.all(
    ranges.map(({ index, range }) => request(store.index(index).getAll(range, rowsPerLane))),
  );
  const rows = (lanes.flat() as Appeal[]).sort(byDeadline).slice(0, rowsPerLane);
  paint(host, rows);
  await frame();
  await frame();
}

const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? 0;

/**
 * In a fresh page: the cold open and first view's 50 rows painted (firstInboxRenderMsFloor), then
 * every view `rounds` times (filterChangeP95MsFloor).
 */
export async function readFloors(
  host: HTMLElement,
  firstView: InboxView,
  views: readonly InboxView[],
  user: InboxUser,
  rounds: number,
): Promise<Record<string, number>> {
  const now = Date.now();
  const started = performance.now();
  const db = await open(floorName);
  await readView(db, viewRanges(firstView, user, now), host);
  const first = performance.now() - started;
  const ranges = views.map((view) => viewRanges(view, user, now));
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const viewRange of ranges) {
      const start = performance.now();
      await readView(db, viewRange, host);
      times.push(performance.now() - start);
    }
  }
  db.close();
  return {
    firstInboxRenderMsFloor: Math.round(first),
    filterChangeP95MsFloor: Math.round(p95(times) * 10) / 10,
  };
}
