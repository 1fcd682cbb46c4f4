/**
 * `GET /api/v1/archive/appeals`: the archive search (issue 11). Appeals in a closed status — closed,
 * forwarded, merged, converted, art. 11 outcomes among the closed — of the caller's scope (their
 * departments; supervisors and admins: the organisation), newest closure first, a page at a time.
 * A desktop keeps only the last `localArchiveDays` of the archive (shared/model/archive.ts); this is
 * how it finds older ones, with the same filters as its own lists and the words of its search
 * (PostgreSQL's Russian stemming over subject, text, number and the applicant's name).
 *
 * Query: `q`, `channel`, `regime`, `status` (a closed one), `departmentId`, `assigneeId`, `category`,
 * `closedBefore` (epoch ms, exclusive), `cursor` (the `next` of the previous page), `limit` (1–100).
 * Answer: `{ appeals: [documents], next: cursor | null }`. Every answer that carries appeals — they
 * hold applicants' personal data — is audited (`archive.search`: the filters, whether words were
 * searched, never the words, and the ids shown).
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { closedStatuses } from '../../../shared/domain/status-machine';
import { isOrganisationWide } from '../../../shared/model/roles';
import { channels, regimes } from '../../../shared/model/vocabulary';
import { appendAudit } from '../audit/audit';
import { requireAuth } from '../auth/require-auth';
import { ApiError } from '../http/errors';

interface ArchiveQuery {
  q?: string;
  channel?: string;
  regime?: string;
  status?: string;
  departmentId?: string;
  assigneeId?: string;
  category?: string;
  closedBefore?: number;
  cursor?: string;
  limit?: number;
}

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', maxLength: 200 },
    channel: { type: 'string', enum: [...channels] },
    regime: { type: 'string', enum: [...regimes] },
    status: { type: 'string', enum: [...closedStatuses] },
    departmentId: { type: 'string', maxLength: 100, pattern: '^[A-Za-z0-9_-]*$' },
    assigneeId: { type: 'string', maxLength: 100, pattern: '^[A-Za-z0-9_-]*$' },
    category: { type: 'string', maxLength: 100 },
    // The latest time a JavaScript Date holds: a larger integer is no time at all.
    closedBefore: { type: 'integer', minimum: 0, maximum: 8_640_000_000_000_000 },
    cursor: { type: 'string', maxLength: 200, pattern: '^\\d+:[A-Za-z0-9_-]+$' },
    limit: { type: 'integer', minimum: 1, maximum: 100 },
  },
} as const;

/** `<closedAt>:<id>` of the last appeal of a page: the next page starts after it. */
function parseCursor(cursor: string | undefined): { closedAt: number; id: string } | null {
  if (!cursor) return null;
  const at = cursor.indexOf(':');
  const closedAt = Number(cursor.slice(0, at));
  if (!Number.isSafeInteger(closedAt)) throw new ApiError(400, 'invalid_cursor', 'The cursor is not valid');
  return { closedAt, id: cursor.slice(at + 1) };
}

export async function archiveRoutes(app: FastifyInstance, opts: { db: pg.Pool }): Promise<void> {
  app.get<{ Querystring: ArchiveQuery }>(
    '/api/v1/archive/appeals',
    { preHandler: requireAuth, schema: { querystring } },
    async (request, reply) => {
      const { auth } = request;
      const query = request.query;
      // «1e999» (Infinity once coerced) is refused by the input guards (http/input-guards.ts).
      const limit = query.limit ?? 50;
      const after = parseCursor(query.cursor);
      const words = query.q?.trim() ?? '';
      // closedAt is set by exactly the closing actions (closed, forwarded, merged, converted) and
      // cleared on reopening, so `closed_at IS NOT NULL` is the archive; a status narrows it.
      const conditions = ['org_id = $1', 'closed_at IS NOT NULL'];
      const params: unknown[] = [auth.orgId];
      const add = (sql: (n: string) => string, value: unknown) => {
        params.push(value);
        conditions.push(sql(`$${params.length}`));
      };
      if (!isOrganisationWide(auth.role)) add((n) => `department_ids && ${n}::text[]`, auth.departmentIds);
      if (query.status) add((n) => `doc->>'status' = ${n}`, query.status);
      if (query.departmentId !== undefined)
        add(
          (n) => `department_ids = CASE WHEN ${n} = '' THEN '{}'::text[] ELSE ARRAY[${n}]::text[] END`,
          query.departmentId,
        );
      if (query.assigneeId !== undefined) add((n) => `doc->>'assigneeId' = ${n}`, query.assigneeId);
      if (query.channel) add((n) => `doc->>'channel' = ${n}`, query.channel);
      if (query.regime) add((n) => `doc->>'regime' = ${n}`, query.regime);
      if (query.category) add((n) => `doc->>'category' = ${n}`, query.category);
      if (query.closedBefore !== undefined) add((n) => `closed_at < ${n}::bigint`, query.closedBefore);
      if (after) {
        params.push(after.closedAt, after.id);
        conditions.push(
          `(closed_at < $${params.length - 1}::bigint OR (closed_at = $${params.length - 1}::bigint AND id < $${params.length}))`,
        );
      }
      if (words) {
        // The words, stemmed; the number as typed (`ОГ-2026-000123`) is among them. One condition the
        // GIN index serves: an OR with another column made the planner compute every closed appeal's
        // vector (archive benchmark: 4.7 s a search at 60,000 older appeals).
        add(
          (n) =>
            `to_tsvector('russian'::regconfig, okno_appeal_search_text(doc)) @@ plainto_tsquery('russian'::regconfig, ${n})`,
          words,
        );
      }
      params.push(limit + 1);
      // The page is chosen from the indexes and columns first; only its documents are read (a filter
      // on each candidate's document made a common word cost 0.67 s at 60,000 older appeals).
      const result = await opts.db.query<{ id: string; closed_at: string; doc: string; deleted: boolean }>(
        `WITH page AS (
           SELECT id, closed_at FROM sync_appeals
            WHERE ${conditions.join(' AND ')}
            ORDER BY closed_at DESC, id DESC LIMIT $${params.length})
         SELECT p.id, p.closed_at, a.doc::text AS doc, coalesce((a.doc->>'_deleted')::boolean, false) AS deleted
           FROM page p JOIN sync_appeals a ON a.org_id = $1 AND a.id = p.id
          ORDER BY p.closed_at DESC, p.id DESC`,
        params,
      );
      const chosen = result.rows.slice(0, limit);
      const last = chosen.at(-1);
      const next = result.rows.length > limit && last ? `${last.closed_at}:${last.id}` : null;
      // A deleted appeal (admins only) takes its place in the page and is left out of the answer.
      const page = chosen.filter((row) => !row.deleted);
      if (page.length > 0) {
        await appendAudit(opts.db, {
          orgId: auth.orgId,
          actorUserId: auth.userId,
          deviceId: auth.deviceId,
          action: 'archive.search',
          entity: 'appeal',
          details: {
            filters: {
              channel: query.channel ?? null,
              regime: query.regime ?? null,
              status: query.status ?? null,
              departmentId: query.departmentId ?? null,
              assigneeId: query.assigneeId ?? null,
              category: query.category ?? null,
              closedBefore: query.closedBefore ?? null,
              page: query.cursor ? 'next' : 'first',
            },
            words: words !== '',
            appealIds: page.map((row) => row.id),
          },
        });
      }
      reply.header('cache-control', 'no-store');
      reply.type('application/json');
      return `{"appeals":[${page.map((row) => row.doc).join(',')}],"next":${JSON.stringify(next)}}`;
    },
  );
}
