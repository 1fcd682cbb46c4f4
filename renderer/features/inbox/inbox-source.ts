/**
 * Reads one window of an inbox view: the first `limit` appeals in deadline order and the view's
 * total, through the lanes' indexes (inbox-query.ts) — or, with a search, from the search index's hits
 * filtered by the same view. Plain documents, straight from the storage: the list only reads them.
 */
import type { RxDocumentData } from 'rxdb';
import type { OrgDeadlineSettings } from '../../../shared/domain/deadlines';
import type { Appeal } from '../../../shared/model/appeal';
import { forwardingClock } from '../../../shared/model/running-clocks';
import type { OknoDatabase } from '../../db/database';
import { queryDocuments } from '../../db/fast-read';
import type { AppealSearch } from '../../search/appeal-search';
import { type ListOrder, needsSearchIndex } from '../../search/search-engine';
import {
  byDeadline,
  byForwardingDue,
  type InboxFilters,
  type InboxUser,
  type InboxView,
  inboxLanes,
  inboxSelector,
} from './inbox-query';

export interface InboxWindow {
  readonly rows: readonly Appeal[];
  /** Rows beyond `rows` may exist (a lane filled its limit). */
  readonly more: boolean;
  /** Known at once for a search; for a view, counted separately (countInbox) after the rows show. */
  readonly total: number | null;
}

export interface InboxRequest {
  readonly view: InboxView;
  readonly filters: InboxFilters;
  readonly user: InboxUser;
  readonly now: number;
  readonly limit: number;
  readonly search: string;
  /** The list's order; any but the deadline's needs the search index (until it is built: deadline order). */
  readonly order?: ListOrder;
}

export async function readInboxWindow(
  db: OknoDatabase,
  search: AppealSearch | null,
  request: InboxRequest,
): Promise<InboxWindow> {
  const sorted = request.order !== undefined && needsSearchIndex(request.order);
  if (search && (request.search.trim() !== '' || (sorted && search.progress$.value.ready)))
    return readSearchWindow(db, search, request);
  const lanes = inboxLanes(request.view, request.filters, request.user, request.now);
  // A lane that walks its whole range (seconds at 100,000): the built search index answers at once.
  if (search?.progress$.value.ready && lanes.some((lane) => lane.scans))
    return readSearchWindow(db, search, request);
  const results = await Promise.all(
    lanes.map((lane) => queryDocuments(db.appeals, { ...lane.query, limit: request.limit })),
  );
  const rows: RxDocumentData<Appeal>[] = results.flat();
  rows.sort(request.view === 'forwarding' ? byForwardingDue : byDeadline);
  return {
    rows: rows.slice(0, request.limit),
    more: rows.length > request.limit || results.some((lane) => lane.length >= request.limit),
    total: null,
  };
}

/**
 * How many appeals a view holds. From the search index's projections once it is built (no I/O: an
 * IndexedDB count walks the whole range, a second at 100,000), else one index count per lane.
 */
export async function countInbox(
  db: OknoDatabase,
  search: AppealSearch | null,
  request: Omit<InboxRequest, 'limit' | 'search'>,
): Promise<number> {
  if (search?.progress$.value.ready) {
    return search.count(inboxSelector(request.view, request.filters, request.user, request.now));
  }
  const lanes = inboxLanes(request.view, request.filters, request.user, request.now);
  const counts = await Promise.all(
    lanes.map((lane) => db.appeals.count({ selector: lane.query.selector }).exec()),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

/**
 * How many appeals of «Переадресация: срок 7 дней» under the filters have let their forwarding clock
 * run out (59-FZ art. 8 part 3, shared/model/running-clocks.ts). Reads the view's documents through its
 * status lane: registered appeals wait days, so they are few; the due date needs the calendar.
 */
export async function countForwardingOverdue(
  db: OknoDatabase,
  request: Omit<InboxRequest, 'view' | 'limit' | 'search'>,
  org: OrgDeadlineSettings,
): Promise<number> {
  const lanes = inboxLanes('forwarding', request.filters, request.user, request.now);
  const found = await Promise.all(lanes.map((lane) => queryDocuments(db.appeals, lane.query)));
  return found.flat().filter((appeal) => forwardingClock(appeal, org, request.now)?.overdue).length;
}

async function readSearchWindow(
  db: OknoDatabase,
  search: AppealSearch,
  request: InboxRequest,
): Promise<InboxWindow> {
  const selector = inboxSelector(request.view, request.filters, request.user, request.now);
  const { ids, total } = await search.search(request.search, selector, request.limit, request.order);
  const found = await db.appeals.storageInstance.findDocumentsById(ids, false);
  const byId = new Map(found.map((doc) => [doc.id, doc]));
  return { rows: ids.flatMap((id) => byId.get(id) ?? []), more: total > ids.length, total };
}
