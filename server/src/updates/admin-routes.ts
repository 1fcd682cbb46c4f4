/**
 * Releases of the desktop app, for the organisation's administrators (the CLI's `release-*`
 * commands do the same, server/src/cli/releases.ts):
 *
 *   GET   /api/v1/admin/releases                     → { releases }
 *   POST  /api/v1/admin/releases/uploads?name=…      bare bytes (application/octet-stream, ≤ 1 GiB)
 *                                                    → { upload: { id, name, size } }
 *   POST  /api/v1/admin/releases                     { files: [{ uploadId, name }], rolloutPercent?,
 *                                                      rolloutDepartments? } → { release }
 *         checked like the CLI's folder: a file whose sha512 differs from latest*.yml → 400 checksum_mismatch
 *   PATCH /api/v1/admin/releases/:id                 { rolloutPercent?, rolloutDepartments? } → { release }
 *   POST  /api/v1/admin/releases/:id/withdraw        → { release }
 */
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireRole } from '../auth/require-auth';
import { ApiError } from '../http/errors';
import { idParams } from '../http/params';
import type { ReleaseFiles } from './release-files';
import {
  type CandidateFile,
  listReleases,
  publishRelease,
  ReleaseError,
  setRollout,
  withdrawRelease,
} from './releases';

const maxReleaseFileBytes = 1024 * 1024 * 1024;
const fileName = {
  type: 'string',
  minLength: 1,
  maxLength: 200,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
} as const;
const rolloutProperties = {
  rolloutPercent: { type: 'integer', minimum: 0, maximum: 100 },
  rolloutDepartments: {
    type: 'array',
    maxItems: 100,
    items: { type: 'string', minLength: 1, maxLength: 100 },
  },
} as const;

async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ReleaseError) throw new ApiError(error.status, error.code, error.message);
    throw error;
  }
}

export async function adminReleaseRoutes(app: FastifyInstance, opts: { files: ReleaseFiles }): Promise<void> {
  const { db } = app.okno;
  const admin = requireRole('admin');
  // Installers are streamed to disk as they arrive, never held in memory (this plugin's scope only).
  // The route checks the administrator on `onRequest`, so nothing is written for anyone else.
  app.addContentTypeParser('application/octet-stream', async (request: FastifyRequest, payload: Readable) => {
    if (!request.auth) throw new ApiError(415, 'unsupported_media_type', 'This address takes no file');
    const received = await opts.files.receive(request.auth.orgId, payload, maxReleaseFileBytes);
    if (received === 'too-large')
      throw new ApiError(413, 'payload_too_large', 'A release file is at most 1 GiB');
    return { uploadId: received.id, size: received.digest.size };
  });

  app.get('/api/v1/admin/releases', { preHandler: admin }, async (request) => ({
    releases: await listReleases(db, request.auth.orgId),
  }));

  app.post<{ Querystring: { name: string }; Body: { uploadId: string; size: number } | undefined }>(
    '/api/v1/admin/releases/uploads',
    {
      onRequest: admin,
      bodyLimit: maxReleaseFileBytes,
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['name'],
          properties: { name: fileName },
        },
      },
    },
    async (request) => {
      const received = request.body;
      if (!received || typeof received.uploadId !== 'string')
        throw new ApiError(415, 'unsupported_media_type', 'Send the file as application/octet-stream');
      return { upload: { id: received.uploadId, name: request.query.name, size: received.size } };
    },
  );

  app.post<{
    Body: {
      files: { uploadId: string; name: string }[];
      rolloutPercent?: number;
      rolloutDepartments?: string[];
    };
  }>(
    '/api/v1/admin/releases',
    {
      preHandler: admin,
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: {
            files: {
              type: 'array',
              minItems: 1,
              maxItems: 20,
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['uploadId', 'name'],
                properties: { uploadId: { type: 'string', pattern: '^[0-9a-f-]{36}$' }, name: fileName },
              },
            },
            ...rolloutProperties,
          },
        },
      },
    },
    async (request) => {
      const { auth } = request;
      const files: CandidateFile[] = [];
      for (const file of request.body.files) {
        const path = opts.files.uploadPath(auth.orgId, file.uploadId);
        const digest = path ? await opts.files.digestOf(path).catch(() => null) : null;
        if (!path || !digest)
          throw new ApiError(400, 'upload_not_found', `${file.name}: no such upload; upload the file again`);
        files.push({ name: file.name, path, digest, upload: true });
      }
      const release = await answering(() =>
        publishRelease(db, opts.files, {
          orgId: auth.orgId,
          actorUserId: auth.userId,
          files,
          rollout: {
            ...(request.body.rolloutPercent !== undefined ? { percent: request.body.rolloutPercent } : {}),
            ...(request.body.rolloutDepartments ? { departments: request.body.rolloutDepartments } : {}),
          },
        }),
      );
      return { release };
    },
  );

  app.patch<{ Params: { id: string }; Body: { rolloutPercent?: number; rolloutDepartments?: string[] } }>(
    '/api/v1/admin/releases/:id',
    {
      preHandler: admin,
      schema: {
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: rolloutProperties,
        },
      },
    },
    async (request) => ({
      release: await answering(() =>
        setRollout(db, {
          orgId: request.auth.orgId,
          actorUserId: request.auth.userId,
          release: request.params.id,
          ...(request.body.rolloutPercent !== undefined ? { percent: request.body.rolloutPercent } : {}),
          ...(request.body.rolloutDepartments ? { departments: request.body.rolloutDepartments } : {}),
        }),
      ),
    }),
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/admin/releases/:id/withdraw',
    { preHandler: admin, schema: { params: idParams } },
    async (request) => ({
      release: await answering(() =>
        withdrawRelease(db, {
          orgId: request.auth.orgId,
          actorUserId: request.auth.userId,
          release: request.params.id,
        }),
      ),
    }),
  );
}
