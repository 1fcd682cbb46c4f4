/**
 * The search index's state and queries, wherever they run: in a Web Worker in the window
 * (appeal-search.worker.ts), in-process where there is no Worker (node unit tests). The inverted index
 * (shared/search, Russian stemming — the expensive part) and a small projection of every appeal, so a
 * search's hits are filtered, sorted and counted here, off the window's main thread.
 */
import {
  getQueryMatcher,
  type MangoQuerySelector,
  normalizeMangoQuery,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb';
import type { Appeal } from '../../shared/model/appeal';
import { type IndexSnapshot, InvertedIndex } from '../../shared/search/inverted-index';
import {
  readSearchSnapshot,
  type SearchCheckpoint,
  type SearchSnapshotPlace,
  writeSearchSnapshot,
} from '../db/search-store';

export type AppealProjection = Pick<
  Appeal,
  | 'id'
  | 'dueAt'
  | 'status'
  | 'departmentId'
  | 'assigneeId'
  | 'regime'
  | 'channel'
  | 'category'
  | 'receivedAt'
  | 'registeredAt'
  | 'registrationNumber'
  | 'coExecutorIds'
> & {
  /** The applicant as the list sorts them: surname and names, or the organisation. */
  readonly applicantSortName: string;
  /** Who has which task and whether it is done: «Мои» lists a co-executor's and a task assignee's appeals. */
  readonly tasks: readonly Pick<Appeal['tasks'][number], 'assigneeId' | 'doneAt'>[];
  /** Triage's «incident or not»: non-incidents have their own view (issue 13, features/inbox). */
  readonly triage?: { readonly incident: { readonly value: boolean } } | null;
  /** `''` for an appeal entered by hand: never a non-incident awaiting a person (features/inbox). */
  readonly conversationId?: string;
};

/**
 * The inbox list's orders. Only the deadline order has an index of its own (the lanes'); the others are
 * sorted here. Measured in Chromium 156 (headless, this engine alone, a view of 10,000 appeals): by
 * received or registered 4–12 ms, by number 12–50 ms, by applicant (Russian collation) 58–84 ms per read.
 */
export const listOrders = ['deadline', 'received', 'registered', 'number', 'applicant'] as const;
export interface ListOrder {
  readonly by: (typeof listOrders)[number];
  readonly descending: boolean;
}
export const deadlineOrder: ListOrder = { by: 'deadline', descending: false };
/**
 * Whether an order needs the search index: the views' RxDB indexes yield the nearest deadline first
 * only, so every other key, and the deadline reversed, are sorted by the search engine.
 */
export const needsSearchIndex = (order: ListOrder): boolean => order.by !== 'deadline' || order.descending;

const collator = new Intl.Collator('ru', { numeric: true, sensitivity: 'base' });
const byId = (a: AppealProjection, b: AppealProjection) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The comparator of an order; appeals without the value (no number, not registered) come last either way. */
function comparatorOf(order: ListOrder): (a: AppealProjection, b: AppealProjection) => number {
  const sign = order.descending ? -1 : 1;
  const last =
    <T>(value: (p: AppealProjection) => T | null, compare: (x: T, y: T) => number) =>
    (a: AppealProjection, b: AppealProjection) => {
      const [x, y] = [value(a), value(b)];
      if (x === null || y === null) return x === y ? byId(a, b) : x === null ? 1 : -1;
      return sign * compare(x, y) || byId(a, b);
    };
  switch (order.by) {
    case 'deadline':
      return (a, b) => sign * (a.dueAt - b.dueAt) || byId(a, b);
    case 'received':
      return (a, b) => sign * (a.receivedAt - b.receivedAt) || byId(a, b);
    case 'registered':
      return last(
        (p) => p.registeredAt,
        (x, y) => x - y,
      );
    case 'number':
      return last((p) => p.registrationNumber, collator.compare);
    case 'applicant':
      return last((p) => p.applicantSortName || null, collator.compare);
  }
}

export interface IndexEntry {
  readonly projection: AppealProjection;
  readonly text: string;
}

export interface SearchHits {
  /** The first `limit` matching ids, in deadline order. */
  readonly ids: string[];
  readonly total: number;
}

/** What a saved index restored: the last change it holds, and how many appeals. */
export interface Restored {
  readonly checkpoint: SearchCheckpoint;
  readonly count: number;
}

/** What the window asks of the index; every answer is a promise (a worker answers by message). */
export interface SearchBackend {
  put(entries: readonly IndexEntry[]): void;
  remove(ids: readonly string[]): void;
  /**
   * Replaces the index with the one saved for `place`, if there is one; requests sent after this wait
   * for it. Null: nothing saved (or unreadable) — the index is as it was.
   */
  restore(place: SearchSnapshotPlace): Promise<Restored | null>;
  /** Saves the index as it is after the requests sent before this, holding every change up to `checkpoint`. */
  persist(place: SearchSnapshotPlace, checkpoint: SearchCheckpoint): Promise<boolean>;
  /** Appeals matching every word of `query` (all, when empty) and the view's `selector`, in `order`. */
  search(
    query: string,
    selector: MangoQuerySelector<Appeal>,
    limit: number,
    order?: ListOrder,
  ): Promise<SearchHits>;
  /** Indexed appeals matching `selector` (no I/O). */
  count(selector: MangoQuerySelector<Appeal>): Promise<number>;
  close(): void;
}

/** The layout of a saved engine; a saved index of another layout is not read (it is rebuilt). */
const snapshotFormat = 1;

interface EngineSnapshot {
  readonly index: IndexSnapshot;
  /** The projections as one JSON text: parsed far faster than 100,000 cloned objects. */
  readonly projections: string;
}

export class SearchEngine {
  private readonly projections = new Map<string, AppealProjection>();
  private readonly matchers = new Map<string, (projection: AppealProjection) => boolean>();
  /**
   * The appeals of views counted more than once (the inbox counts its view at every read), kept current
   * through every put and remove: a search in such a view checks a set instead of running RxDB's matcher
   * on each of thousands of hits. A selector naming the time never repeats and is never kept.
   */
  private readonly members = new Map<
    string,
    { readonly matches: (projection: AppealProjection) => boolean; readonly ids: Set<string> }
  >();
  private readonly countedOnce = new Set<string>();

  constructor(
    readonly schema: RxJsonSchema<RxDocumentData<Appeal>>,
    private readonly index = new InvertedIndex(),
  ) {}

  get size(): number {
    return this.projections.size;
  }

  snapshot(): EngineSnapshot {
    return { index: this.index.toSnapshot(), projections: JSON.stringify([...this.projections.values()]) };
  }

  static fromSnapshot(schema: RxJsonSchema<RxDocumentData<Appeal>>, snapshot: EngineSnapshot): SearchEngine {
    const engine = new SearchEngine(schema, InvertedIndex.fromSnapshot(snapshot.index));
    for (const projection of JSON.parse(snapshot.projections) as AppealProjection[]) {
      engine.projections.set(projection.id, projection);
    }
    return engine;
  }

  put(entries: readonly IndexEntry[]): void {
    // A page of the first build or a large pull: counting again is cheaper than following each appeal.
    if (entries.length > 100) this.members.clear();
    for (const { projection, text } of entries) {
      this.projections.set(projection.id, projection);
      this.index.put(projection.id, text);
      for (const { matches, ids } of this.members.values()) {
        if (matches(projection)) ids.add(projection.id);
        else ids.delete(projection.id);
      }
    }
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) {
      this.projections.delete(id);
      this.index.remove(id);
      for (const view of this.members.values()) view.ids.delete(id);
    }
  }

  search(
    query: string,
    selector: MangoQuerySelector<Appeal>,
    limit: number,
    order: ListOrder = deadlineOrder,
  ): SearchHits {
    const view = this.members.get(JSON.stringify(selector));
    const matches = view
      ? (projection: AppealProjection) => view.ids.has(projection.id)
      : this.matcher(selector);
    const hits =
      query.trim() === ''
        ? [...this.projections.values()].filter(matches)
        : this.index.search(query).flatMap((id) => {
            const projection = this.projections.get(id);
            return projection && matches(projection) ? [projection] : [];
          });
    hits.sort(comparatorOf(order));
    return { ids: hits.slice(0, limit).map((hit) => hit.id), total: hits.length };
  }

  count(selector: MangoQuerySelector<Appeal>): number {
    const key = JSON.stringify(selector);
    const known = this.members.get(key);
    if (known) return known.ids.size;
    const matches = this.matcher(selector);
    const keep = this.countedOnce.has(key);
    if (!keep) {
      if (this.countedOnce.size > 200) this.countedOnce.clear();
      this.countedOnce.add(key);
    }
    const ids = new Set<string>();
    let count = 0;
    for (const projection of this.projections.values()) {
      if (!matches(projection)) continue;
      count += 1;
      if (keep) ids.add(projection.id);
    }
    if (keep) {
      const oldest = this.members.keys().next();
      if (this.members.size >= 16 && !oldest.done) this.members.delete(oldest.value);
      this.members.set(key, { matches, ids });
    }
    return count;
  }

  /** RxDB's own matcher, so a view means the same here as in its index queries; a few are reused. */
  private matcher(selector: MangoQuerySelector<Appeal>): (projection: AppealProjection) => boolean {
    const key = JSON.stringify(selector);
    let matcher = this.matchers.get(key);
    if (!matcher) {
      const matches = getQueryMatcher(this.schema, normalizeMangoQuery(this.schema, { selector }));
      matcher = (projection) => matches(projection as unknown as Parameters<typeof matches>[0]);
      if (this.matchers.size > 50) this.matchers.clear();
      this.matchers.set(key, matcher);
    }
    return matcher;
  }
}

export type WorkerRequest =
  | { readonly type: 'init'; readonly schema: RxJsonSchema<RxDocumentData<Appeal>> }
  | { readonly type: 'put'; readonly entries: readonly IndexEntry[] }
  | { readonly type: 'remove'; readonly ids: readonly string[] }
  | {
      readonly type: 'search';
      readonly id: number;
      readonly query: string;
      readonly selector: MangoQuerySelector<Appeal>;
      readonly limit: number;
      readonly order?: ListOrder;
    }
  | { readonly type: 'count'; readonly id: number; readonly selector: MangoQuerySelector<Appeal> };

/** Requests that read or write the saved index (IndexedDB, asynchronous): served by a SearchHost. */
export type SnapshotRequest =
  | { readonly type: 'restore'; readonly id: number; readonly place: SearchSnapshotPlace }
  | {
      readonly type: 'persist';
      readonly id: number;
      readonly place: SearchSnapshotPlace;
      readonly checkpoint: SearchCheckpoint;
    };

export type WorkerAnswer =
  | { readonly id: number; readonly hits: SearchHits }
  | { readonly id: number; readonly count: number }
  | { readonly id: number; readonly restored: Restored | null }
  | { readonly id: number; readonly persisted: boolean }
  | { readonly id: number; readonly error: string };

/** Serves one request in the worker; `init` comes first (messages keep their order). */
export function serve(state: { engine: SearchEngine | null }, request: WorkerRequest): WorkerAnswer | null {
  if (request.type === 'init') {
    state.engine = new SearchEngine(request.schema);
    return null;
  }
  const engine = state.engine;
  if (!engine) return 'id' in request ? { id: request.id, error: 'search engine not initialised' } : null;
  switch (request.type) {
    case 'put':
      engine.put(request.entries);
      return null;
    case 'remove':
      engine.remove(request.ids);
      return null;
    case 'search':
      return {
        id: request.id,
        hits: engine.search(request.query, request.selector, request.limit, request.order),
      };
    case 'count':
      return { id: request.id, count: engine.count(request.selector) };
  }
}

async function restoreEngine(
  state: { engine: SearchEngine | null },
  place: SearchSnapshotPlace,
): Promise<Restored | null> {
  const engine = state.engine;
  if (!engine) return null;
  try {
    const record = await readSearchSnapshot(place);
    if (!record || record.format !== snapshotFormat) return null;
    const restored = SearchEngine.fromSnapshot(engine.schema, record.data as EngineSnapshot);
    state.engine = restored;
    return { checkpoint: record.checkpoint, count: restored.size };
  } catch (error) {
    console.warn('okno: the saved search index was not read; it is built again', error);
    return null;
  }
}

/**
 * Serves every request in the order sent, wherever the engine runs. A restore holds the requests after
 * it until the saved index is read (a put must not land in the index about to be replaced); a persist
 * takes its snapshot in order and writes it while later requests go on.
 */
export class SearchHost {
  readonly state: { engine: SearchEngine | null } = { engine: null };
  private queue: Promise<void> = Promise.resolve();

  handle(request: WorkerRequest | SnapshotRequest): Promise<WorkerAnswer | null> {
    const started = this.queue.then(() => ({ answer: this.serveOne(request) }));
    const answer = started.then((step) => step.answer);
    const noop = () => {};
    this.queue = request.type === 'restore' ? answer.then(noop, noop) : started.then(noop, noop);
    return answer;
  }

  private serveOne(request: WorkerRequest | SnapshotRequest): Promise<WorkerAnswer | null> {
    try {
      if (request.type === 'restore') {
        return restoreEngine(this.state, request.place).then((restored) => ({ id: request.id, restored }));
      }
      if (request.type === 'persist') {
        const engine = this.state.engine;
        if (!engine) return Promise.resolve({ id: request.id, persisted: false });
        const data = engine.snapshot();
        return writeSearchSnapshot(request.place, {
          format: snapshotFormat,
          checkpoint: request.checkpoint,
          data,
        }).then(
          () => ({ id: request.id, persisted: true }),
          (error: unknown) => {
            console.warn('okno: the search index was not saved', error);
            return { id: request.id, persisted: false };
          },
        );
      }
      return Promise.resolve(serve(this.state, request));
    } catch (error) {
      return Promise.resolve('id' in request ? { id: request.id, error: String(error) } : null);
    }
  }
}

/** The engine in this thread, behind the same promise-based interface as the worker. */
export function inProcessBackend(schema: RxJsonSchema<RxDocumentData<Appeal>>): SearchBackend {
  const host = new SearchHost();
  void host.handle({ type: 'init', schema });
  let next = 0;
  const ask = async (request: WorkerRequest | SnapshotRequest) => {
    const answer = await host.handle(request);
    if (answer && 'error' in answer) throw new Error(answer.error);
    return answer;
  };
  return answering(
    (request) => void host.handle(request),
    (request) => ask(request) as Promise<WorkerAnswer>,
    () => ++next,
    () => {},
  );
}

/** The backend over a way to send requests and to ask (answers by id). */
function answering(
  send: (request: WorkerRequest) => void,
  ask: (request: (WorkerRequest | SnapshotRequest) & { id: number }) => Promise<WorkerAnswer>,
  nextId: () => number,
  close: () => void,
): SearchBackend {
  return {
    put: (entries) => send({ type: 'put', entries }),
    remove: (ids) => send({ type: 'remove', ids }),
    restore: async (place) => {
      const answer = await ask({ type: 'restore', id: nextId(), place });
      return 'restored' in answer ? answer.restored : null;
    },
    persist: async (place, checkpoint) => {
      const answer = await ask({ type: 'persist', id: nextId(), place, checkpoint });
      return 'persisted' in answer ? answer.persisted : false;
    },
    search: async (query, selector, limit, order) => {
      const answer = await ask({ type: 'search', id: nextId(), query, selector, limit, order });
      return 'hits' in answer ? answer.hits : { ids: [], total: 0 };
    },
    count: async (selector) => {
      const answer = await ask({ type: 'count', id: nextId(), selector });
      return 'count' in answer ? answer.count : 0;
    },
    close,
  };
}

/** The backend that posts to a worker running appeal-search.worker.ts. */
export function workerBackend(worker: Worker, schema: RxJsonSchema<RxDocumentData<Appeal>>): SearchBackend {
  let next = 0;
  const waiting = new Map<number, { resolve: (answer: WorkerAnswer) => void; reject: (e: Error) => void }>();
  worker.addEventListener('message', (event: MessageEvent<WorkerAnswer>) => {
    const pending = waiting.get(event.data.id);
    if (!pending) return;
    waiting.delete(event.data.id);
    if ('error' in event.data) pending.reject(new Error(event.data.error));
    else pending.resolve(event.data);
  });
  const post = (request: WorkerRequest | SnapshotRequest) => worker.postMessage(request);
  post({ type: 'init', schema });
  return answering(
    post,
    (request) =>
      new Promise<WorkerAnswer>((resolve, reject) => {
        waiting.set(request.id, { resolve, reject });
        post(request);
      }),
    () => ++next,
    () => {
      worker.terminate();
      for (const pending of waiting.values()) pending.reject(new Error('search worker closed'));
      waiting.clear();
    },
  );
}
