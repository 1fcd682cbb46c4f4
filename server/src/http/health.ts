import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { demoHint } from '../accounts/seed-demo';
import { pendingMigrations } from '../db/migrate';
import { errorBody } from './errors';

/** This server's version (server/package.json), named on /health. */
const serverVersion = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * What /health says about the server, beyond «it answers»: that it is Okno, its version, and the HTTP
 * API generation it serves (`/api/v1`). A desktop's «Адрес сервера» screen checks these before it
 * remembers an address (shared/bridge/server-address.ts, judgeHealth).
 */
const identity = { service: 'okno', version: serverVersion, api: 1 } as const;

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  // Liveness: the process answers. Never touches the database. A demo server (OKNO_DEMO=1) also
  // names its demo accounts, so the login screen can offer them; a real deployment never does.
  app.get('/health', async () =>
    app.okno.config.demo ? { status: 'ok', ...identity, demo: demoHint } : { status: 'ok', ...identity },
  );

  // Readiness: the database answers and every migration on disk is applied.
  app.get('/ready', async (request, reply) => {
    try {
      const pending = await pendingMigrations(app.okno.db);
      if (pending.length > 0) {
        return reply
          .code(503)
          .send(
            errorBody('migrations_pending', `Migrations not applied: ${pending.join(', ')}`, { pending }),
          );
      }
      return { status: 'ready' };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return reply.code(503).send(errorBody('database_unavailable', 'Database is not reachable'));
    }
  });
}
