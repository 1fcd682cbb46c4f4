import { createContext, useContext, useEffect, useState } from 'react';
import type { PendingScan, ScanQueue } from './scan-queue';

const Context = createContext<ScanQueue | null>(null);

/** The signed-in session's queue of scans (renderer/app/SignedInApp.tsx creates, starts and stops it). */
export const ScanQueueProvider = Context.Provider;

/** null outside a signed-in session (tests, screens without a server): scans cannot be added there. */
export function useScanQueue(): ScanQueue | null {
  return useContext(Context);
}

/** The scans of one appeal still waiting on this computer (or refused by the server). */
export function usePendingScans(appealId: string): readonly PendingScan[] {
  const queue = useScanQueue();
  const [scans, setScans] = useState<readonly PendingScan[]>([]);
  useEffect(() => {
    if (!queue) return;
    const subscription = queue.scansOf(appealId).subscribe(setScans);
    return () => subscription.unsubscribe();
  }, [queue, appealId]);
  return scans;
}
