import { BehaviorSubject, type Observable } from 'rxjs';
import type { RefusedChange } from '../../shared/model/refused-change';

export type { RefusedChange };

/** What the sync status area shows; one value for the whole database. */
export interface SyncStatus {
  /** The server answered the last request (false while unreachable or before the first answer). */
  readonly online: boolean;
  /** Local writes not yet acknowledged by the server (they survive reloads and are pushed later). */
  readonly unsyncedChanges: number;
  /** When every collection last finished a round trip with the server (epoch ms). */
  readonly lastSyncAt: number | null;
  /** The last sync error as an i18n key of the `app` namespace (`sync.errors.*`), null when fine. */
  readonly error: string | null;
  /** Changes the server refused or merged away, newest first, until the user dismisses them. */
  readonly refused: readonly RefusedChange[];
}

export const initialSyncStatus: SyncStatus = {
  online: false,
  unsyncedChanges: 0,
  lastSyncAt: null,
  error: null,
  refused: [],
};

/**
 * The replication of one database with the server, as the UI sees it. Generic on purpose: domain
 * actions are plain RxDB writes to the local database, which the replication pushes (../db/README.md).
 */
export interface SyncController {
  readonly status$: Observable<SyncStatus>;
  /** The latest status, for code outside React. */
  readonly status: SyncStatus;
  /** Retries now: reconnects the live streams and re-runs pull and push for every collection. */
  retry(): void;
  /** Resolves when local changes are pushed and pulls caught up (rejects after `timeoutMs`). */
  awaitInSync(timeoutMs?: number): Promise<void>;
  /** Removes a refused change from the list once the user acted on it. */
  dismissRefused(id: string): Promise<void>;
  /** Stops replication (on sign-out); the local database stays open. */
  stop(): Promise<void>;
}

/** A controller that never syncs: tests and screens without a server. */
export function offlineSyncController(status: Partial<SyncStatus> = {}): SyncController {
  const value = { ...initialSyncStatus, ...status };
  return {
    status$: new BehaviorSubject(value).asObservable(),
    status: value,
    retry: () => {},
    awaitInSync: async () => {},
    dismissRefused: async () => {},
    stop: async () => {},
  };
}
