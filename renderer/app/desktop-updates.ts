import { useEffect } from 'react';
import type { OknoBridge } from '../../shared/bridge/okno-bridge';
import type { AuthSession } from '../sync/auth-session';
import type { SyncController } from '../sync/types';

/** How often the current access token is passed on: it is refreshed as it expires. */
const reportEveryMs = 60_000;

/**
 * Tells main/ (main/os/updates.ts) the signed-in session's access token, with which it asks the
 * organisation's server for updates, and how many changes wait in the outbox: a downloaded update is
 * never installed while any wait. Reported on every change of the count and once a minute.
 */
export function useDesktopUpdateReport(
  bridge: OknoBridge,
  opened: { readonly auth: AuthSession; readonly sync: SyncController } | null,
): void {
  useEffect(() => {
    if (!opened) return;
    let last = '';
    const report = (unsyncedChanges: number) => {
      const accessToken = opened.auth.hasEnded ? null : opened.auth.accessToken || null;
      const key = `${accessToken}\n${unsyncedChanges}`;
      if (key === last) return;
      last = key;
      void bridge.updates.report({ accessToken, unsyncedChanges });
    };
    const subscription = opened.sync.status$.subscribe((status) => report(status.unsyncedChanges));
    const timer = setInterval(() => report(opened.sync.status.unsyncedChanges), reportEveryMs);
    return () => {
      subscription.unsubscribe();
      clearInterval(timer);
      void bridge.updates.report({ accessToken: null, unsyncedChanges: opened.sync.status.unsyncedChanges });
    };
  }, [bridge, opened]);
}
