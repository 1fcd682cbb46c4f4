import { useEffect, useMemo, useRef, useState } from 'react';
import { useChangeCount } from '../../db/DatabaseProvider';
import type { OknoDatabase } from '../../db/database';
import type { AppealSearch } from '../../search/appeal-search';
import { countInbox, type InboxRequest, type InboxWindow, readInboxWindow } from './inbox-source';

/** How long a view must stay before its IndexedDB count starts (only while the search index builds). */
const slowCountDelayMs = 400;
/** A view read this recently, with no appeal changed since, is shown again as read (deadline ranges move by the minute). */
const reuseMs = 30_000;

export interface InboxWindowState extends InboxWindow {
  readonly loading: boolean;
  /** Completed reads, for measuring (tests/bench/inbox.bench.ts). */
  readonly reads: number;
}

/**
 * The inbox window for a request, re-read when the appeals change (throttled: a bulk pull of
 * thousands of appeals re-reads a few times a second, not per batch). Rows show as soon as they are
 * read; the view's total follows from its index counts. Stale answers are dropped. A view read in
 * the last 30 s with no appeal changed since is shown again without a read.
 */
export function useInboxWindow(
  db: OknoDatabase,
  search: AppealSearch,
  request: Omit<InboxRequest, 'now'>,
  searchReady: boolean,
): InboxWindowState {
  // `of`: the request the shown window answers. A window of another request is loading, without a
  // render of its own to say so: each render of the inbox re-renders the list and its header (issue 15).
  const [state, setState] = useState<InboxWindowState & { readonly of: string }>({
    rows: [],
    more: false,
    total: null,
    loading: true,
    reads: 0,
    of: '',
  });
  const changes = useChangeCount('appeals', 250);
  const latest = useRef(0);
  // Views read since the appeals last changed: switching back to one shows it without reading again.
  const reused = useRef(
    new Map<string, { window: InboxWindow; changes: number; ready: boolean; at: number }>(),
  );

  const { view, filters, user, limit, search: text, order } = request;
  const key = useMemo(
    () => JSON.stringify([view, filters, user, limit, text, order]),
    [view, filters, user, limit, text, order],
  );
  // `changes` and `searchReady` are read inside (the cache entry records them), so they re-run the read.
  useEffect(() => {
    const ticket = ++latest.current;
    const now = Date.now();
    const current = () => ticket === latest.current;
    const known = reused.current.get(key);
    if (known && known.changes === changes && known.ready === searchReady && now - known.at < reuseMs) {
      setState((previous) => ({ ...known.window, loading: false, reads: previous.reads + 1, of: key }));
      return;
    }
    if (reused.current.size > 50 || [...reused.current.values()].some((entry) => entry.changes !== changes))
      reused.current.clear();
    const remember = (window: InboxWindow) =>
      reused.current.set(key, { window, changes, ready: searchReady, at: now });
    // Another request shows as loading already (below); the same one re-read after a change says so.
    setState((previous) =>
      previous.of !== key || previous.loading ? previous : { ...previous, loading: true },
    );
    void readInboxWindow(db, search, { view, filters, user, limit, search: text, order, now }).then(
      (window) => {
        if (!current()) return;
        setState((previous) => ({
          ...window,
          total: window.total ?? previous.total,
          loading: false,
          reads: previous.reads + 1,
          of: key,
        }));
        if (window.total !== null) {
          remember(window);
          return;
        }
        const count = () => {
          if (!current()) return;
          void countInbox(db, search, { view, filters, user, now }).then((total) => {
            remember({ ...window, total });
            if (current()) setState((previous) => ({ ...previous, total }));
          });
        };
        // Until the search index is built, a count walks an IndexedDB index range (a second at 100,000)
        // and holds up the next read: it waits until the user stays on the view. Once built, the
        // worker counts from its projections at once.
        if (search.progress$.value.ready) count();
        else setTimeout(count, slowCountDelayMs);
      },
      () => {
        if (current()) setState((previous) => ({ ...previous, loading: false, of: key }));
      },
    );
  }, [db, search, key, view, filters, user, limit, text, order, changes, searchReady]);

  const { of, ...shown } = state;
  return of === key ? shown : { ...shown, loading: true };
}
