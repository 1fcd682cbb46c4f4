/**
 * The triage model for a desktop's offline suggestions (issue 13):
 * `GET /api/v1/triage/desktop-model` — staff of the organisation only (any role) — answers
 * `{ format, model, learner, categoryMap }`:
 * - `model`: resources/triage/model.json exactly as shipped (hashed buckets and weights, no text but
 *   class names; resources/triage/README.md);
 * - `learner`: the caller's organisation's department learner as stored in `triage_learners` (hash
 *   buckets and counts, no text), null until its first human decision;
 * - `categoryMap`: the organisation's edits of the portal → working category mapping
 *   (category-map.ts `categoryMapOf`; the rest maps by shared/triage/working-category.ts on both sides).
 * A strong ETag names the three; `If-None-Match` with it answers 304 without a body, so a desktop that
 * asks every quarter of an hour downloads 3 MB only when something changed. Gzipped when the client
 * accepts it (the model is JSON of numbers: ~4× smaller).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { requireAuth } from '../auth/require-auth';
import { repoRoot } from '../config';
import { categoryMapOf } from './category-map';

const desktopModelFormat = 'okno-desktop-triage/1';

const modelFile = path.join(repoRoot, 'resources', 'triage', 'model.json');

let shipped: { text: string; hash: string } | null = null;

function shippedModel(): { text: string; hash: string } {
  if (!shipped) {
    const text = readFileSync(modelFile, 'utf8');
    shipped = { text, hash: createHash('sha256').update(text).digest('hex') };
  }
  return shipped;
}

/** Bodies kept ready by ETag (a few organisations' at once; each ~3 MB plain, ~0.8 MB gzipped). */
const ready = new Map<string, { plain: Buffer; gzip: Buffer }>();
const readyMax = 4;

function remember(etag: string, plain: Buffer): { plain: Buffer; gzip: Buffer } {
  const body = { plain, gzip: gzipSync(plain) };
  ready.set(etag, body);
  for (const key of ready.keys()) {
    if (ready.size <= readyMax) break;
    ready.delete(key);
  }
  return body;
}

/** The If-None-Match header holds this ETag (a list, or `*`). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}

export async function desktopModelRoutes(app: FastifyInstance, opts: { db: pg.Pool }): Promise<void> {
  const { db } = opts;

  app.get('/api/v1/triage/desktop-model', { preHandler: requireAuth }, async (request, reply) => {
    const { orgId } = request.auth;
    const model = shippedModel();
    const learner = await db.query<{ decisions: number; updated_at: Date }>(
      'SELECT decisions, updated_at FROM triage_learners WHERE org_id = $1',
      [orgId],
    );
    const version = learner.rows[0];
    const categoryMap = await categoryMapOf(db, orgId);
    const etag = `"${createHash('sha256')
      .update(
        JSON.stringify([
          desktopModelFormat,
          model.hash,
          orgId,
          version ? [version.decisions, version.updated_at.getTime()] : null,
          categoryMap,
        ]),
      )
      .digest('base64url')}"`;
    reply.header('etag', etag).header('cache-control', 'private, no-cache').header('vary', 'accept-encoding');
    if (matches(request.headers['if-none-match'], etag)) return reply.code(304).send();
    let body = ready.get(etag);
    if (!body) {
      const state = version
        ? (await db.query<{ state: unknown }>('SELECT state FROM triage_learners WHERE org_id = $1', [orgId]))
            .rows[0]?.state
        : null;
      const plain = `{"format":${JSON.stringify(desktopModelFormat)},"model":${model.text},"learner":${JSON.stringify(
        state ?? null,
      )},"categoryMap":${JSON.stringify(categoryMap)}}`;
      body = remember(etag, Buffer.from(plain, 'utf8'));
    }
    reply.type('application/json; charset=utf-8');
    if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      return reply.header('content-encoding', 'gzip').send(body.gzip);
    }
    return reply.send(body.plain);
  });
}
