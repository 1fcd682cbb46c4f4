import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EventContractError } from '../common/contracts';
import {
  BodyTooLargeError,
  listen,
  parseWireParams,
  readBody,
  sendJson,
  type UploadedFile,
} from '../common/http';
import { FakeLedger, NumberedQueue } from '../common/ledger';
import { maxContract } from './contract';
import { type MaxAttachment, type MaxUpdate, type MaxUser, maxBody, maxPressOf } from './events';

/** An injected MAX failure: an HTTP status (default `code` string per status) or both spelled out. */
export type MaxErrorCode = number | { readonly status: number; readonly code: string };

export interface MaxFakeOptions {
  readonly token?: string;
  readonly bot?: MaxUser;
  readonly longPollCapMs?: number;
  /** Uploaded files become usable in messages only after this delay (`attachment.not.ready` before). */
  readonly attachmentReadyAfterMs?: number;
}

export interface MaxSentMessage {
  readonly mid: string;
  readonly userId?: number;
  readonly chatId?: number;
  readonly text: string | null;
  readonly attachments: unknown[] | null;
  readonly format?: string;
  readonly notify?: boolean;
  /** Files behind `payload.token`s that were uploaded through the fake. */
  readonly files: UploadedFile[];
  readonly body: Record<string, unknown>;
  readonly at: number;
}

export interface MaxSubscription {
  readonly url: string;
  readonly time: number;
  readonly update_types: string[] | null;
  readonly secret?: string;
}

type MaxResult =
  | { status: 200; body: unknown }
  | { status: number; code: string; message: string; retryAfter?: number };

/** The schema's *AttachmentRequest descriptions: «Должен быть единственным вложением в сообщении». */
const soleAttachmentTypes = new Set(['file', 'audio', 'contact', 'sticker']);

/** ⚠ Only `verify.token` and `attachment.not.ready` are documented; the other code strings are stand-ins. */
const DEFAULT_CODES: Record<number, [string, string]> = {
  400: ['proto.payload', 'Invalid request payload'],
  401: ['verify.token', 'Invalid access_token'],
  403: ['chat.denied', 'Bot is blocked by the user'],
  404: ['not.found', 'Resource not found'],
  405: ['method.not.allowed', 'Method not allowed'],
  429: ['too.many.requests', 'Too many requests'],
  500: ['internal', 'Internal server error'],
  503: ['service.unavailable', 'Service unavailable'],
};

export class MaxFake extends FakeLedger<MaxSentMessage, MaxErrorCode> {
  readonly token: string;
  readonly bot: MaxUser;
  readonly subscriptions: MaxSubscription[] = [];
  /** Users/chats whose sends fail with 403 (blocked the bot / stopped it). */
  readonly blocked = new Set<number>();
  private readonly options: MaxFakeOptions;
  private readonly queue = new NumberedQueue<MaxUpdate>();
  private readonly uploads = new Map<string, { file?: UploadedFile; readyAt: number }>();
  private server?: { url: string; close(): Promise<void> };

  constructor(options: MaxFakeOptions = {}) {
    super('max');
    this.options = options;
    this.token = options.token ?? 'max-bot-token-0123456789';
    this.bot = options.bot ?? {
      user_id: 55_555_555,
      first_name: 'Окно',
      username: 'okno_bot',
      is_bot: true,
      last_activity_time: Date.now(),
      name: 'Окно',
    };
  }

  get url(): string {
    if (!this.server) throw new Error('MAX fake is not started');
    return this.server.url;
  }

  async start(): Promise<this> {
    maxContract();
    this.server = await listen(
      (req, res) => this.handle(req, res),
      () => this.queue.wakeAll(),
    );
    return this;
  }

  async close(): Promise<void> {
    await this.server?.close();
  }

  reset(): void {
    this.resetLedger();
    this.queue.clear();
    this.subscriptions.length = 0;
    this.blocked.clear();
    this.uploads.clear();
  }

  /**
   * Queues an update for GET /updates; broken updates are recorded and thrown, unless `unchecked`
   * (an update that breaks the schema on purpose — poisoned-update tests).
   */
  queueUpdate(update: MaxUpdate, options: { unchecked?: boolean } = {}): MaxUpdate {
    const errors = options.unchecked ? [] : maxContract().validateUpdate(update);
    if (errors.length > 0) {
      this.recordViolation({
        direction: 'event',
        operation: update.update_type,
        kind: 'schema',
        errors,
        payload: update,
      });
      throw new EventContractError(`MAX ${update.update_type}`, errors);
    }
    this.queue.push(update);
    const press = maxPressOf(update);
    if (press) this.expectCallbackAnswer(press, update);
    return update;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    let body: Buffer;
    try {
      body = await readBody(req, 50 * 1024 * 1024);
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        return this.reply(res, this.error(413, 'payload.too.large', 'Request entity too large'));
      throw error;
    }
    if (url.pathname.startsWith('/upload/')) return this.receiveUpload(url, req, body, res);
    const operation = maxContract().operation(method, url.pathname);
    const id = operation?.id ?? `${method} ${url.pathname}`;
    const result = await this.call(id, url, req, body);
    this.recordCall(
      id,
      result.status === 200 ? 'ok' : 'error',
      result.status === 200 ? undefined : result.status,
    );
    this.reply(res, result);
  }

  private reply(res: ServerResponse, result: MaxResult): void {
    if (result.status === 200 && 'body' in result) {
      sendJson(res, 200, result.body);
      return;
    }
    const failure = result as Extract<MaxResult, { code: string }>;
    sendJson(
      res,
      failure.status,
      { code: failure.code, message: failure.message },
      failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {},
    );
  }

  private error(status: number, code?: string, message?: string): MaxResult {
    const [defaultCode, defaultMessage] = DEFAULT_CODES[status] ?? ['error', 'Error'];
    return { status, code: code ?? defaultCode, message: message ?? defaultMessage };
  }

  private async call(id: string, url: URL, req: IncomingMessage, raw: Buffer): Promise<MaxResult> {
    // dev.max.ru: the token goes in `Authorization: <token>`; query tokens are no longer accepted.
    const query = Object.fromEntries(url.searchParams);
    if ('access_token' in query) {
      this.recordViolation({
        direction: 'request',
        operation: id,
        kind: 'protocol',
        errors: ['token passed in the query string'],
        payload: query,
      });
      return this.error(401);
    }
    const authorization = req.headers.authorization;
    if (authorization !== this.token) {
      if (authorization?.replace(/^Bearer\s+/i, '') === this.token)
        this.recordViolation({
          direction: 'request',
          operation: id,
          kind: 'protocol',
          errors: ['Authorization must be the raw token, without "Bearer"'],
          payload: {},
        });
      return this.error(401);
    }
    const injected = this.takeInjectedError(id);
    if (injected) {
      const spec =
        typeof injected.code === 'number' ? { status: injected.code, code: undefined } : injected.code;
      const failure = this.error(spec.status, spec.code, injected.message);
      return injected.retryAfter !== undefined ? { ...failure, retryAfter: injected.retryAfter } : failure;
    }
    const operation = maxContract().operation(req.method ?? 'GET', url.pathname);
    if (!operation)
      return maxContract().knowsPath(url.pathname)
        ? this.error(405)
        : this.error(404, 'not.found', 'Path not found');
    const wire = await parseWireParams(new URL('http://fake/'), req, raw);
    if (operation.hasBody && (wire.encoding !== 'json' || wire.malformed)) {
      const detail = wire.malformed ? `malformed JSON: ${wire.malformed}` : 'body must be application/json';
      this.recordViolation({
        direction: 'request',
        operation: id,
        kind: 'protocol',
        errors: [detail],
        payload: raw.toString('utf8'),
      });
      return this.error(400, 'proto.payload', detail);
    }
    const queryCheck = operation.checkQuery(query);
    if (queryCheck.unknown.length > 0)
      this.recordViolation({
        direction: 'request',
        operation: id,
        kind: 'unknown-parameter',
        errors: queryCheck.unknown.map((n) => `unknown parameter ${n}`),
        payload: query,
      });
    const errors = [...queryCheck.errors, ...(operation.hasBody ? operation.checkBody(wire.fields) : [])];
    if (errors.length > 0) {
      this.recordViolation({
        direction: 'request',
        operation: id,
        kind: 'schema',
        errors,
        payload: { query, body: wire.fields },
      });
      return this.error(400, 'proto.payload', errors[0]);
    }
    return this.dispatch(id, queryCheck.params, wire.fields);
  }

  private async dispatch(
    id: string,
    query: Record<string, unknown>,
    body: Record<string, unknown>,
  ): Promise<MaxResult> {
    switch (id) {
      case 'GET /me':
        return { status: 200, body: { ...this.bot, description: null, commands: null } };
      case 'POST /messages':
        return this.send(id, query, body);
      case 'GET /updates':
        return this.updates(query);
      case 'GET /subscriptions':
        return {
          status: 200,
          body: { subscriptions: this.subscriptions.map(({ secret: _s, ...visible }) => visible) },
        };
      case 'POST /subscriptions': {
        const url = String(body.url);
        const index = this.subscriptions.findIndex((s) => s.url === url);
        if (index >= 0) this.subscriptions.splice(index, 1);
        this.subscriptions.push({
          url,
          time: Date.now(),
          update_types: Array.isArray(body.update_types) ? (body.update_types as string[]) : null,
          ...(typeof body.secret === 'string' ? { secret: body.secret } : {}),
        });
        return { status: 200, body: { success: true } };
      }
      case 'DELETE /subscriptions': {
        const index = this.subscriptions.findIndex((s) => s.url === query.url);
        if (index < 0) return { status: 200, body: { success: false, message: 'Subscription not found' } };
        this.subscriptions.splice(index, 1);
        return { status: 200, body: { success: true } };
      }
      case 'POST /uploads': {
        const key = randomBytes(10).toString('hex');
        this.uploads.set(key, { readyAt: Number.POSITIVE_INFINITY });
        return { status: 200, body: { url: `${this.url}/upload/${key}` } };
      }
      case 'POST /answers':
        // ⚠ MAX's error for an unknown callback_id is not documented.
        return this.answerCallback(String(query.callback_id))
          ? { status: 200, body: { success: true } }
          : this.error(400, 'proto.payload', 'callback_id is unknown or expired');
      default:
        return this.error(404, 'not.found', `${id} is not emulated by the fake`);
    }
  }

  private send(id: string, query: Record<string, unknown>, body: Record<string, unknown>): MaxResult {
    const userId = typeof query.user_id === 'number' ? query.user_id : undefined;
    const chatId = typeof query.chat_id === 'number' ? query.chat_id : undefined;
    if ((userId === undefined) === (chatId === undefined)) {
      const detail = 'exactly one of user_id and chat_id is required';
      this.recordViolation({
        direction: 'request',
        operation: id,
        kind: 'protocol',
        errors: [detail],
        payload: { query, body },
      });
      return this.error(400, 'proto.payload', detail);
    }
    if (this.blocked.has((userId ?? chatId) as number)) return this.error(403);
    const attachments = Array.isArray(body.attachments) ? (body.attachments as MaxAttachment[]) : null;
    if ((attachments?.length ?? 0) > 1 && attachments?.some((a) => soleAttachmentTypes.has(a.type))) {
      const detail = 'a file, audio, contact or sticker must be the only attachment of its message';
      this.recordViolation({
        direction: 'request',
        operation: id,
        kind: 'protocol',
        errors: [detail],
        payload: body,
      });
      return this.error(400, 'proto.payload', detail);
    }
    const files: UploadedFile[] = [];
    for (const attachment of attachments ?? []) {
      const token = attachment.payload?.token;
      const upload = typeof token === 'string' ? this.uploads.get(token) : undefined;
      if (!upload) continue;
      if (Date.now() < upload.readyAt)
        return this.error(400, 'attachment.not.ready', 'Key: errors.process.attachment.file.not.processed');
      if (upload.file) files.push(upload.file);
    }
    const text = typeof body.text === 'string' ? body.text : null;
    const messageBody = maxBody(text, attachments);
    this.sent.push({
      mid: messageBody.mid,
      ...(userId !== undefined ? { userId } : {}),
      ...(chatId !== undefined ? { chatId } : {}),
      text,
      attachments,
      ...(typeof body.format === 'string' ? { format: body.format } : {}),
      ...(typeof body.notify === 'boolean' ? { notify: body.notify } : {}),
      files,
      body,
      at: Date.now(),
    });
    return {
      status: 200,
      body: {
        message: {
          sender: this.bot,
          recipient: { chat_id: chatId ?? userId ?? null, chat_type: 'dialog', user_id: userId ?? null },
          timestamp: Date.now(),
          body: messageBody,
          link: null,
        },
      },
    };
  }

  private async updates(query: Record<string, unknown>): Promise<MaxResult> {
    if (this.subscriptions.length > 0)
      return this.error(
        405,
        'method.not.allowed',
        'Long polling is not available while a webhook subscription exists',
      );
    const limit = typeof query.limit === 'number' ? query.limit : 100;
    const types = Array.isArray(query.types) ? (query.types as string[]) : undefined;
    const marker = typeof query.marker === 'number' ? query.marker : undefined;
    const matching = () =>
      this.queue
        .from(marker ?? 0)
        .filter((e) => !types || types.includes(e.update.update_type))
        // Without a marker MAX returns only the latest update (documented behaviour).
        .slice(marker === undefined ? -1 : 0)
        .slice(0, limit);
    if (marker !== undefined) this.queue.dropBelow(marker); // passing a marker acknowledges what precedes it
    if (matching().length === 0) {
      const timeoutMs = Math.min(
        (typeof query.timeout === 'number' ? query.timeout : 30) * 1000,
        this.options.longPollCapMs ?? 2000,
      );
      await this.queue.waitForPush(timeoutMs);
    }
    const entries = matching();
    const last = entries.at(-1);
    return {
      status: 200,
      body: {
        updates: entries.map((e) => e.update),
        marker: last ? last.seq + 1 : (marker ?? this.queue.next),
      },
    };
  }

  private async receiveUpload(
    url: URL,
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
  ): Promise<void> {
    const key = url.pathname.slice('/upload/'.length);
    const slot = this.uploads.get(key);
    const wire = await parseWireParams(url, req, body);
    const file = wire.files.data ?? Object.values(wire.files)[0];
    if (!slot || !file) {
      sendJson(res, 400, { code: 'upload.failed', message: 'no file in the upload' });
      return;
    }
    const token = `tok_${randomBytes(10).toString('hex')}`;
    this.uploads.delete(key);
    this.uploads.set(token, { file, readyAt: Date.now() + (this.options.attachmentReadyAfterMs ?? 0) });
    sendJson(res, 200, { token });
  }
}

export async function startMaxFake(options: MaxFakeOptions = {}): Promise<MaxFake> {
  return new MaxFake(options).start();
}
