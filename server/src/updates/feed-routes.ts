/**
 * The update feed of the organisation's desktops, over the same authenticated connection as
 * everything else (any signed-in role; only the caller's organisation's releases). Compatible with
 * electron-updater's generic provider pointed at `<server>/api/v1/updates/<platform>`:
 *
 *   GET /api/v1/updates/status?platform=win|linux&channel=latest
 *         → { current, offered, downgrade }   what the desktop should run; `downgrade`: it runs a
 *           withdrawn version and must go back (electron-updater's allowDowngrade)
 *   GET /api/v1/updates/:platform/latest.yml | latest-linux.yml | <channel>[-linux].yml
 *         → the offered release's metadata, file urls relative to the feed (404 `no_release`: none)
 *   GET /api/v1/updates/:platform/files/:version/:name   → the file, with Range (206/416)
 *   GET /api/v1/updates/desktops   (supervisor, admin) → { desktops } by version and last sync
 *
 * The desktop names its version in `X-Okno-Version` (./desktops.ts).
 */
import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { AuthContext } from '../auth/context';
import { requireAuth, requireRole } from '../auth/require-auth';
import { ApiError, errorBody, notFound } from '../http/errors';
import { deviceKeyOf, listDesktops, versionOf } from './desktops';
import { feedFileName, metadataFileName, type Platform, renderMetadata } from './metadata';
import { parseRange } from './range';
import type { ReleaseFiles } from './release-files';
import { offerFor, releaseFile } from './releases';

const platforms = ['win', 'linux'] as const;
const platformParam = { type: 'string', enum: platforms } as const;
const channelPattern = '^[a-z][a-z0-9]{0,19}$';
const namePattern = '^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$';
const versionPattern = '^[0-9A-Za-z.+-]{1,64}$';

function desktopOf(auth: AuthContext) {
  return { deviceKey: deviceKeyOf(auth), departmentIds: auth.departmentIds };
}

export async function updateFeedRoutes(app: FastifyInstance, opts: { files: ReleaseFiles }): Promise<void> {
  const { db } = app.okno;

  app.get<{ Querystring: { platform: Platform; channel: string } }>(
    '/api/v1/updates/status',
    {
      preHandler: requireAuth,
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['platform'],
          properties: {
            platform: platformParam,
            channel: { type: 'string', pattern: channelPattern, default: 'latest' },
          },
        },
      },
    },
    async (request) => {
      const current = versionOf(request.headers);
      const offer = await offerFor(db, {
        orgId: request.auth.orgId,
        channel: request.query.channel,
        platform: request.query.platform,
        desktop: desktopOf(request.auth),
      });
      return {
        current,
        offered: offer.release ? { version: offer.release.version } : null,
        downgrade: current !== null && offer.release !== null && offer.withdrawnVersions.includes(current),
      };
    },
  );

  app.get<{ Params: { platform: Platform; file: string } }>(
    '/api/v1/updates/:platform/:file',
    {
      preHandler: requireAuth,
      schema: {
        params: {
          type: 'object',
          required: ['platform', 'file'],
          properties: { platform: platformParam, file: { type: 'string', maxLength: 40 } },
        },
      },
    },
    async (request, reply) => {
      const { platform, file } = request.params;
      const named = metadataFileName(file);
      if (!named || feedFileName(named.channel, platform) !== file) throw notFound('No such update metadata');
      const offer = await offerFor(db, {
        orgId: request.auth.orgId,
        channel: named.channel,
        platform,
        desktop: desktopOf(request.auth),
      });
      if (!offer.release)
        throw new ApiError(
          404,
          'no_release',
          `No ${named.channel} release for ${platform} has been uploaded`,
        );
      return reply
        .header('content-type', 'text/yaml; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(renderMetadata(offer.release.metadata));
    },
  );

  app.get<{ Params: { platform: Platform; version: string; name: string } }>(
    '/api/v1/updates/:platform/files/:version/:name',
    {
      preHandler: requireAuth,
      schema: {
        params: {
          type: 'object',
          required: ['platform', 'version', 'name'],
          properties: {
            platform: platformParam,
            version: { type: 'string', pattern: versionPattern },
            name: { type: 'string', pattern: namePattern },
          },
        },
      },
    },
    async (request, reply) => {
      const file = await releaseFile(db, {
        orgId: request.auth.orgId,
        version: request.params.version,
        name: request.params.name,
      });
      if (!file) throw notFound('No such release file');
      const range = parseRange(request.headers.range, file.size);
      reply
        .header('accept-ranges', 'bytes')
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', `attachment; filename="${request.params.name}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store');
      if (range === 'unsatisfiable') {
        return reply
          .code(416)
          .header('content-range', `bytes */${file.size}`)
          .header('content-type', 'application/json; charset=utf-8')
          .send(errorBody('range_not_satisfiable', `The file has ${file.size} bytes`));
      }
      const path = opts.files.pathOf(file.sha256);
      if (range === null) {
        return reply.header('content-length', file.size).send(createReadStream(path));
      }
      return reply
        .code(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${file.size}`)
        .header('content-length', range.end - range.start + 1)
        .send(createReadStream(path, { start: range.start, end: range.end }));
    },
  );

  app.get(
    '/api/v1/updates/desktops',
    { preHandler: requireRole('supervisor', 'admin') },
    async (request) => ({
      desktops: await listDesktops(db, request.auth.orgId),
    }),
  );
}
