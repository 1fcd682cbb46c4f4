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
import { telegramContract } from './contract';
import { TgDiscussion } from './discussion';
import type { TgChat, TgDocument, TgUpdate, TgUser } from './events';

export interface TelegramFakeOptions {
  /** `<bot id>:<secret>` as issued by BotFather. */
  readonly token?: string;
  readonly bot?: TgUser;
  /** Caps getUpdates `timeout` so tests stay fast (ms). */
  readonly longPollCapMs?: number;
}

export interface TelegramSentMessage {
  readonly messageId: number;
  readonly method: 'sendMessage' | 'sendDocument';
  /** `reply_parameters.message_id`: the message this one replies to. */
  readonly replyTo?: number;
  readonly chatId: number | string;
  readonly text?: string;
  readonly caption?: string;
  readonly parseMode?: string;
  readonly replyMarkup?: unknown;
  /** For sendDocument: the uploaded part, or the file_id/URL that was passed. */
  readonly document?: { filename: string; contentType: string; bytes: Buffer } | { reference: string };
  readonly params: Record<string, unknown>;
  readonly at: number;
}

export interface TelegramWebhook {
  readonly url: string;
  readonly secretToken?: string;
  readonly allowedUpdates?: string[];
  readonly maxConnections: number;
}

type TgResult =
  | { ok: true; result: unknown; description?: string }
  | { ok: false; code: number; description: string; retryAfter?: number };

const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad Request: chat not found',
  401: 'Unauthorized',
  403: 'Forbidden: bot was blocked by the user',
  404: 'Not Found',
  409: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
};

const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;
const UPDATE_ID_BASE = 700_000_000;

interface StoredFile {
  readonly fileId: string;
  readonly uniqueId: string;
  readonly path: string;
  readonly bytes: Buffer;
  readonly fileName?: string;
  readonly mimeType?: string;
}

export class TelegramFake extends FakeLedger<TelegramSentMessage, number> {
  readonly token: string;
  readonly bot: TgUser;
  /** Chats whose sends fail with 403, with the description (default: blocked by the user). */
  readonly blockedChats = new Map<number | string, string>();
  /**
   * Users who never started the bot: a bot cannot write first, so sends to them fail with 403
   * "bot can't initiate conversation with a user" (Bot API: the user must message the bot first).
   */
  readonly notStarted = new Set<number | string>();
  /** Channels' discussion groups (./discussion.ts), by the group's chat id. */
  readonly discussions = new Map<number, TgDiscussion>();
  webhook?: TelegramWebhook;
  private readonly options: TelegramFakeOptions;
  private readonly queue = new NumberedQueue<TgUpdate>();
  private readonly files = new Map<string, StoredFile>();
  private allowedUpdates?: string[];
  private nextMessageId = 1;
  private server?: { url: string; close(): Promise<void> };

  constructor(options: TelegramFakeOptions = {}) {
    super('telegram');
    this.options = options;
    this.token = options.token ?? '7000000001:AAFakeTokenForOknoTests_x';
    const botId = Number(this.token.split(':')[0]);
    this.bot = options.bot ?? { id: botId, is_bot: true, first_name: 'Окно', username: 'okno_test_bot' };
  }

  get url(): string {
    if (!this.server) throw new Error('Telegram fake is not started');
    return this.server.url;
  }

  /** grammY's `apiRoot`: requests go to `<apiRoot>/bot<token>/<method>`. */
  get apiRoot(): string {
    return this.url;
  }

  /** Links a discussion group to a channel (both as Telegram describes them); the bot sits in the group. */
  discussion(channel: TgChat, group: TgChat): TgDiscussion {
    const linked = new TgDiscussion(channel, group);
    this.discussions.set(group.id, linked);
    return linked;
  }

  async start(): Promise<this> {
    telegramContract();
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
    this.blockedChats.clear();
    this.notStarted.clear();
    this.discussions.clear();
    this.files.clear();
    this.webhook = undefined;
    this.allowedUpdates = undefined;
    this.nextMessageId = 1;
  }

  /** Queues an Update for getUpdates; `update_id` is assigned in sequence. Broken updates throw. */
  queueUpdate(update: Omit<TgUpdate, 'update_id'> & { update_id?: number }): TgUpdate {
    const full = { ...update, update_id: UPDATE_ID_BASE + this.queue.next } as TgUpdate;
    const errors = telegramContract().validateUpdate(full);
    if (errors.length > 0) {
      this.recordViolation({
        direction: 'event',
        operation: 'Update',
        kind: 'schema',
        errors,
        payload: full,
      });
      throw new EventContractError('Telegram Update', errors);
    }
    this.queue.push(full);
    const press = (full as { callback_query?: { id?: unknown } }).callback_query;
    if (press && typeof press.id === 'string') this.expectCallbackAnswer(press.id, full);
    return full;
  }

  /** Registers a file the bot can fetch with getFile + /file/bot<token>/<path>; returns Document fields. */
  addFile(bytes: Buffer, meta: { fileName?: string; mimeType?: string } = {}): TgDocument {
    const n = this.files.size + 1;
    const fileId = `BQACAgIAAxkBAAI${randomBytes(12).toString('hex')}`;
    const stored: StoredFile = {
      fileId,
      uniqueId: `AgAD${n}${randomBytes(4).toString('hex')}`,
      path: `documents/file_${n}${meta.fileName?.includes('.') ? `.${meta.fileName.split('.').pop()}` : ''}`,
      bytes,
      ...meta,
    };
    this.files.set(fileId, stored);
    const document: TgDocument = {
      file_id: fileId,
      file_unique_id: stored.uniqueId,
      file_size: bytes.length,
    };
    if (meta.fileName) document.file_name = meta.fileName;
    if (meta.mimeType) document.mime_type = meta.mimeType;
    return document;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const fileRoute = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fileRoute) return this.serveFile(fileRoute[1] ?? '', fileRoute[2] ?? '', res);
    const route = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!route) return this.reply(res, { ok: false, code: 404, description: 'Not Found' });
    const [, token, method = ''] = route;
    if (token !== this.token) return this.reply(res, { ok: false, code: 401, description: 'Unauthorized' });
    let body: Buffer;
    try {
      body = await readBody(req, 50 * 1024 * 1024);
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        return this.reply(res, { ok: false, code: 413, description: 'Request Entity Too Large' });
      throw error;
    }
    const wire = await parseWireParams(url, req, body);
    const result = wire.malformed
      ? this.reject(method, 'protocol', [`Bad Request: can't parse JSON: ${wire.malformed}`], wire.fields)
      : await this.call(method, wire.fields, wire.files);
    this.recordCall(method, result.ok ? 'ok' : 'error', result.ok ? undefined : result.code);
    this.reply(res, result);
  }

  private reply(res: ServerResponse, result: TgResult): void {
    if (result.ok) {
      sendJson(res, 200, {
        ok: true,
        result: result.result,
        ...(result.description ? { description: result.description } : {}),
      });
      return;
    }
    const body: Record<string, unknown> = {
      ok: false,
      error_code: result.code,
      description: result.description,
    };
    const headers: Record<string, string> = {};
    if (result.retryAfter !== undefined) {
      body.parameters = { retry_after: result.retryAfter };
      headers['retry-after'] = String(result.retryAfter);
    }
    sendJson(res, result.code, body, headers);
  }

  private reject(method: string, kind: 'schema' | 'protocol', errors: string[], payload: unknown): TgResult {
    this.recordViolation({ direction: 'request', operation: method, kind, errors, payload });
    return { ok: false, code: 400, description: errors[0] ?? 'Bad Request' };
  }

  private async call(
    method: string,
    fields: Record<string, unknown>,
    files: Record<string, UploadedFile>,
  ): Promise<TgResult> {
    const injected = this.takeInjectedError(method);
    if (injected) {
      const retryAfter = injected.code === 429 ? (injected.retryAfter ?? 5) : undefined;
      const description =
        injected.message ??
        (injected.code === 429
          ? `Too Many Requests: retry after ${retryAfter}`
          : (DEFAULT_DESCRIPTIONS[injected.code] ?? 'Error'));
      return {
        ok: false,
        code: injected.code,
        description,
        ...(retryAfter !== undefined ? { retryAfter } : {}),
      };
    }
    const contract = telegramContract().method(method);
    if (!contract) return { ok: false, code: 404, description: 'Not Found' };
    const check = contract.check(fields, files);
    if (check.unknown.length > 0)
      this.recordViolation({
        direction: 'request',
        operation: contract.name,
        kind: 'unknown-parameter',
        errors: check.unknown.map((name) => `unknown parameter ${name}`),
        payload: fields,
      });
    if (check.errors.length > 0) return this.reject(contract.name, 'schema', check.errors, fields);
    return this.dispatch(contract.name, check.params, files);
  }

  private async dispatch(
    method: string,
    params: Record<string, unknown>,
    files: Record<string, UploadedFile>,
  ): Promise<TgResult> {
    switch (method) {
      case 'getMe':
        return {
          ok: true,
          result: {
            ...this.bot,
            can_join_groups: true,
            can_read_all_group_messages: false,
            supports_inline_queries: false,
          },
        };
      case 'sendMessage':
        return this.sendMessage(params);
      case 'sendDocument':
        return this.sendDocument(params, files);
      case 'getUpdates':
        return this.getUpdates(params);
      case 'setWebhook':
        return this.setWebhook(params);
      case 'deleteWebhook':
        if (params.drop_pending_updates === true) this.queue.clear();
        this.webhook = undefined;
        return { ok: true, result: true, description: 'Webhook was deleted' };
      case 'getWebhookInfo':
        return {
          ok: true,
          result: {
            url: this.webhook?.url ?? '',
            has_custom_certificate: false,
            pending_update_count: this.queue.from(0).length,
            ...(this.webhook ? { max_connections: this.webhook.maxConnections } : {}),
          },
        };
      case 'getFile':
        return this.getFile(String(params.file_id));
      case 'answerCallbackQuery':
        return this.answerCallback(String(params.callback_query_id))
          ? { ok: true, result: true }
          : {
              ok: false,
              code: 400,
              description:
                'Bad Request: query is too old and response timeout expired or query ID is invalid',
            };
      default:
        return { ok: false, code: 404, description: `Not Found: ${method} is not emulated by the fake` };
    }
  }

  private chatOf(chatId: unknown) {
    return typeof chatId === 'number'
      ? { id: chatId, type: 'private' }
      : { id: -1_001_000_000_000, type: 'channel', username: String(chatId).slice(1) };
  }

  private blocked(chatId: unknown): TgResult | undefined {
    // Telegram reads a chat id given as a number or as its decimal string alike.
    if (this.notStarted.has(Number(chatId)) || this.notStarted.has(String(chatId)))
      return { ok: false, code: 403, description: "Forbidden: bot can't initiate conversation with a user" };
    const description = this.blockedChats.get(chatId as number | string);
    return description === undefined ? undefined : { ok: false, code: 403, description };
  }

  private sendMessage(params: Record<string, unknown>): TgResult {
    const text = String(params.text);
    if (text.trim() === '')
      return this.reject('sendMessage', 'protocol', ['Bad Request: message text is empty'], params);
    if (params.parse_mode === undefined && text.length > 4096)
      return this.reject('sendMessage', 'protocol', ['Bad Request: message is too long'], params);
    const blocked = this.blocked(params.chat_id);
    if (blocked) return blocked;
    const replyTo = replyToOf(params.reply_parameters);
    const discussion = this.discussions.get(Number(params.chat_id));
    const inGroup = discussion?.botMessage(this.bot, text, replyTo);
    if (typeof inGroup === 'object') return { ok: false, code: 400, description: inGroup.refused };
    const messageId = inGroup ?? this.nextMessageId++;
    this.sent.push({
      messageId,
      ...(replyTo !== undefined ? { replyTo } : {}),
      method: 'sendMessage',
      chatId: params.chat_id as number | string,
      text,
      ...(typeof params.parse_mode === 'string' ? { parseMode: params.parse_mode } : {}),
      ...(params.reply_markup !== undefined ? { replyMarkup: params.reply_markup } : {}),
      params,
      at: Date.now(),
    });
    const result: Record<string, unknown> = {
      message_id: messageId,
      from: this.bot,
      chat: this.chatOf(params.chat_id),
      date: Math.floor(Date.now() / 1000),
      text,
    };
    if (isInlineKeyboard(params.reply_markup)) result.reply_markup = params.reply_markup;
    return { ok: true, result };
  }

  private sendDocument(params: Record<string, unknown>, files: Record<string, UploadedFile>): TgResult {
    const caption = typeof params.caption === 'string' ? params.caption : undefined;
    if (caption !== undefined && caption.length > 1024)
      return this.reject('sendDocument', 'protocol', ['Bad Request: message caption is too long'], params);
    const reference = typeof params.document === 'string' ? params.document : undefined;
    const attached = reference?.startsWith('attach://')
      ? files[reference.slice('attach://'.length)]
      : files.document;
    if (!attached && (reference === undefined || reference.startsWith('attach://')))
      return this.reject(
        'sendDocument',
        'protocol',
        ['Bad Request: there is no document in the request'],
        params,
      );
    const blocked = this.blocked(params.chat_id);
    if (blocked) return blocked;
    const messageId = this.nextMessageId++;
    const stored = attached
      ? this.addFile(attached.bytes, { fileName: attached.filename, mimeType: attached.contentType })
      : { file_id: reference as string, file_unique_id: 'AgADref' };
    this.sent.push({
      messageId,
      method: 'sendDocument',
      chatId: params.chat_id as number | string,
      ...(caption !== undefined ? { caption } : {}),
      ...(params.reply_markup !== undefined ? { replyMarkup: params.reply_markup } : {}),
      document: attached
        ? { filename: attached.filename, contentType: attached.contentType, bytes: attached.bytes }
        : { reference: reference as string },
      params,
      at: Date.now(),
    });
    return {
      ok: true,
      result: {
        message_id: messageId,
        from: this.bot,
        chat: this.chatOf(params.chat_id),
        date: Math.floor(Date.now() / 1000),
        document: stored,
        ...(caption !== undefined ? { caption } : {}),
      },
    };
  }

  private async getUpdates(params: Record<string, unknown>): Promise<TgResult> {
    if (this.webhook)
      return {
        ok: false,
        code: 409,
        description:
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      };
    if (Array.isArray(params.allowed_updates)) this.allowedUpdates = params.allowed_updates as string[];
    const limit = Math.min(Math.max(Number(params.limit ?? 100), 1), 100);
    const offset = typeof params.offset === 'number' ? params.offset : undefined;
    let from = 0;
    if (offset !== undefined && offset > 0) {
      from = offset - UPDATE_ID_BASE;
      this.queue.dropBelow(from); // an offset confirms every update below it
    } else if (offset !== undefined && offset < 0) {
      const all = this.queue.from(0);
      from = all.at(offset)?.seq ?? 0;
    }
    const pick = () =>
      this.queue
        .from(from)
        .map((e) => e.update)
        .filter(
          (u) =>
            !this.allowedUpdates ||
            this.allowedUpdates.length === 0 ||
            Object.keys(u).some((k) => this.allowedUpdates?.includes(k)),
        )
        .slice(0, limit);
    if (pick().length === 0) {
      const timeoutMs = Math.min(Number(params.timeout ?? 0) * 1000, this.options.longPollCapMs ?? 2000);
      await this.queue.waitForPush(timeoutMs);
    }
    return { ok: true, result: pick() };
  }

  private setWebhook(params: Record<string, unknown>): TgResult {
    const url = String(params.url);
    const secret = typeof params.secret_token === 'string' ? params.secret_token : undefined;
    if (secret !== undefined && !SECRET_TOKEN.test(secret))
      return this.reject(
        'setWebhook',
        'protocol',
        ['Bad Request: secret token contains unallowed characters'],
        params,
      );
    const maxConnections = Number(params.max_connections ?? 40);
    if (maxConnections < 1 || maxConnections > 100)
      return this.reject(
        'setWebhook',
        'protocol',
        ['Bad Request: bad webhook: max_connections must be between 1 and 100'],
        params,
      );
    if (params.drop_pending_updates === true) this.queue.clear();
    if (url === '') {
      this.webhook = undefined;
      return { ok: true, result: true, description: 'Webhook was deleted' };
    }
    this.webhook = {
      url,
      maxConnections,
      ...(secret !== undefined ? { secretToken: secret } : {}),
      ...(Array.isArray(params.allowed_updates)
        ? { allowedUpdates: params.allowed_updates as string[] }
        : {}),
    };
    return { ok: true, result: true, description: 'Webhook was set' };
  }

  private getFile(fileId: string): TgResult {
    const file = this.files.get(fileId);
    if (!file) return { ok: false, code: 400, description: 'Bad Request: invalid file_id' };
    return {
      ok: true,
      result: {
        file_id: file.fileId,
        file_unique_id: file.uniqueId,
        file_size: file.bytes.length,
        file_path: file.path,
      },
    };
  }

  private serveFile(token: string, path: string, res: ServerResponse): void {
    const file = token === this.token ? [...this.files.values()].find((f) => f.path === path) : undefined;
    if (!file) {
      sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      return;
    }
    res.writeHead(200, {
      'content-type': file.mimeType ?? 'application/octet-stream',
      'content-length': String(file.bytes.length),
    });
    res.end(file.bytes);
  }
}

function isInlineKeyboard(markup: unknown): boolean {
  return typeof markup === 'object' && markup !== null && 'inline_keyboard' in markup;
}

export async function startTelegramFake(options: TelegramFakeOptions = {}): Promise<TelegramFake> {
  return new TelegramFake(options).start();
}

/** `reply_parameters.message_id` (the object or its JSON, as a form sends it). */
function replyToOf(parameters: unknown): number | undefined {
  const value = typeof parameters === 'string' ? (JSON.parse(parameters) as unknown) : parameters;
  const id =
    typeof value === 'object' && value !== null ? (value as { message_id?: unknown }).message_id : undefined;
  return typeof id === 'number' ? id : undefined;
}
