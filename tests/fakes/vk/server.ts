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
import { vkContract } from './contract';
import { VK_API_VERSION, type VkEvent, vkEventId, vkPressOf } from './events';
import { VkWall } from './wall';

/** A profile in the fake's user directory (answers `users.get`). */
export interface VkProfile {
  first_name: string;
  last_name: string;
  screen_name?: string;
  sex?: 0 | 1 | 2;
  deactivated?: 'deleted' | 'banned';
  /** Declined names for `name_case` (`gen`, `dat`…); nominative otherwise. */
  cases?: Record<string, { first_name: string; last_name: string }>;
}

export interface VkFakeOptions {
  readonly token?: string;
  readonly groupId?: number;
  readonly users?: Record<number, VkProfile>;
  /** Practical message limit (docs/CHANNELS.md: 4096, error 914); the schema allows 9000. */
  readonly maxMessageLength?: number;
  /** Docs say `random_id` is required since v5.90 (⚠ schema does not); on by default. */
  readonly requireRandomId?: boolean;
  /** Caps the `wait` of long-poll requests so tests stay fast (ms). */
  readonly longPollWaitCapMs?: number;
}

export interface VkStoredDoc {
  readonly id: number;
  readonly ownerId: number;
  readonly title: string;
  readonly ext: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

export interface VkSentAttachment {
  readonly type: string;
  readonly ownerId: number;
  readonly mediaId: number;
  /** The uploaded document when the attachment refers to one uploaded through the fake. */
  readonly doc?: VkStoredDoc;
}

export interface VkSentMessage {
  readonly messageId: number;
  readonly peerId: number;
  readonly message?: string;
  readonly randomId?: number;
  readonly keyboard?: unknown;
  readonly attachments: VkSentAttachment[];
  readonly intent?: string;
  readonly params: Record<string, unknown>;
  readonly at: number;
}

type VkResult = { response: unknown } | { error: { code: number; message?: string; extra?: object } };

const ATTACHMENT = /^([a-z_]+?)(-?\d+)_(\d+)(?:_[A-Za-z0-9]+)?$/;

export class VkFake extends FakeLedger<VkSentMessage, number> {
  readonly token: string;
  readonly groupId: number;
  readonly users: Map<number, VkProfile>;
  /** Peers the community cannot write to, with the error a send gets (900/901/902/950). */
  readonly unreachable = new Map<number, number>();
  readonly docs = new Map<string, VkStoredDoc>();
  /** The community's wall: posts, comments, and the community's replies under them (./wall.ts). */
  readonly wall: VkWall;
  private readonly options: VkFakeOptions;
  private readonly queue = new NumberedQueue<VkEvent>();
  private readonly byRandomId = new Map<number, unknown>();
  private readonly uploads = new Map<string, UploadedFile>();
  private longPollKey = randomBytes(16).toString('hex');
  private longPollLost = false;
  private nextMessageId = 1;
  private nextDocId = 1;
  private server?: { url: string; close(): Promise<void> };

  constructor(options: VkFakeOptions = {}) {
    super('vk');
    this.options = options;
    this.token = options.token ?? 'vk-community-token';
    this.groupId = options.groupId ?? 123456;
    this.users = new Map(Object.entries(options.users ?? {}).map(([id, p]) => [Number(id), p]));
    this.wall = new VkWall(this.groupId);
  }

  get url(): string {
    if (!this.server) throw new Error('VK fake is not started');
    return this.server.url;
  }

  /** `apiBaseUrl` for a connector: `<url>/method`. */
  get apiBaseUrl(): string {
    return `${this.url}/method`;
  }

  async start(): Promise<this> {
    vkContract(); // fail at start, not at the first request, when the schemas are missing
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
    this.byRandomId.clear();
    this.unreachable.clear();
    this.docs.clear();
    this.wall.reset();
    this.uploads.clear();
    this.longPollLost = false;
    this.nextMessageId = 1;
    this.nextDocId = 1;
  }

  /**
   * Adds an event to the Bots Long Poll queue. The envelope is completed (group_id, v, event_id)
   * and checked against the Callback schema; a broken event is recorded and thrown.
   */
  queueUpdate(event: Partial<VkEvent> & Pick<VkEvent, 'type' | 'object'>): VkEvent {
    const { secret: _secret, ...rest } = event;
    const full: VkEvent = { group_id: this.groupId, v: VK_API_VERSION, event_id: vkEventId(), ...rest };
    const errors = vkContract().validateEvent(full);
    if (errors.length > 0) {
      this.recordViolation({
        direction: 'event',
        operation: full.type,
        kind: 'schema',
        errors,
        payload: full,
      });
      throw new EventContractError(`VK ${full.type}`, errors);
    }
    this.queue.push(full);
    const press = vkPressOf(full);
    if (press) this.expectCallbackAnswer(press, full);
    return full;
  }

  /** Next poll with the current key answers `{"failed":2}` (key expired). */
  expireLongPollKey(): void {
    this.longPollKey = randomBytes(16).toString('hex');
    this.queue.wakeAll();
  }

  /** Drops the queued history: a poll with an older `ts` answers `{"failed":1,"ts":…}`. */
  truncateLongPollHistory(): void {
    this.queue.dropBelow(this.queue.next);
  }

  /** Polls answer `{"failed":3}` until `groups.getLongPollServer` is called again. */
  loseLongPollInformation(): void {
    this.longPollLost = true;
    this.queue.wakeAll();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    let body: Buffer;
    try {
      body = await readBody(req, 50 * 1024 * 1024);
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        return sendJson(res, 413, { error: 'request entity too large' });
      throw error;
    }
    if (url.pathname.startsWith('/method/')) return this.handleMethod(url, req, body, res);
    if (url.pathname === `/whp/${this.groupId}`) return this.handleLongPoll(url, res);
    if (url.pathname.startsWith('/upload/doc/')) return this.handleUpload(url, req, body, res);
    if (url.pathname.startsWith('/doc/')) return this.serveDoc(url, res);
    sendJson(res, 404, { error: 'not found' });
  }

  private async handleMethod(
    url: URL,
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
  ): Promise<void> {
    const method = decodeURIComponent(url.pathname.slice('/method/'.length));
    const wire = await parseWireParams(url, req, body);
    const params = Object.fromEntries(
      Object.entries(wire.fields).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    );
    const result = this.call(method, params, req.headers.authorization);
    if ('error' in result) {
      this.recordCall(method, 'error', result.error.code);
      const requestParams = [
        { key: 'method', value: method },
        { key: 'oauth', value: '1' },
        ...Object.entries(params)
          .filter(([key]) => key !== 'access_token')
          .map(([key, value]) => ({ key, value })),
      ];
      return sendJson(res, 200, {
        error: {
          error_code: result.error.code,
          error_msg: result.error.message ?? vkContract().errorMessage(result.error.code),
          ...result.error.extra,
          request_params: requestParams,
        },
      });
    }
    this.recordCall(method, 'ok');
    sendJson(res, 200, result);
  }

  private call(method: string, wire: Record<string, string>, authorization?: string): VkResult {
    const token = wire.access_token ?? authorization?.replace(/^Bearer\s+/i, '');
    if (!token) return { error: { code: 5, message: 'User authorization failed: no access_token passed.' } };
    if (token !== this.token)
      return { error: { code: 5, message: 'User authorization failed: invalid access_token (4).' } };
    if (!wire.v) {
      this.recordViolation({
        direction: 'request',
        operation: method,
        kind: 'protocol',
        errors: ['v is missing'],
        payload: wire,
      });
      return { error: { code: 8, message: 'Invalid request: v (version) is required' } };
    }
    const injected = this.takeInjectedError(method);
    if (injected)
      return { error: { code: injected.code, ...(injected.message ? { message: injected.message } : {}) } };
    if (method.startsWith('docs.')) return this.callDocs(method, wire);
    if (method === 'wall.createComment') return this.createWallComment(method, wire);
    const contract = vkContract();
    if (!contract.hasMethod(method)) return { error: { code: 3 } };
    const check = contract.method(method).check(wire);
    if (check.unknown.length > 0)
      this.recordViolation({
        direction: 'request',
        operation: method,
        kind: 'unknown-parameter',
        errors: check.unknown.map((name) => `unknown parameter ${name}`),
        payload: wire,
      });
    if (check.errors.length > 0) {
      this.recordViolation({
        direction: 'request',
        operation: method,
        kind: 'schema',
        errors: check.errors,
        payload: wire,
      });
      return this.invalidParam(check.errors[0] ?? 'invalid');
    }
    return this.dispatch(method, check.params);
  }

  private invalidParam(detail: string): VkResult {
    return {
      error: { code: 100, message: `One of the parameters specified was missing or invalid: ${detail}` },
    };
  }

  private protocolError(method: string, detail: string, payload: unknown): VkResult {
    this.recordViolation({
      direction: 'request',
      operation: method,
      kind: 'protocol',
      errors: [detail],
      payload,
    });
    return this.invalidParam(detail);
  }

  private dispatch(method: string, params: Record<string, unknown>): VkResult {
    switch (method) {
      case 'messages.send':
        return this.send(params);
      case 'users.get':
        return { response: this.usersGet(params) };
      case 'groups.getLongPollServer':
        if (params.group_id !== this.groupId) return this.invalidParam('group_id is invalid');
        this.longPollKey = randomBytes(16).toString('hex');
        this.longPollLost = false;
        return {
          response: {
            key: this.longPollKey,
            server: `${this.url}/whp/${this.groupId}`,
            ts: String(this.queue.next),
          },
        };
      case 'messages.sendMessageEventAnswer':
        // ⚠ VK's error for an unknown or expired event_id is not documented; 100 (invalid parameter).
        return this.answerCallback(String(params.event_id))
          ? { response: 1 }
          : this.invalidParam('event_id is invalid or expired');
      case 'messages.isMessagesFromGroupAllowed':
        return { response: { is_allowed: this.unreachable.has(Number(params.user_id)) ? 0 : 1 } };
      default:
        return {
          error: { code: 3, message: `Unknown method passed: ${method} is not emulated by the fake` },
        };
    }
  }

  private send(params: Record<string, unknown>): VkResult {
    const randomId = typeof params.random_id === 'number' ? params.random_id : undefined;
    if (randomId === undefined && this.options.requireRandomId !== false)
      return this.protocolError('messages.send', 'random_id is a required parameter', params);
    const peerIds = Array.isArray(params.peer_ids) ? (params.peer_ids as number[]) : undefined;
    const single =
      (params.peer_id as number | undefined) ??
      (params.user_id as number | undefined) ??
      (typeof params.chat_id === 'number' ? 2_000_000_000 + params.chat_id : undefined);
    if (single === undefined && peerIds === undefined)
      return this.protocolError(
        'messages.send',
        'you should specify peer_id, user_id, domain, chat_id or peer_ids param',
        params,
      );
    const message = typeof params.message === 'string' ? params.message : undefined;
    const attachmentList =
      typeof params.attachment === 'string' && params.attachment !== '' ? params.attachment.split(',') : [];
    if (!message && attachmentList.length === 0 && params.sticker_id === undefined)
      return this.protocolError('messages.send', 'message is empty or invalid', params);
    const attachments: VkSentAttachment[] = [];
    for (const item of attachmentList) {
      const match = ATTACHMENT.exec(item.trim());
      if (!match) return this.protocolError('messages.send', `attachment ${item} is invalid`, params);
      const [, type = '', owner = '0', media = '0'] = match;
      const doc = type === 'doc' ? this.docs.get(`${owner}_${media}`) : undefined;
      attachments.push({ type, ownerId: Number(owner), mediaId: Number(media), ...(doc ? { doc } : {}) });
    }
    if (message && [...message].length > (this.options.maxMessageLength ?? 4096))
      return { error: { code: 914 } };
    if (randomId !== undefined && randomId !== 0 && this.byRandomId.has(randomId))
      return { response: this.byRandomId.get(randomId) }; // same random_id → same message, not re-sent
    const deliver = (peerId: number) => {
      const messageId = this.nextMessageId++;
      this.sent.push({
        messageId,
        peerId,
        ...(message !== undefined ? { message } : {}),
        ...(randomId !== undefined ? { randomId } : {}),
        ...(params.keyboard !== undefined ? { keyboard: params.keyboard } : {}),
        ...(typeof params.intent === 'string' ? { intent: params.intent } : {}),
        attachments,
        params,
        at: Date.now(),
      });
      return messageId;
    };
    let response: unknown;
    if (peerIds) {
      response = peerIds.map((peerId) => {
        const code = this.unreachable.get(peerId);
        if (code !== undefined)
          return { peer_id: peerId, error: { code, description: vkContract().errorMessage(code) } };
        const messageId = deliver(peerId);
        return { peer_id: peerId, message_id: messageId, conversation_message_id: messageId };
      });
    } else {
      const peerId = single as number;
      const code = this.unreachable.get(peerId);
      if (code !== undefined) return { error: { code } };
      response = deliver(peerId);
    }
    if (randomId !== undefined && randomId !== 0) this.byRandomId.set(randomId, response);
    return { response };
  }

  private usersGet(params: Record<string, unknown>): unknown[] {
    const ids = Array.isArray(params.user_ids) ? params.user_ids : [];
    const fields = new Set(Array.isArray(params.fields) ? (params.fields as string[]) : []);
    const nameCase = typeof params.name_case === 'string' ? params.name_case.toLowerCase() : 'nom';
    return ids.map((raw) => {
      const entry =
        typeof raw === 'number'
          ? ([raw, this.users.get(raw)] as const)
          : ([...this.users.entries()].find(([, p]) => p.screen_name === raw) ?? ([0, undefined] as const));
      const [id, profile] = entry;
      if (!profile) return { id, first_name: 'DELETED', last_name: '', deactivated: 'deleted' };
      const names = profile.cases?.[nameCase] ?? {
        first_name: profile.first_name,
        last_name: profile.last_name,
      };
      const user: Record<string, unknown> = { id, ...names, can_access_closed: true, is_closed: false };
      if (profile.deactivated) user.deactivated = profile.deactivated;
      if (fields.has('sex') && profile.sex !== undefined) user.sex = profile.sex;
      if (fields.has('screen_name') && profile.screen_name) user.screen_name = profile.screen_name;
      return user;
    });
  }

  /**
   * Document upload for PDF answers (docs/CHANNELS.md §1.4): docs.getMessagesUploadServer → POST
   * the file → docs.save. docs/*.json was not copied into contracts, so these are checked by hand.
   */
  private callDocs(method: string, wire: Record<string, string>): VkResult {
    if (method === 'docs.getMessagesUploadServer') {
      if (!wire.peer_id || !/^-?\d+$/.test(wire.peer_id))
        return this.protocolError(method, 'peer_id is undefined', wire);
      return { response: { upload_url: `${this.url}/upload/doc/${randomBytes(8).toString('hex')}` } };
    }
    if (method === 'docs.save') {
      const upload = wire.file ? this.uploads.get(wire.file) : undefined;
      if (!upload) return this.protocolError(method, 'file is undefined or invalid', wire);
      this.uploads.delete(wire.file as string);
      const id = this.nextDocId++;
      const ownerId = -this.groupId;
      const title = wire.title ?? upload.filename;
      const ext = title.includes('.') ? (title.split('.').pop() ?? '') : '';
      const doc: VkStoredDoc = {
        id,
        ownerId,
        title,
        ext,
        contentType: upload.contentType,
        bytes: upload.bytes,
      };
      this.docs.set(`${ownerId}_${id}`, doc);
      return {
        response: {
          type: 'doc',
          doc: {
            id,
            owner_id: ownerId,
            title,
            size: upload.bytes.length,
            ext,
            url: `${this.url}/doc/${ownerId}_${id}`,
            date: Math.floor(Date.now() / 1000),
            type: 1,
          },
        },
      };
    }
    return { error: { code: 3 } };
  }

  /** wall/*.json is not vendored: ./wall.ts checks the parameters by hand. */
  private createWallComment(method: string, wire: Record<string, string>): VkResult {
    const problems: string[] = [];
    const result = this.wall.createComment(wire, problems);
    const unknown = problems.filter((p) => p.startsWith('unknown parameter'));
    const broken = problems.filter((p) => !p.startsWith('unknown parameter'));
    if (unknown.length > 0)
      this.recordViolation({
        direction: 'request',
        operation: method,
        kind: 'unknown-parameter',
        errors: unknown,
        payload: wire,
      });
    if (broken.length > 0)
      this.recordViolation({
        direction: 'request',
        operation: method,
        kind: 'protocol',
        errors: broken,
        payload: wire,
      });
    return result;
  }

  private async handleUpload(
    url: URL,
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
  ): Promise<void> {
    const wire = await parseWireParams(url, req, body);
    const file = wire.files.file;
    if (!file) return sendJson(res, 200, { error: 'no_file', error_descr: 'file field is missing' });
    const token = randomBytes(12).toString('hex');
    this.uploads.set(token, file);
    sendJson(res, 200, { file: token });
  }

  private serveDoc(url: URL, res: ServerResponse): void {
    const doc = this.docs.get(url.pathname.slice('/doc/'.length));
    if (!doc) {
      sendJson(res, 404, { error: 'not found' });
      return;
    }
    res.writeHead(200, { 'content-type': doc.contentType || 'application/octet-stream' });
    res.end(doc.bytes);
  }

  private async handleLongPoll(url: URL, res: ServerResponse): Promise<void> {
    const q = url.searchParams;
    if (q.get('act') !== 'a_check') return sendJson(res, 200, { failed: 2 });
    if (this.longPollLost) return sendJson(res, 200, { failed: 3 });
    if (q.get('key') !== this.longPollKey) return sendJson(res, 200, { failed: 2 });
    const ts = Number(q.get('ts'));
    if (!Number.isInteger(ts) || ts < this.queue.oldest)
      return sendJson(res, 200, { failed: 1, ts: String(this.queue.next) });
    const waitMs = Math.min(
      Number(q.get('wait') ?? 0) * 1000,
      this.options.longPollWaitCapMs ?? 2000,
      90_000,
    );
    if (this.queue.from(ts).length === 0) await this.queue.waitForPush(waitMs);
    if (this.longPollLost) return sendJson(res, 200, { failed: 3 });
    if (q.get('key') !== this.longPollKey) return sendJson(res, 200, { failed: 2 });
    const entries = this.queue.from(ts);
    const last = entries.at(-1);
    this.recordCall('long_poll', 'ok');
    sendJson(res, 200, { ts: String(last ? last.seq + 1 : ts), updates: entries.map((e) => e.update) });
  }
}

export async function startVkFake(options: VkFakeOptions = {}): Promise<VkFake> {
  return new VkFake(options).start();
}
