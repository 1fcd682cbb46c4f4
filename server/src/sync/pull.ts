/**
 * Pull: the documents of one collection with seq above the checkpoint that the user may see, plus
 * the user's own scope events (sync_user_events): tombstones of documents that left the user's scope
 * and live documents that entered it. The user's role and departments are read from the database in
 * the same statement (same snapshot) as the documents, so a scope change and its exit rows are
 * either both visible or neither — a pull can never advance its checkpoint past an exit it did not
 * send. A collection's `pullWindow` narrows what a desktop keeps (the local archive window).
 */
import { localArchiveCutoff } from '../../../shared/model/archive';
import { organisationWideRoles } from '../../../shared/model/roles';
import type { Queryable } from '../db/pool';
import type { Checkpoint } from './checkpoint';
import type { SyncCollection } from './types';

export interface PullResult {
  /** Documents as JSON text, oldest first; one per id (its newest state in this batch). */
  documents: string[];
  checkpoint: Checkpoint;
}

const queries = new Map<string, string>();

function pullQuery(collection: SyncCollection): string {
  const cached = queries.get(collection.name);
  if (cached) return cached;
  const t = collection.table;
  const kept = collection.pullWindow ? `AND ${collection.pullWindow}` : '';
  const scope = collection.pullScope
    ? `AND ${collection.pullScope}`
    : collection.departmentScoped
      ? 'AND (me.org_wide OR t.department_ids && me.depts)'
      : '';
  const inScope = `${scope} ${kept}`;
  // `t.org_id = $5` (not `= me.org_id`) lets the planner walk the (org_id, seq) index in order.
  const docs = `(SELECT t.seq, t.id, t.doc::text AS doc FROM ${t} t, me
      WHERE t.org_id = $5 AND t.seq > $2 ${inScope} ORDER BY t.seq LIMIT $3)`;
  // Exits are sent whatever the current scope: a later re-entry has a higher seq and wins.
  const events = `(SELECT e.seq, e.doc_id AS id, (CASE WHEN e.kind = 'exit' THEN e.doc ELSE t.doc END)::text AS doc
      FROM sync_user_events e CROSS JOIN me
      LEFT JOIN ${t} t ON t.org_id = $5 AND t.id = e.doc_id
      WHERE e.user_id = $1 AND e.collection = $4 AND e.org_id = $5 AND e.seq > $2
        AND (e.kind = 'exit' OR (t.id IS NOT NULL ${inScope}))
      ORDER BY e.seq LIMIT $3)`;
  // A reader with a session reads only while it stands (a stream outliving its logout reads nothing).
  const sql = `WITH me AS (
      SELECT u.org_id, u.role = ANY($7::text[]) AS org_wide, $8::bigint AS archive_cutoff,
             ARRAY(SELECT d.department_id FROM user_departments d WHERE d.user_id = u.id) AS depts
        FROM users u WHERE u.id = $1 AND u.org_id = $5 AND NOT u.disabled
         AND ($6::text IS NULL OR EXISTS (SELECT 1 FROM auth_sessions s
                                           WHERE s.id = $6 AND s.user_id = u.id AND s.revoked_at IS NULL)))
    SELECT seq, id, doc FROM (${docs} UNION ALL ${events}) x
    ORDER BY seq LIMIT $3`;
  queries.set(collection.name, sql);
  return sql;
}

interface PullRow {
  seq: string;
  id: string;
  doc: string;
}

const batchQueries = new Map<string, string>();

/**
 * The same read for many readers in one statement (a change fanned out to the streams of one
 * process): the single pull's SQL, its reader parameters ($1 user, $2 since, $6 session) taken from
 * one row of the readers' arrays each, so every reader's rows pass exactly the same scope and session
 * conditions. Each reader gets at most $3 rows, numbered by its place `i` (1-based).
 */
function batchPullQuery(collection: SyncCollection): string {
  const cached = batchQueries.get(collection.name);
  if (cached) return cached;
  const perReader = pullQuery(collection)
    .replace(/\$1(?!\d)/g, 'r.user_id')
    .replace(/\$2(?!\d)/g, 'r.since')
    .replace(/\$6(?!\d)/g, 'r.session_id');
  const sql = `SELECT r.i::int AS i, x.seq, x.id, x.doc
      FROM unnest($1::text[], $2::bigint[], $6::text[]) WITH ORDINALITY AS r(user_id, since, session_id, i)
      CROSS JOIN LATERAL (${perReader}) x`;
  batchQueries.set(collection.name, sql);
  return sql;
}

export interface Reader {
  userId: string;
  orgId: string;
  /** The reader's login session, when it has one: nothing is read once it is revoked. */
  sessionId?: string | undefined;
}

export async function pullChanges(
  db: Queryable,
  collection: SyncCollection,
  reader: Reader,
  since: Checkpoint,
  limit: number,
): Promise<PullResult> {
  const byId = new Map<string, string>();
  let cursor = since.seq;
  // A document can appear twice (its own row and an 'enter' event); keep the newest and, when that
  // shrank the batch, read on so a full batch still means "there may be more" to RxDB.
  for (;;) {
    const result = await db.query<PullRow>(pullQuery(collection), [
      reader.userId,
      cursor,
      limit,
      collection.name,
      reader.orgId,
      reader.sessionId ?? null,
      organisationWideRoles,
      localArchiveCutoff(Date.now()),
    ]);
    for (const row of result.rows) {
      byId.delete(row.id);
      byId.set(row.id, row.doc);
    }
    const last = result.rows.at(-1);
    if (last) cursor = Number(last.seq);
    if (result.rows.length < limit || byId.size >= limit) break;
  }
  return { documents: [...byId.values()], checkpoint: { seq: cursor } };
}

export interface BatchRead {
  result: PullResult;
  /** Whether the reader's rows filled `limit`: there may be more, read on with pullChanges. */
  full: boolean;
}

/**
 * pullChanges for many readers of one collection and organisation in one statement; the answers in
 * the readers' order. A reader whose batch came back full reads on by itself (`full`).
 */
export async function pullChangesBatch(
  db: Queryable,
  collection: SyncCollection,
  orgId: string,
  readers: readonly { reader: Reader; since: Checkpoint }[],
  limit: number,
): Promise<BatchRead[]> {
  const result = await db.query<PullRow & { i: number }>(batchPullQuery(collection), [
    readers.map((r) => r.reader.userId),
    readers.map((r) => r.since.seq),
    limit,
    collection.name,
    orgId,
    readers.map((r) => r.reader.sessionId ?? null),
    organisationWideRoles,
    localArchiveCutoff(Date.now()),
  ]);
  const rowsOf = readers.map(() => [] as PullRow[]);
  for (const row of result.rows) rowsOf[row.i - 1]?.push(row);
  return rowsOf.map((rows, index) => {
    rows.sort((a, b) => Number(a.seq) - Number(b.seq));
    const byId = new Map<string, string>();
    for (const row of rows) {
      byId.delete(row.id);
      byId.set(row.id, row.doc);
    }
    const last = rows.at(-1);
    const since = readers[index]!.since.seq;
    return {
      result: { documents: [...byId.values()], checkpoint: { seq: last ? Number(last.seq) : since } },
      full: rows.length >= limit,
    };
  });
}

/** `{ documents, checkpoint }` as JSON, without parsing the stored documents. */
export function pullResponseJson(result: PullResult): string {
  return `{"documents":[${result.documents.join(',')}],"checkpoint":{"seq":${result.checkpoint.seq}}}`;
}
