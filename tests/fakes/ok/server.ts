import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BodyTooLargeError,
  listen,
  parseWireParams,
  readBody,
  sendJson,
  type UploadedFile,
} from '../common/http';
import { FakeLedger, NumberedQueue } from '../common/ledger';
import { type OkCallbackEvent, type OkMessageEvent, okJson } from './events';

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
  /** The labels of its `INLINE_KEYBOARD` `CALLBACK` buttons, by row. */
  readonly buttons: string[][];
  /** The uploaded files its `FILE` attachments name by token. */
  readonly files: UploadedFile[];
  readonly body: Record<string, unknown>;
  readonly at: number;
}

/** `POST /graph/chat:ID/answer?callbackId=…`: the answer to a press, with its required message. */
export interface OkCallbackAnswer {
  readonly callbackId: string;
  readonly chatId: string;
  readonly message: Record<string, unknown>;
}

/** ⚠ Button types: OK names `CALLBACK`; the others are those of the platform OK's bot API shares with TamTam. */
const BUTTON_TYPES = new Set(['CALLBACK', 'LINK', 'REQUEST_CONTACT', 'REQUEST_GEO_LOCATION']);
const UPLOAD_TYPES = new Set(['FILE', 'VIDEO', 'AUDIO', 'IMAGE']);

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
  /** Answers to button presses, in order. */
  readonly callbackAnswers: OkCallbackAnswer[] = [];
  /** Upload slots by token (`GET /graph/me/fileUploadUrl`), with the file once POSTed. */
  private readonly uploads = new Map<string, { id: string; type: string; file?: UploadedFile }>();
  /** The chat of each press the fake made (`press`), by callbackId. */
  private readonly presses = new Map<string, string>();
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
    this.callbackAnswers.length = 0;
    this.uploads.clear();
    this.presses.clear();
    this.longPolling = false;
    this.nextMessage = 1;
  }

  /** Queues an event for GET /graph/me/updates (long-polling subscription). */
  queueUpdate(event: OkMessageEvent): void {
    this.queue.push(event);
  }

  /**
   * The citizen presses the button labelled `label` under the latest message to `chatId` that has
   * one: the `MESSAGE_CALLBACK` OK would deliver, carrying that button's payload. Throws when no
   * delivered message has such a button (a citizen cannot press what was never shown).
   */
  press(chatId: string, userId: string, label: string): OkCallbackEvent {
    const chat = chatId.startsWith('chat:') ? chatId : `chat:${chatId}`;
    const message = this.sent.findLast((m) => m.chatId === chat && m.buttons.length > 0);
    const keyboard = (message?.attachments ?? []).find(
      (a): a is { payload: { buttons: Array<Array<{ text: string; payload?: string }>> } } =>
        (a as { type?: unknown }).type === 'INLINE_KEYBOARD',
    );
    const button = keyboard?.payload.buttons.flat().find((b) => b.text === label);
    if (!button) throw new Error(`OK fake: no button «${label}» under the last keyboard in ${chat}`);
    const callbackId = `cbk${randomBytes(8).toString('hex')}`;
    this.presses.set(callbackId, chat);
    const event: OkCallbackEvent = {
      webhookType: 'MESSAGE_CALLBACK',
      callbackId,
      payload: button.payload ?? '',
      sender: { user_id: `user:${userId}` },
      recipient: { chat_id: chat },
      timestamp: Date.now(),
    };
    this.expectCallbackAnswer(callbackId, event);
    return event;
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
    // The upload service's URL is signed itself (`sig`, `expires`): no access_token there.
    if (url.pathname.startsWith('/upload/')) return this.receiveUpload(operation, url, req, raw);
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
      case 'GET /graph/me/fileUploadUrl':
        return this.uploadSlot(operation, url);
      case 'POST /graph/chat:ID/answer':
        return this.answer(operation, `chat:${chat}`, url, body);
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
    const buttons: string[][] = [];
    const files: UploadedFile[] = [];
    for (const attachment of attachments) {
      const checked = this.checkAttachment(attachment, buttons, files);
      if (checked) return this.violation(operation, checked, body);
    }
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
      buttons,
      files,
      body,
      at: Date.now(),
    });
    // ⚠ The single-send response shape is not documented; chat_id + message_id is the likely one.
    return { body: { chat_id: chatId, message_id: messageId } };
  }

  /**
   * An outgoing attachment as documented: `INLINE_KEYBOARD` with `payload.buttons` rows of typed
   * buttons (a `CALLBACK` one has a text and a string payload); `FILE` by the token of an upload
   * this fake issued and received. Collects the labels and files; the problem, if any.
   */
  private checkAttachment(attachment: unknown, buttons: string[][], files: UploadedFile[]): string | null {
    const a = attachment as { type?: unknown; payload?: Record<string, unknown> };
    if (typeof a !== 'object' || a === null || typeof a.type !== 'string')
      return 'an attachment needs a type';
    if (typeof a.payload !== 'object' || a.payload === null) return `${a.type} attachment needs a payload`;
    if (a.type === 'INLINE_KEYBOARD') {
      const rows = a.payload.buttons;
      if (!Array.isArray(rows) || rows.length === 0) return 'INLINE_KEYBOARD payload.buttons must be rows';
      for (const row of rows) {
        if (!Array.isArray(row) || row.length === 0)
          return 'each INLINE_KEYBOARD row must be a non-empty array';
        const labels: string[] = [];
        for (const button of row as Array<Record<string, unknown>>) {
          if (!BUTTON_TYPES.has(String(button?.type)))
            return `button type ${String(button?.type)} is unknown`;
          if (typeof button.text !== 'string' || button.text.trim() === '') return 'a button needs a text';
          if (button.type === 'CALLBACK' && typeof button.payload !== 'string')
            return 'a CALLBACK button needs a string payload';
          labels.push(button.text);
        }
        buttons.push(labels);
      }
      return null;
    }
    if (a.type === 'FILE') {
      const token = a.payload.token;
      const upload = typeof token === 'string' ? this.uploads.get(token) : undefined;
      if (!upload) return `FILE payload.token ${String(token)} was not issued by fileUploadUrl`;
      if (upload.type !== 'FILE') return `token ${String(token)} is for a ${upload.type} upload`;
      if (!upload.file) return `nothing was uploaded for token ${String(token)}`;
      files.push(upload.file);
      return null;
    }
    return null;
  }

  /** `GET /graph/me/fileUploadUrl?type=`: an upload URL and the token the attachment will carry. */
  private uploadSlot(operation: string, url: URL): OkResult {
    const type = (url.searchParams.get('type') ?? 'FILE').toUpperCase();
    if (!UPLOAD_TYPES.has(type)) return this.violation(operation, `type ${type} is not an upload type`, {});
    const id = String(22_125_556 + this.uploads.size);
    const token = `ftok${randomBytes(12).toString('hex')}`;
    this.uploads.set(token, { id, type });
    const sig = randomBytes(6).toString('hex');
    return {
      body: {
        url: `${this.url}/upload/upload.do?sig=${sig}&expires=${Date.now() + 3600_000}&clientType=3&id=${id}`,
        token,
        ...(type === 'IMAGE' ? { file_id: id } : {}),
      },
    };
  }

  /** The upload service: a POSTed file (a multipart part or the bare body) for a slot's id. */
  private async receiveUpload(
    operation: string,
    url: URL,
    req: IncomingMessage,
    raw: Buffer,
  ): Promise<OkResult> {
    const id = url.searchParams.get('id');
    const slot = [...this.uploads.values()].find((u) => u.id === id);
    if (req.method !== 'POST' || !slot || !url.searchParams.get('sig'))
      return this.violation(operation, 'upload to a URL fileUploadUrl did not give', {});
    const wire = await parseWireParams(new URL('http://fake/'), req, raw);
    const part = Object.values(wire.files)[0];
    const file: UploadedFile = part ?? {
      field: '',
      filename: 'file',
      contentType: String(req.headers['content-type'] ?? ''),
      bytes: raw,
    };
    if (file.bytes.length === 0) return this.violation(operation, 'the upload is empty', {});
    slot.file = file;
    // ⚠ OK documents no response for a FILE upload; the token came with the URL.
    return { body: {} };
  }

  /** `POST /graph/chat:ID/answer?callbackId=`: once per press the fake delivered, with a message. */
  private answer(operation: string, chatId: string, url: URL, body: Record<string, unknown>): OkResult {
    const callbackId = url.searchParams.get('callbackId') ?? '';
    const pressedIn = this.presses.get(callbackId);
    if (!pressedIn) return this.violation(operation, `callbackId ${callbackId} was never delivered`, body);
    if (pressedIn !== chatId)
      return this.violation(operation, `callbackId ${callbackId} was pressed in ${pressedIn}`, body);
    const message = body.message;
    if (typeof message !== 'object' || message === null)
      return this.violation(operation, 'the answer needs a message', body);
    if (!this.answerCallback(callbackId))
      return this.violation(operation, `callbackId ${callbackId} is answered already`, body);
    this.callbackAnswers.push({ callbackId, chatId, message: message as Record<string, unknown> });
    return { body: { success: true } };
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
