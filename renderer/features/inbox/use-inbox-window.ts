import { useEffect, useRef, useState } from 'react';
import { throttleTime } from 'rxjs';
import type { OknoDatabase } from '../../db/database';
import type { AppealSearch } from '../search/appeal-search';
import { type InboxRequest, type InboxWindow, readInboxWindow } from './inbox-source';

export interface InboxWindowState extends InboxWindow {
  readonly loading: boolean;
}

/**
 * The inbox window for a request, re-read when the appeals change (throttled: a bulk pull of
 * thousands of appeals re-reads a few times a second, not per batch). Stale answers are dropped.
 */
export function useInboxWindow(
  db: OknoDatabase,
  search: AppealSearch,
  request: Omit<InboxRequest, 'now'>,
  searchReady: boolean,
): InboxWindowState {
  const [state, setState] = useState<InboxWindowState>({ rows: [], total: 0, loading: true });
  const [changes, setChanges] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const subscription = db.appeals.eventBulks$
      .pipe(throttleTime(250, undefined, { leading: true, trailing: true }))
      .subscribe(() => setChanges((n) => n + 1));
    return () => subscription.unsubscribe();
  }, [db]);

  const { view, filters, user, limit, search: text } = request;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `changes` and `searchReady` re-run the read on purpose
  useEffect(() => {
    const ticket = ++latest.current;
    setState((previous) => ({ ...previous, loading: true }));
    void readInboxWindow(db, search, { view, filters, user, limit, search: text, now: Date.now() }).then(
      (window) => {
        if (ticket === latest.current) setState({ ...window, loading: false });
      },
      () => {
        if (ticket === latest.current) setState((previous) => ({ ...previous, loading: false }));
      },
    );
  }, [db, search, view, filters, user, limit, text, changes, searchReady]);

  return state;
}
