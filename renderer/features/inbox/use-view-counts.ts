import { useEffect, useState } from 'react';
import { throttleTime } from 'rxjs';
import type { OknoDatabase } from '../../db/database';
import type { AppealSearch } from '../../search/appeal-search';
import { type InboxFilters, type InboxUser, type InboxView, inboxViews } from './inbox-query';
import { countInbox } from './inbox-source';

export type ViewCounts = Readonly<Partial<Record<InboxView, number>>>;

/**
 * How many appeals each view holds under the current filters, for the numbers beside the views.
 * Counted by the search worker from its projections (no I/O), so only once its index is built; until
 * then the views show no number rather than walk IndexedDB seven times. Recounted at most once a
 * second while appeals change.
 */
export function useViewCounts(
  db: OknoDatabase,
  search: AppealSearch,
  filters: InboxFilters,
  user: InboxUser,
  ready: boolean,
): ViewCounts {
  const [counts, setCounts] = useState<ViewCounts>({});
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    const subscription = db.appeals.eventBulks$
      .pipe(throttleTime(1_000, undefined, { leading: true, trailing: true }))
      .subscribe(() => setChanges((n) => n + 1));
    return () => subscription.unsubscribe();
  }, [db]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `changes` asks for a recount
  useEffect(() => {
    if (!ready) return;
    let current = true;
    const now = Date.now();
    void Promise.all(inboxViews.map((view) => countInbox(db, search, { view, filters, user, now }))).then(
      (totals) => {
        if (current) setCounts(Object.fromEntries(inboxViews.map((view, i) => [view, totals[i]])));
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, [db, search, filters, user, ready, changes]);
  return counts;
}
