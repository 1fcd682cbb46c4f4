/**
 * The citizen bot and the outbox, wired into the server (server/README.md, "Citizen bot and
 * outbox"): the dispatcher the channel adapters hand events to, the outbox delivery worker, the
 * notice job and the retention of transient citizen data (../jobs/retention.ts). Workers start
 * when the server is ready and stop on shutdown.
 *
 *   const bot = installCitizenBot(app, { db, config });
 *   await app.register(channelsPlugin, { db, config, bot: bot.dispatcher });
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { withAnswerFiles } from '../appeals/answer-files';
import { channelAccountCredentials } from '../channels/accounts';
import { AttachmentStore, attachmentsDir } from '../channels/attachments';
import { networkSenders } from '../channels/senders';
import type { ServerConfig } from '../config';
import { RetentionJob } from '../jobs/retention';
import { CredentialRegistry } from '../outbox/credentials';
import { OutboxWorker, type OutboxWorkerOptions } from '../outbox/worker';
import { VerdictJob } from '../quality/verdict';
import { publicBaseUrl } from '../quality/verdict-email';
import { withAnswerLetter } from './answer-letter';
import { CitizenBot } from './dispatcher';
import { NoticeJob } from './notices';

export interface CitizenBotInstallation {
  dispatcher: CitizenBot;
  /** Extra send credentials (tests, `npm run citizen`); `channel_accounts` is read after it. */
  credentials: CredentialRegistry;
  outbox: OutboxWorker;
  notices: NoticeJob;
  retention: RetentionJob;
  /** «Помог ли ответ?» after answered appeals (../quality/verdict.ts). */
  verdicts: VerdictJob;
}

declare module 'fastify' {
  interface FastifyInstance {
    citizenBot: CitizenBotInstallation;
  }
}

export interface InstallOptions {
  db: pg.Pool;
  config: ServerConfig;
  /** Run the outbox worker and the notice job in this process (default: true; OKNO_OUTBOX=0 turns off). */
  workers?: boolean;
  outbox?: Partial<Omit<OutboxWorkerOptions, 'db' | 'credentials'>>;
  noticeIntervalMs?: number;
  /** The clock the wizard's idle timeout and the retention rounds read (`app.okno.now`). */
  now?: () => number;
}

export function installCitizenBot(app: FastifyInstance, options: InstallOptions): CitizenBot {
  const { db, config } = options;
  const credentials = new CredentialRegistry();
  const files = new AttachmentStore(attachmentsDir(config.dataDir));
  credentials.addResolver(channelAccountCredentials(db));
  const outbox = new OutboxWorker({
    db,
    credentials,
    senders: networkSenders,
    // The answer letter (kept in the row), then the official's files (read from the store each time).
    prepare: async (message) => withAnswerFiles(db, files, await withAnswerLetter(db, message)),
    log: app.log,
    ...options.outbox,
  });
  const notices = new NoticeJob(db, {
    intervalMs: options.noticeIntervalMs ?? 1000,
    onEnqueued: () => outbox.wake(),
    log: app.log,
  });
  const idleTimeoutMs = config.wizardIdleHours * 3600_000;
  const now = options.now ?? Date.now;
  const dispatcher = new CitizenBot({
    db,
    personalData: config,
    onEnqueued: () => outbox.wake(),
    log: app.log,
    idleTimeoutMs,
    now,
  });
  const retention = new RetentionJob(db, { wizardIdleMs: idleTimeoutMs, log: app.log, now });
  const verdicts = new VerdictJob(db, config.verdictDelaySeconds * 1000, {
    onAsked: () => outbox.wake(),
    email: { secret: config.tokenSecret, baseUrl: () => publicBaseUrl(app.server) },
    now,
    log: app.log,
  });
  app.decorate('citizenBot', { dispatcher, credentials, outbox, notices, retention, verdicts });
  const workers = options.workers ?? process.env.OKNO_OUTBOX !== '0';
  if (workers) {
    app.addHook('onReady', async () => {
      outbox.start();
      notices.start();
      retention.start();
      verdicts.start();
    });
    const stop = async () => {
      await verdicts.stop();
      await retention.stop();
      await notices.stop();
      await outbox.stop();
    };
    app.okno.onShutdown(stop);
    app.addHook('onClose', stop);
  }
  return dispatcher;
}

export { CitizenBot } from './dispatcher';
