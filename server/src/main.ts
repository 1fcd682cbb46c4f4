/**
 * `npm run server`: configuration from the environment, PostgreSQL (external via DATABASE_URL or
 * embedded in DATA_DIR), migrations, the HTTP server, and a graceful shutdown on SIGTERM/SIGINT:
 * stop accepting → end live streams → drain in-flight requests (closing stragglers after
 * OKNO_SHUTDOWN_GRACE_MS) → close the pool → stop the embedded PostgreSQL.
 */

import { findOrganisation } from './accounts/organisations';
import { demoOrganisationName, seedDemo } from './accounts/seed-demo';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/database';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env, process.argv.slice(2));
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }

  const database = await openDatabase(config, { migrate: true });
  const app = await buildApp({ config, db: database.pool });
  try {
    if (config.demo && !(await findOrganisation(database.pool, demoOrganisationName))) {
      // OKNO_DEMO_YEAR=1 adds the year of «Аналитика» to an empty inbox (the dashboard's screenshot journey).
      const year = process.env.OKNO_DEMO_YEAR ? process.env.OKNO_DEMO_YEAR === '1' : config.demoAppeals;
      const seeded = await seedDemo(database.pool, { appeals: config.demoAppeals, year });
      app.log.info(
        { organisation: seeded.organisation.name },
        'demo organisation created (see server/README.md)',
      );
    }
    await app.listen({ host: config.host, port: config.port });
    if (database.embedded) app.log.info({ port: database.embedded.port }, 'embedded PostgreSQL running');
  } catch (error) {
    app.log.error({ err: error }, 'server failed to start');
    await app.close().catch(() => {});
    await database.close();
    process.exit(1);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: draining requests');
    const force = setTimeout(() => {
      app.log.warn('grace period over: closing remaining connections');
      app.server.closeAllConnections();
    }, config.shutdownGraceMs);
    force.unref();
    try {
      await app.close();
    } catch (error) {
      app.log.error({ err: error }, 'error while closing the server');
    }
    clearTimeout(force);
    await database.close();
    app.log.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

await main();
