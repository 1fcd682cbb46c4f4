/**
 * Replication endpoints (RxDB HTTP replication), registered once in app.ts:
 *   GET  /api/v1/sync/:collection/pull?checkpoint=<json>&limit=N → { documents, checkpoint }
 *   POST /api/v1/sync/:collection/push  [{ newDocumentState, assumedMasterState }] → conflicts[]
 *   GET  /api/v1/sync/:collection/stream (SSE)
 *   GET  /api/v1/appeals/:id/history
 *   GET  /api/v1/archive/appeals (older archive than a desktop keeps; appeals/archive.ts)
 *   GET  /api/v1/appeals/:id/applicant-appeals, POST|DELETE /api/v1/appeals/:id/repeat
 * Protocol, scope, merge and refusal rules: ./README.md.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { applicantHistoryRoutes } from '../appeals/applicant-history';
import { archiveRoutes } from '../appeals/archive';
import { appealApplicantVisibility, appealHistoryRoutes } from '../appeals/history';
import { appealPassportRoutes } from '../appeals/passport';
import { requireAuth, requireAuthForStream } from '../auth';
import type { ServerConfig } from '../config';
import { ApiError } from '../http/errors';
import { assertIssued, parseCheckpoint } from './checkpoint';
import { ChangeListener } from './notifier';
import { pullChanges, pullResponseJson } from './pull';
import { applyPush, parsePush } from './push';
import { currentCursor, StreamHub, streamLifetime } from './stream';
import type { SyncCollection } from './types';

export interface SyncPluginOptions {
  db: pg.Pool;
  config: ServerConfig;
  /** The replicated collections, composed outside sync/ (server/src/collections.ts). */
  collections: readonly SyncCollection[];
  /** Serve the test-only collection of RxDB's conformance suite (also OKNO_SYNC_TEST_COLLECTION=1). */
  testCollection?: boolean;
}

const defaultLimit = 100;
const maxLimit = 1000;
/** Room for `maxPushRows` documents of a few kilobytes each. */
const pushBodyLimit = 16 * 1024 * 1024;

interface CollectionParams {
  collection: string;
}

function parseLimit(raw: unknown): number {
  if (raw === undefined || raw === '') return defaultLimit;
  const limit = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
    throw new ApiError(400, 'invalid_limit', `limit must be an integer from 1 to ${maxLimit}`);
  }
  return limit;
}

export async function syncPlugin(app: FastifyInstance, opts: SyncPluginOptions): Promise<void> {
  const { db, config } = opts;
  const withTestCollection = opts.testCollection ?? process.env.OKNO_SYNC_TEST_COLLECTION === '1';
  const hub = new StreamHub(db, app.log);
  const listener = new ChangeListener(db.options, {
    onNotice: (notice) => hub.notice(notice),
    onResync: () => hub.resyncAll(),
    onError: (error) => app.log.warn({ err: error }, 'sync LISTEN connection failed; reconnecting'),
  });
  await listener.start();
  app.okno.onShutdown(() => hub.closeAll());
  app.addHook('onClose', async () => {
    hub.closeAll();
    await listener.stop();
  });
  app.okno.applicantVisibility = appealApplicantVisibility(db);

  const collectionOf = (request: FastifyRequest<{ Params: CollectionParams }>): SyncCollection => {
    const name = request.params.collection;
    const found = opts.collections.find((c) => c.name === name && (!c.testOnly || withTestCollection));
    if (!found)
      throw new ApiError(
        404,
        'unknown_collection',
        `No replicated collection "${request.params.collection}"`,
      );
    return found;
  };

  app.get<{ Params: CollectionParams; Querystring: Record<string, unknown> }>(
    '/api/v1/sync/:collection/pull',
    { preHandler: requireAuth },
    async (request, reply: FastifyReply) => {
      const collection = collectionOf(request);
      const checkpoint = parseCheckpoint(request.query.checkpoint);
      const limit = parseLimit(request.query.limit);
      await assertIssued(db, checkpoint);
      const result = await pullChanges(db, collection, request.auth, checkpoint, limit);
      return reply.type('application/json; charset=utf-8').send(pullResponseJson(result));
    },
  );

  app.post<{ Params: CollectionParams; Body: unknown; Querystring: Record<string, unknown> }>(
    '/api/v1/sync/:collection/push',
    // A document holding text PostgreSQL cannot store is refused alone (push.ts), not the whole push.
    { preHandler: requireAuth, bodyLimit: pushBodyLimit, config: { unstorableTextPerDocument: true } },
    async (request) => {
      const collection = collectionOf(request);
      const rows = parsePush(collection, request.body);
      const outcome = await applyPush(db, collection, request.auth, rows);
      // Plain RxDB clients get the conflict array; Okno's desktop asks for the reasons too.
      return request.query.refusals === '1' ? outcome : outcome.conflicts;
    },
  );

  app.get<{ Params: CollectionParams; Querystring: Record<string, unknown> }>(
    '/api/v1/sync/:collection/stream',
    // No HEAD: it would open a stream whose headers Node never sends for HEAD, held until it expires.
    { preHandler: requireAuthForStream, exposeHeadRoute: false },
    async (request, reply) => {
      const collection = collectionOf(request);
      const given = request.query.checkpoint;
      let cursor: number;
      if (given === undefined) {
        cursor = (await currentCursor(db, collection, request.auth)).seq;
      } else {
        const checkpoint = parseCheckpoint(given);
        await assertIssued(db, checkpoint);
        cursor = checkpoint.seq;
      }
      reply.hijack();
      hub.open(
        collection,
        request.auth,
        reply.raw,
        cursor,
        streamLifetime(request.auth, config.accessTtlSeconds * 1000),
      );
    },
  );

  await app.register(appealHistoryRoutes, { db });
  await app.register(appealPassportRoutes, { db, config: opts.config });
  await app.register(archiveRoutes, { db });
  await app.register(applicantHistoryRoutes, { db });
}
