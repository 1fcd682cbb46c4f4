/**
 * Letters (issue 10): the organisation's letterhead, outgoing numbers, answer and notice letters as
 * PDF and DOCX (./routes.ts), and the job that issues letters and queues postal notices
 * (./postal-notices.ts). app.ts registers it under /api/v1.
 */
import type { FastifyInstance } from 'fastify';
import { LetterJob } from './postal-notices';
import { letterRoutes } from './routes';

export async function lettersPlugin(app: FastifyInstance): Promise<void> {
  await letterRoutes(app);
  const job = new LetterJob(app.okno.db, { now: app.okno.now, log: app.log });
  app.addHook('onReady', async () => job.start());
  const stop = () => job.stop();
  app.okno.onShutdown(stop);
  app.addHook('onClose', stop);
}
