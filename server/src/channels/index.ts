/**
 * The channels plugin, registered once in app.ts:
 *   POST /api/v1/channels/{vk,telegram,max,ok}/<path token>   network webhooks
 *   POST /api/v1/intake/portal                                 portal intake (per-source API key)
 *   POST /api/v1/intake/portal/import                          portal export import (CSV; admin)
 *   POST /api/v1/appeals/:id/comment-invitation                «Написать лично» to a comment's author
 * and, with the server, the pollers of accounts in `polling` mode and of every mailbox.
 * Contracts and the normalised intake API: ./README.md.
 */
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type { ServerConfig } from '../config';
import { AttachmentStore, attachmentsDir } from './attachments';
import { commentInvitationRoutes } from './comments-invitation';
import { emailPolling } from './email/poller';
import { GroupCommit } from './group-commit';
import { installRawJsonParser } from './http';
import { InboundQueue } from './inbound-queue';
import { maxPolling } from './max/polling';
import { maxRoutes } from './max/routes';
import { okCommentsPolling } from './ok/comments';
import { okRoutes } from './ok/routes';
import { type ChannelDeps, processStoredEvent } from './pipeline';
import { PollerHost } from './polling';
import { portalRoutes } from './portal/routes';
import { RawEventWriter } from './raw-events';
import { renormaliseStored } from './renormalise';
import { setChannelSecretKeys } from './secrets';
import { telegramPolling } from './telegram/polling';
import { telegramRoutes } from './telegram/routes';
import { type BotDispatcher, noBotDispatcher, type ReadReceipts } from './types';
import { vkLongPoll } from './vk/polling';
import { vkRoutes } from './vk/routes';

export interface ChannelsPluginOptions {
  db: pg.Pool;
  config: ServerConfig;
  /** The citizen bot (server/src/bot/); no bot answers until one is given. */
  bot?: BotDispatcher;
  /** Read receipts (server/src/outbox/read-receipts.ts): sent answers the citizen read become delivered. */
  receipts?: ReadReceipts;
  /**
   * Start the pollers (default: true, or OKNO_CHANNELS_POLLING=0 to disable). New polling accounts
   * are picked up every OKNO_CHANNELS_POLL_REFRESH_MS (default 10 s).
   */
  polling?: boolean;
}

export async function channelsPlugin(app: FastifyInstance, opts: ChannelsPluginOptions): Promise<void> {
  // Channel secrets are sealed under the personal-data keys (./secrets.ts); the server's are these.
  setChannelSecretKeys(opts.config.personalDataKeys);
  const inboundOptions = {
    ...(process.env.OKNO_INBOUND_SWEEP_MS ? { sweepMs: Number(process.env.OKNO_INBOUND_SWEEP_MS) } : {}),
    ...(process.env.OKNO_INBOUND_STALE_MS ? { staleMs: Number(process.env.OKNO_INBOUND_STALE_MS) } : {}),
  };
  // The webhooks' raw writes have connections of their own, one per insert in flight: a network
  // waits for them, and on the shared pool they queued behind the inbox's and the bot's queries.
  // Four in flight: a commit waits for its WAL flush, and while it does the next batches are
  // already written and flushed with it (the ingest bench saw all 48 requests waiting on two).
  const rawWrites = 4;
  const rawPool = new pg.Pool({ ...opts.db.options, max: rawWrites });
  rawPool.on('error', () => {});
  const rawEvents = new RawEventWriter(rawPool, { concurrency: rawWrites });
  const deps: ChannelDeps = {
    db: opts.db,
    // OKNO_CHANNELS_BOT=0: intake only (benchmarks separating intake cost from the bot's).
    bot: process.env.OKNO_CHANNELS_BOT === '0' ? noBotDispatcher : (opts.bot ?? noBotDispatcher),
    attachments: new AttachmentStore(attachmentsDir(opts.config.dataDir)),
    // OKNO_INTAKE_TRANSACTIONS: intake transactions of one organisation open at once (group-commit.ts).
    intake: new GroupCommit(opts.db, { concurrency: Number(process.env.OKNO_INTAKE_TRANSACTIONS) || 2 }),
    rawEvents,
    inbound: new InboundQueue(
      opts.db,
      (item) => processStoredEvent(deps, item),
      renormaliseStored,
      app.log,
      // The webhooks' acknowledgements go first in a burst (inbound-queue.ts, `intakeWaiting`).
      { ...inboundOptions, intakeWaiting: () => rawEvents.waiting },
    ),
    log: app.log,
    ...(opts.receipts ? { receipts: opts.receipts } : {}),
  };
  await deps.attachments.prepare();
  // Stored webhook events are processed from the start (and the ones a crash left, first of all).
  app.addHook('onReady', async () => deps.inbound.start());
  app.okno.inboundDrained = () => deps.inbound.drained();
  app.okno.onShutdown(() => deps.inbound.stop());
  app.addHook('onClose', async () => {
    await deps.inbound.stop();
    await rawPool.end();
  });
  installRawJsonParser(app);
  vkRoutes(app, deps);
  telegramRoutes(app, deps);
  maxRoutes(app, deps);
  okRoutes(app, deps);
  await app.register(portalRoutes, { deps });
  await app.register(commentInvitationRoutes, { db: opts.db });

  const polling = opts.polling ?? process.env.OKNO_CHANNELS_POLLING !== '0';
  if (polling) {
    const refreshMs = Number(process.env.OKNO_CHANNELS_POLL_REFRESH_MS) || 10_000;
    const adapters = {
      vk: vkLongPoll,
      telegram: telegramPolling,
      max: maxPolling,
      email: emailPolling,
      ok: okCommentsPolling,
    };
    const host = new PollerHost(deps, adapters, refreshMs);
    app.addHook('onReady', async () => {
      await host.start();
    });
    app.okno.onShutdown(() => host.stop());
    app.addHook('onClose', async () => {
      await host.stop();
    });
  }
}

export type { BotDispatcher, BotInboundContext, ChannelAccount } from './types';
