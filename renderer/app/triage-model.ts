/**
 * The triage model on this computer (issue 13), for suggestions offline — a reception entry in a
 * village without a connection. `GET /api/v1/triage/desktop-model` (server/src/triage/desktop-model.ts)
 * answers the shipped model, the organisation's department learner and its category-map edits; the
 * desktop asks at sign-in and every quarter of an hour with the ETag it holds (304: nothing to download)
 * and keeps the last answer in IndexedDB — a store of its own, not replicated, ~3 MB. An answer that does
 * not load as a model is not kept; offline or refused, the copy it has stays in force; with no copy there
 * is no suggestion, and the form says so. Like the classifier edition (classifier.ts), but the copy is
 * too big for localStorage. Load and suggestion times are User Timing measures
 * (`okno-triage-model-load`, `okno-triage-suggest`).
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { DepartmentLearnerState } from '../../shared/triage/department-learner';
import { loadTriageModel, type TriageModel } from '../../shared/triage/model';
import type { CategoryMap } from '../../shared/triage/working-category';
import type { TokenSource } from '../api/client';
import { type FetchLike, signedInFetch } from '../api/signed-in-fetch';

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

export interface TriageModelCopy {
  readonly model: TriageModel;
  /** The organisation's department learner; none before its first decision. */
  readonly learner: DepartmentLearnerState | undefined;
  readonly categoryMap: CategoryMap;
  /** When this computer received it (epoch ms). */
  readonly receivedAt: number;
}

export type TriageModelState =
  | { readonly status: 'loading' }
  | { readonly status: 'none' }
  | { readonly status: 'ready'; readonly copy: TriageModelCopy };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The server's answer as a usable copy, or null when it is not one (never kept, never used). */
export function readTriageModel(body: string, receivedAt: number): TriageModelCopy | null {
  const started = performance.now();
  try {
    const parsed: unknown = JSON.parse(body);
    if (!isRecord(parsed) || parsed.format !== 'okno-desktop-triage/1') return null;
    const learner = isRecord(parsed.learner)
      ? (parsed.learner as unknown as DepartmentLearnerState)
      : undefined;
    const categoryMap = isRecord(parsed.categoryMap) ? (parsed.categoryMap as CategoryMap) : {};
    const copy = { model: loadTriageModel(parsed.model), learner, categoryMap, receivedAt };
    performance.measure('okno-triage-model-load', { start: started, end: performance.now() });
    return copy;
  } catch {
    return null;
  }
}

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

/** The copy in force for each user, loaded once from the store and replaced by newer answers. */
export class OfflineTriage {
  private readonly states = new Map<string, TriageModelState>();
  private readonly etags = new Map<string, string>();
  private readonly loading = new Map<string, Promise<void>>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: TriageModelStore,
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

  /** Reads the kept copy once; a damaged one counts as none. */
  load(userId: string): Promise<void> {
    let loading = this.loading.get(userId);
    if (!loading) {
      loading = this.store
        .read(userId)
        .catch(() => undefined)
        .then((stored) => {
          if (this.states.get(userId)?.status === 'ready') return;
          const copy = stored ? readTriageModel(stored.body, stored.receivedAt) : null;
          if (stored && copy) this.etags.set(userId, stored.etag);
          this.set(userId, copy ? { status: 'ready', copy } : { status: 'none' });
        });
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
    const receivedAt = this.now();
    const copy = body === null ? null : readTriageModel(body, receivedAt);
    if (!body || !copy) return false;
    const next = response.headers.get('etag') ?? '';
    this.etags.set(userId, next);
    this.set(userId, { status: 'ready', copy });
    await this.store.keep({ userId, etag: next, receivedAt, body }).catch(() => {});
    return true;
  }
}

let shared: OfflineTriage | null = null;
/** The window's one OfflineTriage (IndexedDB is opened on first use). */
function offlineTriage(): OfflineTriage {
  shared ??= new OfflineTriage(new TriageModelStore());
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
