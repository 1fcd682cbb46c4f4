/**
 * Replication of the local database with the server (docs/ARCHITECTURE.md, "Sync design"): one RxDB
 * replication per server collection, over the HTTP endpoints of server/src/sync
 * (pull by checkpoint, push in batches with the server's reasons, live SSE stream), retried with
 * back-off, and one SyncController for the UI.
 */

import { type RxReplicationState, replicateRxCollection } from 'rxdb/plugins/replication';
import { BehaviorSubject, filter, type Subscription } from 'rxjs';
import type { RefusedChange } from '../../shared/model/refused-change';
import type { PullAnswer, PushAnswer } from '../../shared/sync/contract';
import { type OknoDatabase, refusalLedgerOf } from '../db/database';
import { type AuthSession, NetworkError, UnauthorizedError } from './auth-session';
import { Backoff } from './backoff';
import { PendingChanges } from './pending';
import { type EventSourceFactory, LiveStream } from './stream';
import { initialSyncStatus, type SyncController, type SyncStatus } from './types';

/**
 * The collections the server replicates, in first-sync order: the organisation first (its settings
 * — time zone, working hours, shift rule — drive every deadline badge).
 */
export const syncedCollections = [
  'organisations',
  'departments',
  'users',
  'answerTemplates',
  'conversations',
  'appeals',
  'messages',
] as const;
type SyncedCollection = (typeof syncedCollections)[number];

/** Collections a desktop writes; the others are read-only for clients (the server refuses pushes). */
const pushedCollections = new Set<SyncedCollection>(['appeals', 'messages', 'answerTemplates']);

/**
 * Live over SSE. A browser keeps at most six HTTP/1.1 connections per server, so only the busy
 * collections hold a stream; the quiet ones are pulled on every RESYNC of the appeals stream and
 * every `pollMs`.
 */
const streamedCollections = new Set<SyncedCollection>(['appeals', 'messages', 'conversations']);

const pullBatch: Record<SyncedCollection, number> = {
  organisations: 10,
  departments: 1000,
  users: 1000,
  answerTemplates: 500,
  conversations: 500,
  appeals: 500,
  messages: 500,
};
const pushBatch = 100;

export interface StartSyncOptions {
  readonly db: OknoDatabase;
  readonly auth: AuthSession;
  /** Keeps the unsynced-changes record across reloads (localStorage); null in tests. */
  readonly storage: Storage | null;
  readonly eventSource?: EventSourceFactory;
  /** Online/offline events; null outside a window. */
  readonly window?: Window | null;
  readonly pollMs?: number;
  readonly now?: () => number;
  /** A pull or push that has not answered in this long is given up and retried (default 60 s). */
  readonly requestTimeoutMs?: number;
}

class ServerError extends Error {
  constructor(readonly status: number) {
    super(`server answered ${status}`);
  }
}

function errorKey(error: unknown): string {
  if (error instanceof NetworkError) return 'sync.errors.offline';
  if (error instanceof UnauthorizedError) return 'sync.errors.signInAgain';
  if (error instanceof ServerError) return 'sync.errors.server';
  return 'sync.errors.unexpected';
}

export function startSync(options: StartSyncOptions): SyncController {
  const { db, auth } = options;
  const now = options.now ?? Date.now;
  const requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
  const win = options.window ?? null;
  const ledger = refusalLedgerOf(db);
  const pending = new PendingChanges(options.storage, `okno.pending.${db.name}`);
  const backoff = new Backoff();
  const subscriptions: Subscription[] = [];
  const states = new Map<SyncedCollection, RxReplicationState<unknown, unknown>>();
  const streams = new Map<SyncedCollection, LiveStream>();
  let stopped = false;

  const status$ = new BehaviorSubject<SyncStatus>({
    ...initialSyncStatus,
    online: win?.navigator.onLine ?? true,
    unsyncedChanges: pending.count,
  });
  const update = (patch: Partial<SyncStatus>) => {
    const next = { ...status$.value, ...patch };
    const same = (Object.keys(patch) as (keyof SyncStatus)[]).every(
      (key) => status$.value[key] === next[key],
    );
    if (!same) status$.next(next);
  };
  const succeeded = () => {
    backoff.succeeded();
    update({ online: true, error: null, lastSyncAt: now() });
  };
  const failed = (error: unknown) => {
    update({
      online: !(error instanceof NetworkError),
      error: errorKey(error),
    });
  };

  /** Requests in flight: a retry aborts them (a link that hangs never answers), as does their timeout. */
  const inFlight = new Set<AbortController>();
  const retryReason = 'okno-retry';

  /**
   * Runs one request until it succeeds; RxDB never sees the failures (we report and back off). An
   * attempt that hangs is aborted after `requestTimeoutMs`, or at once by `retry()`, which then
   * starts over without waiting.
   */
  async function persistently<T>(request: (signal: AbortSignal) => Promise<T>): Promise<T> {
    for (;;) {
      if (stopped) throw new Error('sync stopped');
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), requestTimeoutMs);
      inFlight.add(controller);
      try {
        const value = await request(controller.signal);
        succeeded();
        return value;
      } catch (error) {
        if (stopped) throw error;
        if (controller.signal.reason === retryReason) continue;
        failed(controller.signal.aborted ? new NetworkError('request timed out') : error);
        backoff.failed();
        await backoff.wait();
      } finally {
        clearTimeout(timer);
        inFlight.delete(controller);
      }
    }
  }

  async function json(response: Response): Promise<unknown> {
    if (!response.ok) throw new ServerError(response.status);
    return response.json();
  }

  const openEventSource: EventSourceFactory =
    options.eventSource ?? ((url) => new EventSource(url) as unknown as ReturnType<EventSourceFactory>);

  for (const name of syncedCollections) {
    const collection = db[name];
    const stream = streamedCollections.has(name)
      ? new LiveStream(name, auth, new Backoff(), openEventSource, {
          online: () => update({ online: true }),
          offline: failed,
        })
      : null;
    if (stream) streams.set(name, stream);
    const pushes = pushedCollections.has(name);

    const state = replicateRxCollection<unknown, unknown>({
      // biome-ignore lint/suspicious/noExplicitAny: each collection replicates its own document type
      collection: collection as any,
      replicationIdentifier: `okno-sync-${name}`,
      live: true,
      retryTime: 1000,
      waitForLeadership: false,
      autoStart: true,
      pull: {
        batchSize: pullBatch[name],
        handler: (checkpoint, batchSize) =>
          persistently(async (signal) => {
            const query = `checkpoint=${encodeURIComponent(JSON.stringify(checkpoint ?? null))}&limit=${batchSize}`;
            const body = (await json(
              await auth.fetch(`/api/v1/sync/${name}/pull?${query}`, { signal }),
            )) as PullAnswer<never>;
            return { documents: body.documents, checkpoint: body.checkpoint };
          }),
        ...(stream ? { stream$: stream.events.asObservable() } : {}),
      },
      ...(pushes
        ? {
            push: {
              batchSize: pushBatch,
              handler: async (rows) => {
                const ids = rows.map((row) => String((row.newDocumentState as unknown as { id: string }).id));
                pending.discovered(name, ids);
                const mark = pending.mark();
                const answer = await persistently(async (signal) => {
                  const response = await auth.fetch(`/api/v1/sync/${name}/push?refusals=1`, {
                    signal,
                    method: 'POST',
                    headers: { 'content-type': 'application/json' },
                    body: JSON.stringify(rows),
                  });
                  return (await json(response)) as PushAnswer<{ id: string }>;
                });
                const reasons = new Map((answer.refusals ?? []).map((refusal) => [refusal.id, refusal]));
                for (const conflict of answer.conflicts) {
                  const reason = reasons.get(conflict.id);
                  ledger.record(
                    name,
                    conflict.id,
                    reason ? { code: reason.code, params: reason.params, fields: reason.fields } : null,
                  );
                }
                pending.acknowledged(name, ids, mark);
                return answer.conflicts as never[];
              },
            },
          }
        : {}),
    });
    states.set(name, state);
    subscriptions.push(state.error$.subscribe((error) => failed(error)));

    if (pushes) {
      // Local writes (not the replication's own) are pending until a push acknowledges them.
      subscriptions.push(
        collection.eventBulks$
          .pipe(filter((bulk) => !bulk.context.startsWith('replication-')))
          .subscribe((bulk) => {
            for (const event of bulk.events) pending.written(name, event.documentId);
          }),
      );
    }
    stream?.open();
  }

  // The quiet collections follow the appeals stream's RESYNCs and a slow poll.
  const resyncQuiet = () => {
    for (const [name, state] of states) if (!streamedCollections.has(name)) state.reSync();
  };
  const appealsStream = streams.get('appeals');
  if (appealsStream) {
    subscriptions.push(appealsStream.events.pipe(filter((item) => item === 'RESYNC')).subscribe(resyncQuiet));
  }
  const poll = setInterval(resyncQuiet, options.pollMs ?? 60_000);

  subscriptions.push(pending.changes$.subscribe((count) => update({ unsyncedChanges: count })));
  subscriptions.push(
    db.refusedChanges.find({ sort: [{ at: 'desc' }] }).$.subscribe((docs) => {
      update({ refused: docs.map((doc) => doc.toMutableJSON() as RefusedChange) });
    }),
  );
  const unsubscribeEnded = auth.onEnded(() => update({ error: 'sync.errors.signInAgain' }));

  const retry = () => {
    for (const controller of inFlight) controller.abort(retryReason);
    backoff.interrupt();
    for (const stream of streams.values()) stream.reopen();
    for (const state of states.values()) state.reSync();
  };
  const onOnline = () => retry();
  const onOffline = () => update({ online: false, error: 'sync.errors.offline' });
  const onPageHide = () => pending.flush();
  win?.addEventListener('online', onOnline);
  win?.addEventListener('offline', onOffline);
  win?.addEventListener('pagehide', onPageHide);

  return {
    status$: status$.asObservable(),
    get status() {
      return status$.value;
    },
    retry,
    async awaitInSync(timeoutMs = 30_000) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('sync: not in sync in time')), timeoutMs);
      });
      try {
        await Promise.race([Promise.all([...states.values()].map((state) => state.awaitInSync())), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async dismissRefused(id) {
      await db.refusedChanges.findOne(id).remove();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(poll);
      unsubscribeEnded();
      win?.removeEventListener('online', onOnline);
      win?.removeEventListener('offline', onOffline);
      win?.removeEventListener('pagehide', onPageHide);
      pending.flush();
      for (const stream of streams.values()) stream.close();
      for (const controller of inFlight) controller.abort();
      backoff.interrupt();
      for (const subscription of subscriptions) subscription.unsubscribe();
      await Promise.all([...states.values()].map((state) => state.cancel()));
    },
  };
}

/** Forgets the unsynced-changes record of a database that is being removed. */
export function forgetPendingChanges(storage: Storage, databaseName: string): void {
  storage.removeItem(`okno.pending.${databaseName}`);
}
