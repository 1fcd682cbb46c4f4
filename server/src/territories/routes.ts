/**
 * «Территории» of «Администрирование» (renderer/features/admin/TerritoriesTab.tsx), administrators of
 * their own organisation only:
 *   GET   /api/v1/admin/territories              → { territories: Territory[] } (with appeal counts)
 *   POST  /api/v1/admin/territories              { kind, parentId, name, variants, streets } → { territory }
 *   PATCH /api/v1/admin/territories/:id          { name?, parentId?, variants?, streets? } → { territory, changed }
 *   POST  /api/v1/admin/territories/:id/delete   → { deleted: true }   (409 territory_has_settlements)
 *   POST  /api/v1/admin/territories/import       { fileName, content (base64 of CSV or XLSX) }
 *                                                 → { created, updated }
 * An import with a bad row is 400 `territories_invalid`, details `{ rows: [{ row, problem }] }` (every
 * bad row, spreadsheet numbering), or `{ file: problem }` for a file that is not a table; nothing is
 * stored. Each change is audited (./store.ts) and starts the backfill of appeals' territories.
 */
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../auth/require-auth';
import { ApiError } from '../http/errors';
import { parseTerritoryFile } from './import';
import {
  createTerritory,
  deleteTerritory,
  importTerritories,
  type TerritoryInput,
  territoriesWithCounts,
  updateTerritory,
} from './store';

const name = { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' } as const;
const names = { type: 'array', maxItems: 200, items: { type: 'string', maxLength: 200 } } as const;
const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

/** A file of a few thousand rows is well under a megabyte; base64 adds a third. */
const importBodyLimit = 4 * 1024 * 1024;

export async function territoryRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.okno;
  app.addHook('preHandler', requireRole('admin'));
  const actor = (request: { auth: { userId: string; deviceId: string | null } }) => ({
    userId: request.auth.userId,
    deviceId: request.auth.deviceId,
  });

  app.get('/admin/territories', async (request) => ({
    territories: await territoriesWithCounts(db, request.auth.orgId),
  }));

  app.post<{ Body: Omit<TerritoryInput, 'variants' | 'streets'> & Partial<TerritoryInput> }>(
    '/admin/territories',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'parentId', 'name'],
          properties: {
            kind: { enum: ['district', 'settlement'] },
            parentId: { type: ['string', 'null'], maxLength: 64 },
            name,
            variants: names,
            streets: names,
          },
        },
      },
    },
    async (request) => {
      const body = {
        ...request.body,
        variants: request.body.variants ?? [],
        streets: request.body.streets ?? [],
      };
      return { territory: await createTerritory(db, request.auth.orgId, body, actor(request)) };
    },
  );

  app.patch<{ Params: { id: string }; Body: Partial<Omit<TerritoryInput, 'kind'>> }>(
    '/admin/territories/:id',
    {
      schema: {
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            parentId: { type: ['string', 'null'], maxLength: 64 },
            name,
            variants: names,
            streets: names,
          },
        },
      },
    },
    async (request) =>
      updateTerritory(db, request.auth.orgId, request.params.id, request.body, actor(request)),
  );

  app.post<{ Params: { id: string } }>(
    '/admin/territories/:id/delete',
    { schema: { params: idParams } },
    async (request) => {
      await deleteTerritory(db, request.auth.orgId, request.params.id, actor(request));
      return { deleted: true };
    },
  );

  app.post<{ Body: { fileName: string; content: string } }>(
    '/admin/territories/import',
    {
      bodyLimit: importBodyLimit,
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['fileName', 'content'],
          properties: {
            fileName: { type: 'string', maxLength: 300 },
            content: { type: 'string', minLength: 1, maxLength: importBodyLimit },
          },
        },
      },
    },
    async (request) => {
      const parsed = await parseTerritoryFile(Buffer.from(request.body.content, 'base64'));
      if (!parsed.ok) {
        const details = 'file' in parsed ? { file: parsed.file } : { rows: parsed.rows };
        throw new ApiError(400, 'territories_invalid', 'the territories file is refused', details);
      }
      return importTerritories(db, request.auth.orgId, parsed.rows, {
        ...actor(request),
        fileName: request.body.fileName,
      });
    },
  );
}
