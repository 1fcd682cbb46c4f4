/**
 * The search part of the inbox benchmark (issue 15). Phase `search`, in a fresh page after phase `ui`
 * has built and saved the search index of the 100,000 appeals:
 *
 *   searchIndexReadyMs  from the page's start (the database opened cold) to the index ready to answer —
 *                       the saved index read back and the changes since it applied;
 *   searchP95MsFloor    per query of the ui phase, the rows the inbox shows for it (the first 40 hits)
 *                       read raw by id from IndexedDB (one readonly transaction, a `get` per id, no RxDB)
 *                       and painted as plain text: the floor of searchP95Ms (typing to painted rows).
 *   searchEngineP95Ms   the index's own answer (the worker's round trip), for the gap between the two.
 */
import type { Appeal } from '../../../../shared/model/appeal';
import { createOknoDatabase } from '../../../db/database';
import type { AppealSearch } from '../../../search/appeal-search';
import { appealSearchOf } from '../../../search/use-appeal-search';

/** The queries the ui phase types into the search box (searchP95Ms) and this phase reads the floor of. */
export const benchQueries = [
  'дорога',
  'мусор',
  'фонари',
  'горячей воды',
  'Иванов',
  'детский сад',
  'снег',
  'светофор',
  'крыша',
  'собаки',
];
export const searchRounds = 3;
/** The inbox's page (renderer/features/inbox/InboxScreen.tsx reads 40 rows at a time). */
const rowsShown = 40;

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? 0;
const round = (value: number) => Math.round(value * 10) / 10;

const request = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

/** Resolves once the index is ready to answer. */
const whenReady = (search: AppealSearch) =>
  new Promise<void>((resolve) => {
    const sub = search.progress$.subscribe((progress) => {
      if (progress.ready) {
        queueMicrotask(() => sub.unsubscribe());
        resolve();
      }
    });
  });

/** Resolves once the index has been saved (the ui phase waits for it before its page closes). */
export const whenSaved = (search: AppealSearch) =>
  new Promise<void>((resolve) => {
    const sub = search.saved$.subscribe((saves) => {
      if (saves > 0) {
        queueMicrotask(() => sub.unsubscribe());
        resolve();
      }
    });
  });

/** The raw floor database of phase load (floor.ts) where it exists, else RxDB's own appeals store. */
async function rawAppealsDatabase(databaseName: string): Promise<IDBDatabase> {
  const names = (await indexedDB.databases()).map((db) => db.name ?? '');
  const name =
    names.find((n) => n === 'okno-bench-floor') ??
    names.find((n) => n.startsWith(`rxdb-dexie-${databaseName}--`) && n.endsWith('--appeals'));
  if (!name) throw new Error('bench search: no appeals database to read the floor from');
  return request(indexedDB.open(name));
}

function paint(host: HTMLElement, rows: readonly (Appeal | undefined)[]) {
  const list = document.createElement('ol');
  for (const row of rows) {
    if (!row) continue;
    const item = document.createElement('li');
    item.textContent = `${row.subject} — ${row.applicant.name.lastName} — ${new Date(row.dueAt).toISOString()}`;
    list.append(item);
  }
  host.replaceChildren(list);
}

export async function searchPhase(databaseName: string, host: HTMLElement): Promise<Record<string, number>> {
  const started = performance.now();
  const db = await createOknoDatabase({ name: databaseName, validate: false });
  const search = appealSearchOf(db);
  await whenReady(search);
  const searchIndexReadyMs = performance.now() - started;
  console.log(`bench: search index ready after a restart ${Math.round(searchIndexReadyMs)} ms`);

  const raw = await rawAppealsDatabase(databaseName);
  const engineTimes: number[] = [];
  const floorTimes: number[] = [];
  for (let roundNo = 0; roundNo < searchRounds; roundNo++) {
    for (const query of benchQueries) {
      const asked = performance.now();
      const { ids } = await search.search(query, {}, rowsShown);
      engineTimes.push(performance.now() - asked);
      const start = performance.now();
      const store = raw.transaction('docs', 'readonly').objectStore('docs');
      const rows = await Promise.all(
        ids.map((id) => request(store.get(id) as IDBRequest<Appeal | undefined>)),
      );
      paint(host, rows);
      await frame();
      floorTimes.push((await frame()) - start);
    }
  }
  raw.close();
  await db.close();
  console.log(
    `bench: search floor p95 ${round(p95(floorTimes))} ms, engine p95 ${round(p95(engineTimes))} ms`,
  );
  return {
    searchIndexReadyMs: Math.round(searchIndexReadyMs),
    searchP95MsFloor: round(p95(floorTimes)),
    searchEngineP95Ms: round(p95(engineTimes)),
  };
}
