/**
 * The triage model on this computer (issue 13), for suggestions offline — a reception entry in a
 * village without a connection. `GET /api/v1/triage/desktop-model` (server/src/triage/desktop-model.ts)
 * answers the shipped model, the organisation's department learner and its category-map edits; the
 * desktop asks at sign-in and every quarter of an hour with the ETag it holds (304: nothing to download)
 * and keeps the last answer in IndexedDB — a store of its own, not replicated, ~3 MB. An answer that does
 * not load as a model is not kept; offline or refused, the copy it has stays in force; with no copy there
 * is no suggestion, and the form says so. Like the classifier edition (classifier.ts), but the copy is
 * too big for localStorage. The model itself is loaded and asked in a worker (triage-suggestion.ts);
 * the window measures both as it waits for them (User Timing `okno-triage-model-load`, `okno-triage-suggest`).
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { TokenSource } from '../api/client';
import { type FetchLike, signedInFetch } from '../api/signed-in-fetch';
import {
  inProcessEngine,
  type ReceptionSuggestion,
  type TriageEngine,
  workerEngine,
} from './triage-suggestion';

const databaseName = 'okno-triage-model';
const storeName = 'copies';
const desktopModelPath = '/api/v1/triage/desktop-model';
/** How often a signed-in desktop asks again, so a learnt department reaches it without a restart. */
const refreshMs = 15 * 60 * 1000;

/** One copy as kept: the server's answer as it came, by user (a learner is its organisation's). */
interface StoredCopy {
  readonly userId: string;
  readonly etag: string;
  readonly receivedAt: number;
  readonly body: string;
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
      const request = this.factory.open(databaseName, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(storeName, { keyPath: 'userId' });
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
 * The copy in force for the signed-in user: loaded once from the store into the engine, replaced by a
 * newer answer that loads. A window has one user at a time, so the engine holds one model.
 */
export class OfflineTriage {
  private readonly states = new Map<string, TriageModelState>();
  private readonly etags = new Map<string, string>();
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

  private use(body: string): Promise<boolean> {
    return measured('okno-triage-model-load', () => this.engine.load(body));
  }

  /** Reads the kept copy once; a damaged one counts as none. */
  load(userId: string): Promise<void> {
    let loading = this.loading.get(userId);
    if (!loading) {
      loading = (async () => {
        const stored = await this.store.read(userId).catch(() => undefined);
        if (this.states.get(userId)?.status === 'ready') return;
        const usable = stored ? await this.use(stored.body) : false;
        if (this.states.get(userId)?.status === 'ready') return;
        if (stored && usable) this.etags.set(userId, stored.etag);
        this.set(
          userId,
          stored && usable ? { status: 'ready', receivedAt: stored.receivedAt } : { status: 'none' },
        );
      })();
      this.loading.set(userId, loading);
    }
    return loading;
  }

  /** Asks the server with the ETag held; keeps and uses a new answer that loads. Answers whether it changed. */
  async refresh(userId: string, tokens: TokenSource, fetchImpl: FetchLike): Promise<boolean> {
    await this.load(userId);
    const etag = this.etags.get(userId);
    const response = await signedInFetch(fetchImpl, tokens, desktopModelPath, {
      method: 'GET',
      headers: { accept: 'application/json', ...(etag ? { 'if-none-match': etag } : {}) },
    });
    // Offline, refused or unchanged (304): the copy on this computer stays in force.
    if (response?.status !== 200) return false;
    const body = await response.text().catch(() => null);
    if (!body || !(await this.use(body))) return false;
    const receivedAt = this.now();
    const next = response.headers.get('etag') ?? '';
    this.etags.set(userId, next);
    this.set(userId, { status: 'ready', receivedAt });
    await this.store.keep({ userId, etag: next, receivedAt, body }).catch(() => {});
    return true;
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
