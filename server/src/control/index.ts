/**
 * «Аналитика» (issue 14): the territories of the organisation (../territories, administrators), the
 * hot-spot dashboard and rise alerts (./routes.ts), and the control job that keeps the dashboard's
 * facts and the appeals' territories (./facts-job.ts). app.ts registers it under /api/v1.
 */
import type { FastifyInstance } from 'fastify';
import { territoryRoutes } from '../territories/routes';
import { ControlJob } from './facts-job';
import { controlRoutes } from './routes';

export async function controlPlugin(app: FastifyInstance): Promise<void> {
  await app.register(territoryRoutes);
  await app.register(controlRoutes);
  const job = new ControlJob(app.okno.db, { now: app.okno.now, log: app.log });
  app.addHook('onReady', async () => job.start());
  const stop = () => job.stop();
  app.okno.onShutdown(stop);
  app.addHook('onClose', stop);
}
