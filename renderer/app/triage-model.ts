/**
 * The triage model on this computer (issue 13), for suggestions offline — a reception entry in a
 * village without a connection. Two answers (server/src/triage/desktop-model.ts), each asked at sign-in
 * and every quarter of an hour with the ETag held (304: nothing to download) and kept in IndexedDB — a
 * store of its own, not replicated, one copy per user:
 * - `GET /api/v1/triage/desktop-model`: the shipped model (~3 MB; changes only with a release);
 * - `GET /api/v1/triage/desktop-learner`: the organisation's department and incident-or-not learners
 *   and category-map edits (small; changes with each person's decision).
 * An answer that does not load is not kept; offline or refused, the copy it has stays in force; with no
 * model there is no suggestion, and the form says so. Like the classifier edition (classifier.ts), but
 * the copy is too big for localStorage. The model itself is loaded and asked in a worker
 * (triage-suggestion.ts); the window measures both as it waits for them (User Timing
 * `okno-triage-model-load`, `okno-triage-suggest`).
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { TokenSource } from '../api/client';
import { type FetchLike, signedInFetch } from '../api/signed-in-fetch';
import {
  inProcessEngine,
  type ReceptionSuggestion,
  type TriageEngine,
  type TriagePart,
  workerEngine,
} from './triage-suggestion';

const databaseName = 'okno-triage-model';
/** 2: the model and the organisation's part kept apart (1 kept one answer of both). */
const databaseVersion = 2;
const storeName = 'copies';
const paths: Record<TriagePart, string> = {
  model: '/api/v1/triage/desktop-model',
  organisation: '/api/v1/triage/desktop-learner',
};
const parts: readonly TriagePart[] = ['model', 'organisation'];
/** How often a signed-in desktop asks again, so a learnt department reaches it without a restart. */
const refreshMs = 15 * 60 * 1000;

/** One answer as it came, with its ETag. */
interface StoredPart {
  readonly etag: string;
  readonly body: string;
}

/** One copy as kept, by user (the organisation's part is theirs). */
interface StoredCopy {
  readonly userId: string;
  /** When the last part in force arrived (epoch ms). */
  readonly receivedAt: number;
  readonly model?: StoredPart;
  readonly organisation?: StoredPart;
}

export type TriageModelState =
  | { readonly status: 'loading' }
  | { readonly status: 'none' }
  /** `receivedAt`: when this computer received the copy in force (epoch ms). */
  | { readonly status: 'ready'; readonly receivedAt: number };

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** The copies kept on this computer, one per user. */
export class TriageModelStore {
  private database: Promise<IDBDatabase> | null = null;

  constructor(private readonly factory: IDBFactory = indexedDB) {}

  private open(): Promise<IDBDatabase> {
    if (!this.database) {
      const request = this.factory.open(databaseName, databaseVersion);
      request.onupgradeneeded = () => {
        // A copy of the one-answer format cannot be read any more: it is dropped, the next sign-in fetches.
        if (request.result.objectStoreNames.contains(storeName)) request.result.deleteObjectStore(storeName);
        request.result.createObjectStore(storeName, { keyPath: 'userId' });
      };
      this.database = done(request);
    }
    return this.database;
  }

  async read(userId: string): Promise<StoredCopy | undefined> {
    const db = await this.open();
    return done(
      db.transaction(storeName).objectStore(storeName).get(userId) as IDBRequest<StoredCopy | undefined>,
    );
  }

  async keep(copy: StoredCopy): Promise<void> {
    const db = await this.open();
    await done(db.transaction(storeName, 'readwrite').objectStore(storeName).put(copy));
  }
}

/** Measures how long the window waited for `work` (User Timing). */
async function measured<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  performance.measure(name, { start, end: performance.now() });
  return result;
}

/**
 * The copy in force for the signed-in user: loaded once from the store into the engine, each part
 * replaced by a newer answer that loads. A window has one user at a time, so the engine holds one model.
 */
export class OfflineTriage {
  private readonly states = new Map<string, TriageModelState>();
  private readonly copies = new Map<string, StoredCopy>();
  private readonly loading = new Map<string, Promise<void>>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: TriageModelStore,
    private readonly engine: TriageEngine,
    private readonly now: () => number = Date.now,
  ) {}

  state(userId: string): TriageModelState {
    return this.states.get(userId) ?? { status: 'loading' };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(userId: string, state: TriageModelState): void {
    this.states.set(userId, state);
    for (const listener of this.listeners) listener();
  }

  private use(part: TriagePart, body: string): Promise<boolean> {
    return part === 'model'
      ? measured('okno-triage-model-load', () => this.engine.load(part, body))
      : this.engine.load(part, body);
  }

  /** Reads the kept copy once; a damaged part counts as none. */
  load(userId: string): Promise<void> {
    let loading = this.loading.get(userId);
    if (!loading) {
      loading = (async () => {
        const stored = await this.store.read(userId).catch(() => undefined);
        if (this.states.get(userId)?.status === 'ready') return;
        let kept: StoredCopy = { userId, receivedAt: stored?.receivedAt ?? 0 };
        for (const part of parts) {
          const held = stored?.[part];
          if (held && (await this.use(part, held.body))) kept = { ...kept, [part]: held };
        }
        if (this.states.get(userId)?.status === 'ready') return;
        this.copies.set(userId, kept);
        this.set(userId, kept.model ? { status: 'ready', receivedAt: kept.receivedAt } : { status: 'none' });
      })();
      this.loading.set(userId, loading);
    }
    return loading;
  }

  /** Asks the server for one part with the ETag held; keeps and uses a new answer that loads. */
  private async refreshPart(
    userId: string,
    part: TriagePart,
    tokens: TokenSource,
    fetchImpl: FetchLike,
  ): Promise<'changed' | 'same' | 'offline'> {
    const etag = this.copies.get(userId)?.[part]?.etag;
    const response = await signedInFetch(fetchImpl, tokens, paths[part], {
      method: 'GET',
      headers: { accept: 'application/json', ...(etag ? { 'if-none-match': etag } : {}) },
    });
    // Offline, refused or unchanged (304): the part on this computer stays in force.
    if (!response) return 'offline';
    if (response.status !== 200) return 'same';
    const body = await response.text().catch(() => null);
    if (!body || !(await this.use(part, body))) return 'same';
    const receivedAt = this.now();
    const copy: StoredCopy = {
      ...(this.copies.get(userId) ?? { userId }),
      receivedAt,
      [part]: { etag: response.headers.get('etag') ?? '', body },
    };
    this.copies.set(userId, copy);
    if (copy.model) this.set(userId, { status: 'ready', receivedAt });
    await this.store.keep(copy).catch(() => {});
    return 'changed';
  }

  /**
   * Asks the server for both parts with the ETags held; answers whether either changed. Offline, the
   * first part's failure ends it (the second would fail the same way).
   */
  async refresh(userId: string, tokens: TokenSource, fetchImpl: FetchLike): Promise<boolean> {
    await this.load(userId);
    let changed = false;
    for (const part of parts) {
      const outcome = await this.refreshPart(userId, part, tokens, fetchImpl);
      if (outcome === 'offline') break;
      if (outcome === 'changed') changed = true;
    }
    return changed;
  }

  /** The suggestion for a text, from the copy in force; null without one. */
  suggest(text: string, departmentIds: readonly string[]): Promise<ReceptionSuggestion | null> {
    return measured('okno-triage-suggest', () => this.engine.suggest(text, departmentIds));
  }
}

let shared: OfflineTriage | null = null;
/** The window's one OfflineTriage: IndexedDB and the worker are opened on first use. */
export function offlineTriage(): OfflineTriage {
  shared ??= new OfflineTriage(
    new TriageModelStore(),
    typeof Worker === 'undefined'
      ? inProcessEngine()
      : workerEngine(new Worker(new URL('./triage-model.worker.ts', import.meta.url), { type: 'module' })),
  );
  return shared;
}

/** Asks the server for the model now and every quarter of an hour while signed in. */
export function useTriageModelRefresh(tokens: TokenSource, userId: string): void {
  useEffect(() => {
    const offline = offlineTriage();
    const refresh = () =>
      void offline.refresh(userId, tokens, (input, init) => fetch(input, init)).catch(() => {});
    refresh();
    const timer = setInterval(refresh, refreshMs);
    return () => clearInterval(timer);
  }, [tokens, userId]);
}

/** The model in force on this computer for the user: loading, none, or a copy. */
export function useTriageModel(userId: string): TriageModelState {
  const offline = offlineTriage();
  useEffect(() => void offline.load(userId), [offline, userId]);
  const snapshot = () => offline.state(userId);
  return useSyncExternalStore(offline.subscribe, snapshot, snapshot);
}
