/**
 * Reads one window of an inbox view: the first `limit` appeals in deadline order and the view's
 * total, through the lanes' indexes (inbox-query.ts) — or, with a search, from the search index's hits
 * filtered by the same view. Plain documents, straight from the storage: the list only reads them.
 */
import { getQueryMatcher, normalizeMangoQuery, type RxDocumentData } from 'rxdb';
import type { Appeal } from '../../../shared/model/appeal';
import type { OknoDatabase } from '../../db/database';
import type { AppealSearch } from '../search/appeal-search';
import {
  byDeadline,
  type InboxFilters,
  type InboxUser,
  type InboxView,
  inboxLanes,
  inboxSelector,
} from './inbox-query';

export interface InboxWindow {
  readonly rows: readonly Appeal[];
  readonly total: number;
}

export interface InboxRequest {
  readonly view: InboxView;
  readonly filters: InboxFilters;
  readonly user: InboxUser;
  readonly now: number;
  readonly limit: number;
  readonly search: string;
}

export async function readInboxWindow(
  db: OknoDatabase,
  search: AppealSearch | null,
  request: InboxRequest,
): Promise<InboxWindow> {
  if (request.search.trim() !== '' && search) return readSearchWindow(db, search, request);
  const lanes = inboxLanes(request.view, request.filters, request.user, request.now);
  const storage = db.appeals.storageInstance;
  const results = await Promise.all(
    lanes.map(async (lane) => {
      const prepared = db.appeals.find({ ...lane.query, limit: request.limit }).getPreparedQuery();
      const [{ documents }, count] = await Promise.all([
        storage.query(prepared),
        db.appeals.count({ selector: lane.query.selector }).exec(),
      ]);
      return { documents, count };
    }),
  );
  const rows: RxDocumentData<Appeal>[] = results.flatMap((result) => result.documents);
  rows.sort(byDeadline);
  return {
    rows: rows.slice(0, request.limit),
    total: results.reduce((sum, result) => sum + result.count, 0),
  };
}

async function readSearchWindow(
  db: OknoDatabase,
  search: AppealSearch,
  request: InboxRequest,
): Promise<InboxWindow> {
  const schema = db.appeals.schema.jsonSchema;
  const selector = inboxSelector(request.view, request.filters, request.user, request.now);
  const matches = getQueryMatcher(schema, normalizeMangoQuery(schema, { selector }));
  const hits = search
    .search(request.search)
    .filter((projection) => matches(projection as RxDocumentData<Appeal>))
    .sort(byDeadline);
  const ids = hits.slice(0, request.limit).map((hit) => hit.id);
  const found = await db.appeals.storageInstance.findDocumentsById(ids, false);
  const byId = new Map(found.map((doc) => [doc.id, doc]));
  return { rows: ids.flatMap((id) => byId.get(id) ?? []), total: hits.length };
}
