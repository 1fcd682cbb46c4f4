import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, listen, parseWireParams, readBody, sendJson } from '../common/http';
import { FakeLedger, NumberedQueue } from '../common/ledger';
import { type OkMessageEvent, okJson } from './events';

/**
 * OK group Bot API (Graph API) fake, from the human documentation only (no schema exists).
 * Errors use the "traditional OK API" format the Bot API v2 adopted: HTTP 200, header
 * `invocation-error: <code>`, body `{error_code, error_msg, error_data}` (apiok.ru/dev/errors).
 */

export interface OkFakeOptions {
  readonly token?: string;
  readonly longPollCapMs?: number;
}

export interface OkSentMessage {
  readonly messageId: string;
  readonly chatId: string;
  readonly text?: string;
  readonly attachments: unknown[];
  readonly body: Record<string, unknown>;
  readonly at: number;
}

const ERROR_NAMES: Record<number, string> = {
  1: 'UNKNOWN',
  2: 'SERVICE',
  3: 'METHOD',
  4: 'REQUEST',
  7: 'ACTION_BLOCKED',
  8: 'FLOOD_BLOCKED',
  9: 'IP_BLOCKED',
  10: 'PERMISSION_DENIED',
  11: 'LIMIT_REACHED',
  100: 'PARAM',
  102: 'PARAM_SESSION_EXPIRED',
  103: 'PARAM_SESSION_KEY',
};

type OkResult = { body: unknown } | { error: number; message: string };

export class OkFake extends FakeLedger<OkSentMessage, number> {
  readonly token: string;
  /** Webhook URLs registered through /graph/me/subscribe. */
  readonly subscriptions: Array<{ url: string; time: number }> = [];
  /** Chats whose user has not allowed group messages: sends fail with PERMISSION_DENIED ⚠. */
  readonly notAllowed = new Set<string>();
  private readonly options: OkFakeOptions;
  private readonly queue = new NumberedQueue<OkMessageEvent>();
  private longPolling = false;
  private nextMessage = 1;
  private server?: { url: string; close(): Promise<void> };

  constructor(options: OkFakeOptions = {}) {
    super('ok');
    this.options = options;
    this.token = options.token ?? 'tkn1okFakeGroupToken';
  }

  get url(): string {
    if (!this.server) throw new Error('OK fake is not started');
    return this.server.url;
  }

  async start(): Promise<this> {
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
    this.notAllowed.clear();
    this.longPolling = false;
    this.nextMessage = 1;
  }

  /** Queues an event for GET /graph/me/updates (long-polling subscription). */
  queueUpdate(event: OkMessageEvent): void {
    this.queue.push(event);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const operation = `${req.method} ${url.pathname.replace(/chat:[A-Za-z0-9]+/, 'chat:ID')}`;
    let raw: Buffer;
    try {
      raw = await readBody(req, 10 * 1024 * 1024);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      raw = Buffer.alloc(0);
    }
    const result = await this.call(operation, url, req, raw);
    if ('error' in result) {
      this.recordCall(operation, 'error', result.error);
      const name = ERROR_NAMES[result.error] ?? 'UNKNOWN';
      sendJson(
        res,
        200,
        { error_code: result.error, error_msg: `${name} : ${result.message}`, error_data: null },
        { 'invocation-error': String(result.error) },
      );
      return;
    }
    this.recordCall(operation, 'ok');
    const text = okJson(result.body);
    res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
    res.end(text);
  }

  private violation(operation: string, detail: string, payload: unknown): OkResult {
    this.recordViolation({ direction: 'request', operation, kind: 'protocol', errors: [detail], payload });
    return { error: 100, message: detail };
  }

  private async call(operation: string, url: URL, req: IncomingMessage, raw: Buffer): Promise<OkResult> {
    const token = url.searchParams.get('access_token');
    if (!token) return this.violation(operation, 'Missing required parameter access_token', {});
    if (token !== this.token) return { error: 102, message: 'Session expired' };
    const injected = this.takeInjectedError(operation);
    if (injected) return { error: injected.code, message: injected.message ?? 'Injected by the test' };
    let body: Record<string, unknown> = {};
    if (req.method === 'POST') {
      if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
        return this.violation(
          operation,
          'Content-Type must be application/json;charset=utf-8',
          raw.toString('utf8'),
        );
      const wire = await parseWireParams(new URL('http://fake/'), req, raw);
      if (wire.malformed)
        return this.violation(operation, `malformed JSON: ${wire.malformed}`, raw.toString('utf8'));
      body = wire.fields;
    }
    const chat = /chat:([A-Za-z0-9]+)/.exec(url.pathname)?.[1];
    switch (operation) {
      case 'POST /graph/chat:ID/messages':
      case 'POST /graph/me/messages/chat:ID':
        return this.send(operation, `chat:${chat}`, body);
      case 'POST /graph/me/subscribe':
        return this.subscribe(operation, body);
      case 'POST /graph/me/unsubscribe': {
        const index = this.subscriptions.findIndex((s) => s.url === body.url);
        if (index >= 0) this.subscriptions.splice(index, 1);
        return { body: { success: index >= 0 } };
      }
      case 'GET /graph/me/subscriptions':
        return { body: { subscriptions: this.subscriptions } };
      case 'GET /graph/me/updates':
        return this.updates(url);
      default:
        return { error: 3, message: `Method ${operation} does not exist or is not emulated by the fake` };
    }
  }

  private send(operation: string, chatId: string, body: Record<string, unknown>): OkResult {
    const recipient = body.recipient as { chat_id?: unknown } | undefined;
    const message = body.message as
      | { text?: unknown; attachment?: unknown; attachments?: unknown }
      | undefined;
    if (recipient?.chat_id !== undefined && recipient.chat_id !== chatId)
      return this.violation(
        operation,
        `recipient.chat_id ${String(recipient.chat_id)} differs from ${chatId} in the path`,
        body,
      );
    if (typeof message !== 'object' || message === null)
      return this.violation(operation, 'message is required', body);
    const attachments = [
      ...(message.attachment !== undefined ? [message.attachment] : []),
      ...(Array.isArray(message.attachments) ? message.attachments : []),
    ];
    if (message.text !== undefined && typeof message.text !== 'string')
      return this.violation(operation, 'message.text must be a string', body);
    if (message.text === undefined && attachments.length === 0)
      return this.violation(operation, 'message needs text or an attachment', body);
    if (attachments.length > 5) return this.violation(operation, 'at most 5 attachments are allowed', body);
    if (this.notAllowed.has(chatId))
      return {
        error: 10,
        message: 'User must allow to receive group messages before it can be sent to him.',
      };
    const messageId = `mid:${chatId.slice(5)}.${(this.nextMessage++).toString(16).padStart(12, '0')}`;
    this.sent.push({
      messageId,
      chatId,
      ...(typeof message.text === 'string' ? { text: message.text } : {}),
      attachments,
      body,
      at: Date.now(),
    });
    // ⚠ The single-send response shape is not documented; chat_id + message_id is the likely one.
    return { body: { chat_id: chatId, message_id: messageId } };
  }

  private subscribe(operation: string, body: Record<string, unknown>): OkResult {
    if (body.longPolling === true) {
      this.longPolling = true;
      return { body: { success: true } };
    }
    if (typeof body.url !== 'string' || !/^https?:\/\//.test(body.url))
      return this.violation(operation, 'url is required for a webhook subscription', body);
    this.subscriptions.push({ url: body.url, time: Date.now() });
    return { body: { success: true } };
  }

  /** ⚠ The long-polling response shape is not documented; `{updates, marker}` mirrors MAX/TamTam. */
  private async updates(url: URL): Promise<OkResult> {
    if (!this.longPolling) return { error: 10, message: 'Long polling subscription is required' };
    const marker = Number(url.searchParams.get('marker') ?? 0);
    this.queue.dropBelow(marker);
    if (this.queue.from(marker).length === 0)
      await this.queue.waitForPush(this.options.longPollCapMs ?? 2000);
    const entries = this.queue.from(marker);
    const last = entries.at(-1);
    return { body: { updates: entries.map((e) => e.update), marker: String(last ? last.seq + 1 : marker) } };
  }
}

export async function startOkFake(options: OkFakeOptions = {}): Promise<OkFake> {
  return new OkFake(options).start();
}
