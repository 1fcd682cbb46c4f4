/**
 * Desktop releases and updates from the organisation's own server (issue 16, docs/RELEASES.md):
 * the administrators' releases (./admin-routes.ts), the desktops' update feed (./feed-routes.ts),
 * and the version each desktop runs, learned from the `X-Okno-Version` header of every
 * authenticated API call (sync included) and listed for the supervisor (./desktops.ts).
 *
 * Registered before the other routes and not encapsulated (skip-override), so its one response
 * hook sees every route; its routes and their upload parser live in an encapsulated child.
 */
import type { FastifyInstance } from 'fastify';
import { adminReleaseRoutes } from './admin-routes';
import { createVersionRecorder, versionOf } from './desktops';
import { updateFeedRoutes } from './feed-routes';
import type { Platform } from './metadata';
import { ReleaseFiles, releasesDir } from './release-files';

function platformOf(userAgent: string | undefined): Platform | null {
  if (!userAgent) return null;
  if (/Windows/i.test(userAgent)) return 'win';
  return /Linux/i.test(userAgent) ? 'linux' : null;
}

async function updates(app: FastifyInstance): Promise<void> {
  const { db, config, now } = app.okno;
  const files = new ReleaseFiles(releasesDir(config.dataDir));
  const record = createVersionRecorder(db, now);
  // Uploads a day old that were never published are removed at start (a refused or abandoned release).
  void files
    .pruneUploads(now(), 24 * 60 * 60 * 1000)
    .catch((error) => app.log.warn({ err: error }, 'old release uploads not removed'));
  app.addHook('onResponse', async (request, reply) => {
    const version = request.auth && reply.statusCode < 400 ? versionOf(request.headers) : null;
    if (!version) return;
    const synced = request.url.startsWith('/api/v1/sync/');
    await record(request.auth, version, platformOf(request.headers['user-agent']), synced).catch((error) =>
      request.log.warn({ err: error }, 'desktop version not recorded'),
    );
  });
  await app.register(async (routes) => {
    await routes.register(adminReleaseRoutes, { files });
    await routes.register(updateFeedRoutes, { files });
  });
}

export const updatesPlugin = Object.assign(updates, { [Symbol.for('skip-override')]: true });
