import { createContext, useContext, useSyncExternalStore } from 'react';
import type { SyncController, SyncStatus } from '../sync/types';
import type { OknoDatabase } from './database';

export interface DatabaseContextValue {
  readonly database: OknoDatabase;
  readonly sync: SyncController;
}

export const DatabaseContext = createContext<DatabaseContextValue | null>(null);

function useDatabaseContext(): DatabaseContextValue {
  const value = useContext(DatabaseContext);
  if (!value) throw new Error('useDatabase() outside <DatabaseProvider>');
  return value;
}

/** The local RxDB database: read with queries, write with insert/incrementalPatch (see README.md). */
export function useDatabase(): OknoDatabase {
  return useDatabaseContext().database;
}

/** The replication of the local database with the server. */
export function useSync(): SyncController {
  return useDatabaseContext().sync;
}

/** The current sync status, re-rendering on every change. */
export function useSyncStatus(): SyncStatus {
  const sync = useSync();
  return useSyncExternalStore(
    (onChange) => {
      const subscription = sync.status$.subscribe(onChange);
      return () => subscription.unsubscribe();
    },
    () => sync.status,
  );
}
