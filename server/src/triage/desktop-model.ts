/**
 * The triage model for a desktop's offline suggestions (issue 13), in two parts fetched and cached
 * separately, each with its own strong ETag (`If-None-Match` with it answers 304 without a body), so a
 * desktop asking every quarter of an hour downloads the 3 MB model only when a release changed it, and
 * a person's decision (which changes the organisation's learners) costs it a few kilobytes:
 * - `GET /api/v1/triage/desktop-model` — `{ format, model }`: resources/triage/model.json exactly as
 *   shipped (hashed buckets and weights, no text but class names; resources/triage/README.md); its
 *   ETag is the model's hash alone. Gzipped when the client accepts it (JSON of numbers: ~4× smaller).
 * - `GET /api/v1/triage/desktop-learner` — `{ format, learner, incidentLearner, categoryMap }`: the
 *   caller's organisation's department learner (`triage_learners`) and incident-or-not learner
 *   (`triage_incident_learners`) — hash buckets and numbers, no text, null until their first decision —
 *   its edits of the portal → working category mapping (category-map.ts `categoryMapOf`; the rest
 *   maps by shared/triage/working-category.ts on both sides) and the map's responsible departments
 *   (`categoryDepartments`, `categoryDepartmentsOf`: a reception entry offline is suggested them before
 *   the learner is confident, shared/triage/department-choice.ts); its ETag names the organisation, the
 *   learners' versions, the map and its departments, so any of them changing is a new answer.
 * Staff of the organisation only (any role).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { requireAuth } from '../auth/require-auth';
import { repoRoot } from '../config';
import { categoryDepartmentsOf, categoryMapOf } from './category-map';

const desktopModelFormat = 'okno-desktop-triage/2';
const desktopLearnerFormat = 'okno-desktop-triage-learner/1';

const modelFile = path.join(repoRoot, 'resources', 'triage', 'model.json');

let shipped: { body: { plain: Buffer; gzip: Buffer }; etag: string } | null = null;

/** The model's answer, built once: it changes only with a release. */
function shippedModel(): { body: { plain: Buffer; gzip: Buffer }; etag: string } {
  if (!shipped) {
    const text = readFileSync(modelFile, 'utf8');
    const plain = Buffer.from(`{"format":${JSON.stringify(desktopModelFormat)},"model":${text}}`, 'utf8');
    const hash = createHash('sha256').update(plain).digest('base64url');
    shipped = { body: { plain, gzip: gzipSync(plain) }, etag: `"${hash}"` };
  }
  return shipped;
}

/** The If-None-Match header holds this ETag (a list, or `*`). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}

/** Answers with the ETag: 304 when the client holds it, else the body (gzipped when accepted). */
function answer(
  request: FastifyRequest,
  reply: FastifyReply,
  etag: string,
  body: () => { plain: Buffer; gzip?: Buffer },
): FastifyReply {
  reply.header('etag', etag).header('cache-control', 'private, no-cache').header('vary', 'accept-encoding');
  if (matches(request.headers['if-none-match'], etag)) return reply.code(304).send();
  const { plain, gzip } = body();
  reply.type('application/json; charset=utf-8');
  if (gzip && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
    return reply.header('content-encoding', 'gzip').send(gzip);
  }
  return reply.send(plain);
}

interface LearnerVersion {
  decisions: number;
  updated_at: Date;
}

export async function desktopModelRoutes(app: FastifyInstance, opts: { db: pg.Pool }): Promise<void> {
  const { db } = opts;

  app.get('/api/v1/triage/desktop-model', { preHandler: requireAuth }, async (request, reply) => {
    const model = shippedModel();
    return answer(request, reply, model.etag, () => model.body);
  });

  app.get('/api/v1/triage/desktop-learner', { preHandler: requireAuth }, async (request, reply) => {
    const { orgId } = request.auth;
    const versions = await db.query<LearnerVersion & { kind: string }>(
      `SELECT 'department' AS kind, decisions, updated_at FROM triage_learners WHERE org_id = $1
       UNION ALL
       SELECT 'incident' AS kind, decisions, updated_at FROM triage_incident_learners WHERE org_id = $1`,
      [orgId],
    );
    const version = (kind: string) => {
      const row = versions.rows.find((r) => r.kind === kind);
      return row ? [row.decisions, row.updated_at.getTime()] : null;
    };
    const categoryMap = await categoryMapOf(db, orgId);
    const categoryDepartments = await categoryDepartmentsOf(db, orgId);
    const etag = `"${createHash('sha256')
      .update(
        JSON.stringify([
          desktopLearnerFormat,
          orgId,
          version('department'),
          version('incident'),
          categoryMap,
          categoryDepartments,
        ]),
      )
      .digest('base64url')}"`;
    if (matches(request.headers['if-none-match'], etag))
      return answer(request, reply, etag, () => ({ plain: Buffer.alloc(0) }));
    const states = await db.query<{ kind: string; state: unknown }>(
      `SELECT 'department' AS kind, state FROM triage_learners WHERE org_id = $1
       UNION ALL
       SELECT 'incident' AS kind, state FROM triage_incident_learners WHERE org_id = $1`,
      [orgId],
    );
    const state = (kind: string) => states.rows.find((r) => r.kind === kind)?.state ?? null;
    const plain = Buffer.from(
      JSON.stringify({
        format: desktopLearnerFormat,
        learner: state('department'),
        incidentLearner: state('incident'),
        categoryMap,
        categoryDepartments,
      }),
      'utf8',
    );
    return answer(request, reply, etag, () => ({ plain }));
  });
}
