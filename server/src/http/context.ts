/**
 * `app.okno`: what every route and plugin of the server shares — configuration, the pool, and the
 * shutdown hook registry. Long-lived responses (SSE streams) register a hook with
 * `app.okno.onShutdown(fn)` to end themselves when the server drains; hooks run before the HTTP
 * server stops accepting and waits for in-flight requests.
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { AuthContext } from '../auth/context';
import type { ServerConfig } from '../config';
import { errorBody } from './errors';

export type ShutdownHook = () => void | Promise<void>;

/** Decides whether the caller may see an applicant of their organisation (department scope). */
export type ApplicantVisibility = (auth: AuthContext, applicantId: string) => Promise<boolean>;

export interface OknoContext {
  readonly config: ServerConfig;
  readonly db: pg.Pool;
  /** The server's clock, epoch milliseconds (tests inject one; sign-in budgets read it). */
  readonly now: () => number;
  /** True from the moment shutdown starts; new requests get 503. */
  readonly closing: boolean;
  /** Registers a hook run when shutdown starts (end streams, stop timers). Returns an unregister function. */
  onShutdown(hook: ShutdownHook): () => void;
  /**
   * Department scope of applicants, installed by the module that owns appeals. Until then every
   * applicant of the caller's organisation counts as visible to the roles allowed to reveal.
   */
  applicantVisibility: ApplicantVisibility;
  /**
   * Resolves once every webhook event this process accepted is in the inbox (installed by the
   * channels plugin; tests wait on it, since webhooks are acknowledged before normalisation).
   */
  inboundDrained: () => Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    okno: OknoContext;
  }
}

export function installContext(
  app: FastifyInstance,
  config: ServerConfig,
  db: pg.Pool,
  now: () => number = Date.now,
): void {
  const hooks = new Set<ShutdownHook>();
  let closing = false;
  const context: OknoContext = {
    config,
    db,
    now,
    get closing() {
      return closing;
    },
    onShutdown(hook) {
      hooks.add(hook);
      return () => hooks.delete(hook);
    },
    applicantVisibility: async () => true,
    inboundDrained: async () => {},
  };
  app.decorate('okno', context);

  app.addHook('onRequest', async (_request, reply) => {
    if (closing) {
      reply.header('connection', 'close');
      return reply.code(503).send(errorBody('shutting_down', 'The server is shutting down; retry shortly'));
    }
  });

  // A response finished during the drain must not leave its keep-alive socket open: the HTTP
  // server waits for every socket, and an idle one would hold the shutdown until keepAliveTimeout.
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  // preClose runs before the HTTP server stops listening and waits for in-flight requests, so
  // streams ended here let the drain finish. Sockets that become idle later (a stream that ended
  // itself, a response whose headers went out before the drain) are swept until the server closes.
  app.addHook('preClose', async () => {
    closing = true;
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
    sweep.unref();
    app.server.once('close', () => clearInterval(sweep));
    const pending = [...hooks].map(async (hook) => {
      try {
        await hook();
      } catch (error) {
        app.log.error({ err: error }, 'shutdown hook failed');
      }
    });
    await Promise.all(pending);
  });
}
