import { useEffect, useState } from 'react';
import type { OrgDeadlineSettings } from '../../../shared/domain/deadlines';
import { useChangeCount } from '../../db/DatabaseProvider';
import type { OknoDatabase } from '../../db/database';
import type { AppealSearch } from '../../search/appeal-search';
import { type InboxFilters, type InboxUser, type InboxView, inboxViews } from './inbox-query';
import { countForwardingOverdue, countInbox } from './inbox-source';

export type ViewCounts = Readonly<
  Partial<Record<InboxView, number>> & {
    /** Of «Переадресация: срок 7 дней», those whose 7 days have run out. */
    forwardingOverdue?: number;
  }
>;

/**
 * How many appeals each view holds under the current filters, for the numbers beside the views.
 * Counted by the search worker from its projections (no I/O), so only once its index is built; until
 * then the views show no number rather than walk IndexedDB seven times. Recounted at most once a
 * second while appeals change, and only while `ready` (the index is built and the inbox in sight: at
 * 100,000 appeals the seven counts take the worker 1.5–2.4 s); the last counts stay shown meanwhile.
 */
export function useViewCounts(
  db: OknoDatabase,
  search: AppealSearch,
  filters: InboxFilters,
  user: InboxUser,
  ready: boolean,
  org: OrgDeadlineSettings,
): ViewCounts {
  // The counts, and what they were counted for: coming back to the inbox with nothing changed counts nothing.
  const [counted, setCounted] = useState<{ readonly of: string; readonly counts: ViewCounts }>({
    of: '',
    counts: {},
  });
  const changes = useChangeCount('appeals', 1_000);
  useEffect(() => {
    const of = JSON.stringify([filters, user, changes, org]);
    if (!ready || of === counted.of) return;
    let current = true;
    const now = Date.now();
    void Promise.all([
      Promise.all(inboxViews.map((view) => countInbox(db, search, { view, filters, user, now }))),
      countForwardingOverdue(db, { filters, user, now }, org),
    ]).then(
      ([totals, forwardingOverdue]) => {
        if (current)
          setCounted({
            of,
            counts: {
              ...Object.fromEntries(inboxViews.map((view, i) => [view, totals[i]])),
              forwardingOverdue,
            },
          });
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, [db, search, filters, user, ready, changes, counted.of, org]);
  return counted.counts;
}
