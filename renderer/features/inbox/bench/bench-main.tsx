/**
 * The inbox benchmark in a real Chromium with real IndexedDB (tests/bench/inbox.bench.ts drives it).
 * `?phase=load`: writes 100,000 appeals the way replication does (bulk writes of pull-sized batches).
 * `?phase=ui`: a cold open of that database to the first painted rows, then view changes, searches
 * and scrolling through the real InboxScreen. Results land on `window.__bench`.
 */
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { OknoBridge } from '../../../../shared/bridge/okno-bridge';
import type { ApiClient, SessionUser } from '../../../api/client';
import { createI18n } from '../../../app/i18n';
import { createNavigationStore, NavigationProvider } from '../../../app/navigation';
import { PaletteProvider } from '../../../app/palette/palette';
import { ServicesProvider } from '../../../app/services';
import { createOknoTheme } from '../../../app/theme';
import { DatabaseProvider } from '../../../db/DatabaseProvider';
import { createOknoDatabase } from '../../../db/database';
import { appealSearchOf } from '../../../search/use-appeal-search';
import { offlineSyncController } from '../../../sync/types';
import { InboxScreen } from '../InboxScreen';
import { inboxViews, noFilters } from '../inbox-query';
import { readInboxWindow } from '../inbox-source';
import { loadFloors, readFloors } from './floor';
import { benchAppeals, benchDepartments, benchUsers } from './generate';
import { benchQueries, searchPhase, searchRounds, whenSaved } from './search-bench';

declare global {
  interface Window {
    __bench?: Record<string, number> | { error: string };
    gc?: () => void;
  }
}

const name = 'okno-bench';
const total = 100_000;
const batch = 500;
const frame = () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));
const painted = async () => {
  await frame();
  return frame();
};
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? 0;
const round = (value: number) => Math.round(value * 10) / 10;

async function loadPhase(): Promise<Record<string, number>> {
  const now = Date.now();
  const db = await createOknoDatabase({ name, validate: false });
  await db.departments.bulkInsert(
    benchDepartments.map((id, i) => ({
      id,
      orgId: 'org-bench',
      name: `Отдел ${i + 1}`,
      code: `О${i}`,
      disabled: false,
      updatedAt: now,
    })),
  );
  await db.users.bulkInsert(
    benchUsers.map((id, i) => ({
      id,
      orgId: 'org-bench',
      displayName: `Сотрудник ${i + 1}`,
      role: 'operator',
      departmentIds: [],
      updatedAt: now,
    })),
  );
  const appeals = benchAppeals(total, now);
  // The floors first (raw IndexedDB, the indexes RxDB just created): a later write pays for the
  // earlier one's background compaction, so Okno is measured second, never helped by the order.
  const floors = await loadFloors(appeals);
  const started = performance.now();
  // The first screen is usable once a read of the default view gives a screen of rows (50).
  let firstRowsUsableSeconds = Number.NaN;
  for (let i = 0; i < appeals.length; i += batch) {
    const result = await db.appeals.bulkInsert(appeals.slice(i, i + batch));
    if (result.error.length > 0) throw new Error(`bulkInsert: ${JSON.stringify(result.error[0])}`);
    if (Number.isNaN(firstRowsUsableSeconds)) {
      const window = await readInboxWindow(db, null, {
        view: 'all',
        filters: noFilters,
        user: { id: 'user-1', departmentIds: [] },
        now: Date.now(),
        limit: 50,
        search: '',
      });
      if (window.rows.length >= 50) firstRowsUsableSeconds = (performance.now() - started) / 1000;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await db.close();
  return {
    initialLoad100kSeconds: round(seconds),
    firstRowsUsableSeconds: Math.round(firstRowsUsableSeconds * 100) / 100,
    initialLoad100kSecondsFloor: round(floors.initialLoad100kSecondsFloor!),
    initialLoadNoIndexSeconds: round(floors.initialLoadNoIndexSeconds!),
  };
}

function waitFor(predicate: () => boolean, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = performance.now() + timeoutMs;
    const check = () => {
      if (predicate()) resolve();
      else if (performance.now() > deadline) reject(new Error('bench: timed out waiting for the inbox'));
      else requestAnimationFrame(check);
    };
    check();
  });
}

const list = () => document.querySelector<HTMLElement>('[data-testid="inbox-list"]');
const reads = () => Number(list()?.dataset.reads ?? 0);
const busy = () => list()?.getAttribute('aria-busy') === 'true';

/** Resolves at the first moment the list's attributes satisfy `predicate` (no frame can miss it). */
function whenList(predicate: () => boolean, timeoutMs = 120_000): Promise<number> {
  return new Promise((resolve, reject) => {
    if (predicate()) {
      resolve(performance.now());
      return;
    }
    const observer = new MutationObserver(() => {
      if (!predicate()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(performance.now());
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error('bench: the inbox did not update'));
    }, timeoutMs);
    observer.observe(list()!, { attributes: true, attributeFilter: ['aria-busy', 'data-reads'] });
  });
}

/**
 * Runs `change` and measures until the list has re-read and painted. With `fromReadStart`, the clock
 * starts when the read starts (after the search box's typing debounce), not at the change.
 */
async function timed(change: () => void, fromReadStart = false): Promise<number> {
  const before = reads();
  const clicked = performance.now();
  // A view read moments ago is shown again without a read (never busy): then the clock starts at its update.
  const started = fromReadStart ? whenList(() => busy() || reads() > before) : Promise.resolve(clicked);
  const done = whenList(() => reads() > before);
  change();
  const start = await started;
  await done;
  return (await painted()) - start;
}

function setSearch(text: string) {
  const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  setter.call(input, text);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function uiPhase(): Promise<Record<string, number>> {
  const root = document.getElementById('root')!;
  const started = performance.now();
  const db = await createOknoDatabase({ name, validate: false });
  const user: SessionUser = {
    id: 'user-1',
    login: 'bench',
    fullName: 'Bench',
    role: 'supervisor',
    departmentIds: [],
  };
  createRoot(root).render(
    <I18nextProvider i18n={createI18n('ru')}>
      {/* No server and no OS bridge on the bench page: the inbox reads only the local database. */}
      <ServicesProvider services={{ storage: localStorage, api: {} as ApiClient, bridge: {} as OknoBridge }}>
        <ThemeProvider theme={createOknoTheme('light')}>
          <CssBaseline />
          <DatabaseProvider database={db} sync={offlineSyncController({ online: true })}>
            <NavigationProvider store={createNavigationStore()}>
              <PaletteProvider appCommands={[]}>
                <InboxScreen user={user} active />
              </PaletteProvider>
            </NavigationProvider>
          </DatabaseProvider>
        </ThemeProvider>
      </ServicesProvider>
    </I18nextProvider>,
  );
  await waitFor(() => document.querySelector('[data-testid="inbox-row"]') !== null);
  const firstInboxRenderMs = (await painted()) - started;
  console.log(`bench: first render ${Math.round(firstInboxRenderMs)} ms`);
  await waitFor(() => !busy());

  // View changes: every saved view, several rounds — first while the search index still builds in
  // the background (the first minute after a start), then in the steady state.
  const viewButtons = () => [...document.querySelectorAll<HTMLElement>('nav .MuiListItemButton-root')];
  const viewRounds = async (rounds: number) => {
    const times: number[] = [];
    for (let roundNo = 0; roundNo < rounds; roundNo++) {
      for (const button of viewButtons()) {
        try {
          times.push(await timed(() => button.click()));
        } catch (error) {
          throw new Error(
            `${String(error)} (view «${button.textContent}», reads ${reads()}, busy ${busy()})`,
          );
        }
      }
    }
    return times;
  };
  const duringIndexing = await viewRounds(2);
  console.log(`bench: view changes while indexing p95 ${round(p95(duringIndexing))} ms`);

  const search = appealSearchOf(db);
  await new Promise<void>((resolve) => {
    // Ready already (an index read back from a kept profile): the subject would call back before `sub` exists.
    if (search.progress$.value.ready) {
      resolve();
      return;
    }
    const sub = search.progress$.subscribe((progress) => {
      if (progress.ready) {
        sub.unsubscribe();
        resolve();
      }
    });
  });
  const indexReadyMs = performance.now() - started;
  console.log('bench: search index ready');
  const filterTimes = await viewRounds(5);
  console.log(`bench: view changes p95 ${round(p95(filterTimes))} ms`);
  const labels = viewButtons().map((button) => button.textContent ?? '');
  const slowest = labels.map((label, i) => ({
    label,
    max: Math.max(...filterTimes.filter((_, n) => n % labels.length === i)),
  }));
  console.log(
    `bench: slowest view change per view ${JSON.stringify(slowest.map((v) => [v.label, round(v.max)]))}`,
  );

  // Searches: typing a query to its rows painted. Clearing the box goes back to the view (a view
  // change, not a search): done between queries, not counted.
  const searchTimes: number[] = [];
  for (let roundNo = 0; roundNo < searchRounds; roundNo++) {
    for (const query of benchQueries) {
      searchTimes.push(await timed(() => setSearch(query), true));
      await timed(() => setSearch(''), true);
    }
  }

  console.log(`bench: search p95 ${round(p95(searchTimes))} ms`);
  // Scrolling: 3 s of continuous scrolling through the "all open" view.
  const scroller = list()!;
  scroller.scrollTop = 0;
  let frames = 0;
  const scrollStart = await frame();
  let last = scrollStart;
  while (last - scrollStart < 3000) {
    scroller.scrollTop += 240;
    last = await frame();
    frames += 1;
  }
  const scrollFps = frames / ((last - scrollStart) / 1000);

  // Phase search starts from the saved index. An index read back unchanged (a kept profile) is never
  // saved again: a minute is twice the save delay of a built one.
  await Promise.race([whenSaved(search), new Promise((resolve) => setTimeout(resolve, 60_000))]);
  window.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 200));
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return {
    firstInboxRenderMs: Math.round(firstInboxRenderMs),
    filterChangeP95Ms: round(p95(filterTimes)),
    filterChangeWhileIndexingP95Ms: round(p95(duringIndexing)),
    searchIndexBuildMs: Math.round(indexReadyMs),
    searchP95Ms: round(p95(searchTimes)),
    scrollFps: round(scrollFps),
    jsHeapMb: Math.round((memory?.usedJSHeapSize ?? 0) / 2 ** 20),
  };
}

/** The read floors in a fresh page: the same first view and views as the ui phase, raw IndexedDB. */
function floorPhase(): Promise<Record<string, number>> {
  return readFloors(
    document.getElementById('root')!,
    'all',
    inboxViews,
    { id: 'user-1', departmentIds: [] },
    5,
  );
}

const phase = new URLSearchParams(location.search).get('phase');
(phase === 'load'
  ? loadPhase()
  : phase === 'floor'
    ? floorPhase()
    : phase === 'search'
      ? searchPhase(name, document.getElementById('root')!)
      : uiPhase()
).then(
  (result) => {
    window.__bench = result;
  },
  (error: unknown) => {
    window.__bench = { error: String(error instanceof Error ? (error.stack ?? error.message) : error) };
  },
);
