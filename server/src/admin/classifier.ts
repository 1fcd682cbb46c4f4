/**
 * The thematic classifier edition (ССТУ) of the organisation (../classifier/editions.ts):
 *   GET /api/v1/admin/classifier   → { classifier: ClassifierEditionSummary }   administrators
 *   PUT /api/v1/admin/classifier   (an okno-classifier/1 edition) → { classifier }   administrators
 *   GET /api/v1/classifier         → { edition: <okno-classifier/1> | null, loadedAt }   any staff
 *   POST /api/v1/admin/classifier/import { fileName, edition, content (base64 CSV or XLSX) } → { classifier }
 *     administrators; the published table (../classifier/table-import.ts); a refusal is 400
 *     `classifier_file_invalid` with details `{ row, column, key, params }`.
 * A PUT is checked by the desktop's own loadClassifier: a refusal is 400 `classifier_invalid` with the
 * reason as an i18n key of `domain:classifier.*` (details `{ key, params }`), nothing stored; a body
 * over 8 MiB is 413. The staff route serves the edition to the desktops, which keep a copy for offline
 * work and fall back to the bundled sample when the organisation has loaded none (`edition: null`).
 */
import type { FastifyInstance } from 'fastify';
import { loadSampleClassifier } from '../../../shared/domain/classifier';
import { requireAuth, requireRole } from '../auth/require-auth';
import { classifierSummary, loadOrganisationEdition, saveClassifierEdition } from '../classifier/editions';
import { editionFromTable } from '../classifier/table-import';
import { ApiError } from '../http/errors';

/** An official edition is a few thousand entries, well under a megabyte; the loader allows 100 000. */
const classifierBodyLimit = 8 * 1024 * 1024;

const sample = loadSampleClassifier();
if (!sample.ok) throw new Error(`the bundled classifier edition does not load: ${sample.error.code}`);
const bundled = sample.value;

export async function classifierRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.okno;
  const adminOnly = requireRole('admin');

  app.get('/admin/classifier', { preHandler: adminOnly }, async (request) => ({
    classifier: await classifierSummary(db, request.auth.orgId, bundled),
  }));

  app.put(
    '/admin/classifier',
    { preHandler: adminOnly, bodyLimit: classifierBodyLimit, schema: { body: { type: 'object' } } },
    async (request) => {
      const { auth } = request;
      const saved = await saveClassifierEdition(db, auth.orgId, request.body, {
        userId: auth.userId,
        deviceId: auth.deviceId,
      });
      if (!saved.ok) {
        throw new ApiError(400, 'classifier_invalid', `the edition is refused: ${saved.error.code}`, {
          key: saved.error.code,
          params: saved.error.params ?? {},
        });
      }
      return { classifier: await classifierSummary(db, auth.orgId, bundled) };
    },
  );

  app.post<{ Body: { fileName: string; edition: string; content: string } }>(
    '/admin/classifier/import',
    {
      preHandler: adminOnly,
      bodyLimit: Math.ceil(classifierBodyLimit * 1.4),
      schema: {
        body: {
          type: 'object',
          required: ['fileName', 'edition', 'content'],
          additionalProperties: false,
          properties: {
            fileName: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\.(csv|xlsx)$' },
            edition: { type: 'string', minLength: 1, maxLength: 100 },
            content: { type: 'string', maxLength: Math.ceil(classifierBodyLimit * 1.4) },
          },
        },
      },
    },
    async (request) => {
      const { auth } = request;
      const { fileName, edition, content } = request.body;
      const table = await editionFromTable(fileName, Buffer.from(content, 'base64'), edition.trim());
      if (!table.ok) {
        const { row, column } = table.error;
        throw new ApiError(
          400,
          'classifier_file_invalid',
          `row ${row}, column ${column}: ${table.error.key}`,
          {
            ...table.error,
            params: table.error.params ?? {},
          },
        );
      }
      const saved = await saveClassifierEdition(db, auth.orgId, table.value, {
        userId: auth.userId,
        deviceId: auth.deviceId,
      });
      if (!saved.ok)
        throw new ApiError(400, 'classifier_invalid', saved.error.code, {
          key: saved.error.code,
          params: saved.error.params ?? {},
        });
      return { classifier: await classifierSummary(db, auth.orgId, bundled) };
    },
  );

  app.get('/classifier', { preHandler: requireAuth }, async (request) => {
    const stored = await loadOrganisationEdition(db, request.auth.orgId);
    return { edition: stored?.content ?? null, loadedAt: stored?.loadedAt ?? null };
  });
}
