import type { ReactNode } from 'react';
import type { SyncController } from '../sync/types';
import { DatabaseContext } from './context';
import type { OknoDatabase } from './database';

export { useDatabase, useSync, useSyncStatus } from './context';
export type { LiveResult } from './hooks';
export { useChangeCount, useRxDocument, useRxQuery } from './hooks';

/**
 * Gives the signed-in user's local database and its replication to every feature below.
 * The app opens both (renderer/app/SignedInApp.tsx); tests pass a memory database and
 * `offlineSyncController()` from renderer/sync/types.ts.
 */
export function DatabaseProvider({
  database,
  sync,
  children,
}: {
  database: OknoDatabase;
  sync: SyncController;
  children: ReactNode;
}) {
  return <DatabaseContext.Provider value={{ database, sync }}>{children}</DatabaseContext.Provider>;
}
