/**
 * The HTTP application. It owns no resources: the caller gives the pool and closes it after
 * `app.close()` (main.ts in production, tests/integration/setup/db.ts in tests).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type pg from 'pg';
import { adminChannelRoutes } from './admin/channels';
import { letterheadAndClassifierRoutes } from './admin/letterhead';
import { adminOrganisationRoutes } from './admin/organisation';
import { adminRoutes } from './admin/routes';
import { appealFileRoutes } from './appeals/file-routes';
import { authRoutes } from './auth/routes';
import { installCitizenBot } from './bot';
import { calendarRoutes } from './calendars/routes';
import { channelsPlugin } from './channels';
import { syncCollections } from './collections';
import type { ServerConfig } from './config';
import { controlPlugin } from './control';
import { installContext } from './http/context';
import { frameworkErrorReply, installErrorHandling } from './http/errors';
import { healthRoutes } from './http/health';
import { installInputGuards } from './http/input-guards';
import { type LogOptions, loggerOptions } from './http/logging';
import { lettersPlugin } from './letters';
import { OutboxReadReceipts } from './outbox/read-receipts';
import { personalDataRoutes } from './personal-data/routes';
import { problemRoutes } from './problems/routes';
import { qualityRoutes } from './quality/routes';
import { verdictPageRoutes } from './quality/verdict-page';
import { reportRoutes } from './reports/routes';
import { syncPlugin } from './sync';
import { warmTriage } from './triage';
import { triageControlRoutes } from './triage/control-routes';
import { desktopModelRoutes } from './triage/desktop-model';
import { triageRoutes } from './triage/routes';
import { updatesPlugin } from './updates';

export interface AppDeps {
  config: ServerConfig;
  db: pg.Pool;
  /** Log level/destination override; `false` silences the logger. */
  log?: LogOptions | false;
  /** The clock of time-dependent request handling (`app.okno.now`); tests inject one. */
  now?: () => number;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db } = deps;
  const app = Fastify({
    logger: loggerOptions(config.logLevel, deps.log),
    bodyLimit: config.bodyLimitBytes,
    // We answer 503 ourselves during shutdown, in the common error shape (http/context.ts).
    return503OnClosing: false,
    // X-Forwarded-For is believed only from the configured load balancers (docs/DEPLOYMENT.md).
    trustProxy: config.trustedProxies && config.trustedProxies.length > 0 ? config.trustedProxies : false,
    // Idle keep-alive sockets are closed on shutdown; in-flight requests finish.
    forceCloseConnections: 'idle',
    // A malformed percent-encoding or an overlong path parameter answers in the common error shape.
    frameworkErrors: frameworkErrorReply,
    ajv: {
      // Unknown properties are refused (schemas say additionalProperties: false), never silently dropped.
      customOptions: { removeAdditional: false, allErrors: false },
    },
  });

  installContext(app, config, db, deps.now);
  // The triage model (server/src/triage) is read once, now, not on the first message.
  warmTriage((error) =>
    app.log.error({ err: error }, 'triage model not loaded: appeals arrive without suggestions'),
  );
  installErrorHandling(app);
  installInputGuards(app);

  await app.register(updatesPlugin); // desktop releases and updates; first, its version hook sees every route (updates/)
  await app.register(healthRoutes);
  await app.register(authRoutes, { prefix: '/api/v1' });
  await app.register(personalDataRoutes, { prefix: '/api/v1' });
  await app.register(calendarRoutes, { prefix: '/api/v1' }); // production calendars (calendars/)
  await app.register(adminRoutes, { prefix: '/api/v1' }); // staff administration (admin/routes.ts)
  await app.register(adminChannelRoutes, { prefix: '/api/v1' }); // channel accounts (admin/channels.ts)
  await app.register(letterheadAndClassifierRoutes, { prefix: '/api/v1' }); // «Бланк и подписи», «Классификатор» (admin/letterhead.ts)
  await app.register(adminOrganisationRoutes, { prefix: '/api/v1' }); // «Организация» settings (admin/organisation.ts)

  // ── Replication (server/src/sync/, owned by the sync work) ─────────────────────────────────
  // Register it here, e.g.:  await app.register(syncPlugin, { db, config });
  const bot = installCitizenBot(app, { db, config, now: app.okno.now }); // citizen bot, outbox and notices (server/README.md)
  // Read receipts (VK message_read) mark sent answers delivered (outbox/read-receipts.ts).
  const receipts = new OutboxReadReceipts(db);
  await app.register(channelsPlugin, { db, config, bot, receipts }); // channels/README.md
  // The plugin gets `app.okno` (config, db, onShutdown for its SSE streams) and `requireAuth`.
  // The replicated collections and their writers are composed in collections.ts.
  await app.register(syncPlugin, { db, config, collections: syncCollections });
  await app.register(triageRoutes, { db }); // triage accuracy and automatic routing (triage/routes.ts)
  await app.register(desktopModelRoutes, { db }); // the triage model and learners for desktops (triage/desktop-model.ts)
  await app.register(qualityRoutes, { db }); // answer quality: approval, «Помог ли ответ?», summary (quality/routes.ts)
  await app.register(verdictPageRoutes, { db, config }); // the citizen's «Помог ли ответ?» page from an e-mail link (quality/verdict-page.ts)
  await app.register(triageControlRoutes, { db }); // «Подсказки»: category mapping, decisions (triage/control-routes.ts)
  await app.register(lettersPlugin, { prefix: '/api/v1' }); // letterhead, outgoing numbers, answer and notice letters (letters/)
  await app.register(appealFileRoutes, { db, config }); // an appeal's files, both ways (appeals/file-routes.ts)
  await app.register(controlPlugin, { prefix: '/api/v1' }); // territories, «Аналитика» hot spots and rise alerts (control/)
  await app.register(reportRoutes, { prefix: '/api/v1' }); // ССТУ monthly and on-time reports, XLSX (reports/)
  await app.register(problemRoutes, { db }); // several citizens, one problem: groups answered together (problems/)
  // ─────────────────────────────────────────────────────────────────────────────────────────

  return app;
}
