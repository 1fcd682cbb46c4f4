import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, readBody, sendJson } from '../common/http';

/**
 * OK's REST API (`fb.do`) for the group's topics and their comments (issue 13), beside the Bot API
 * fake (./server.ts). It checks what OK checks before a method runs (apiok.ru/en/dev/methods):
 * `application_key`, the session (`access_token`) and `sig` = MD5 of the parameters but the
 * session sorted and joined as `key=value`, followed by `md5(access_token + application_secret_key)`.
 * Errors are OK's `{error_code, error_msg, error_data}` with HTTP 200 (apiok.ru/dev/errors); ⚠ the
 * codes (101 PARAM_API_KEY, 102 PARAM_SESSION_EXPIRED, 104 PARAM_SIGNATURE, 100 PARAM, 300
 * NOT_FOUND) are OK's published list as remembered, not a vendored schema.
 *
 * Methods: `mediatopic.getTopics` (`gid`, `count`) → `{media_topics: [{id, author_ref, created_ms,
 * media}]}`; `discussions.getComments` (`discussionId`, `discussionType` = GROUP_TOPIC, `count`) →
 * `{comments: [{id, author_id, author_type, text, date, reply_to_comment_id}], entities: {users}}`;
 * ⚠ `discussions.comment` (`discussionId`, `discussionType`, `text`, `reply_to_comment_id`,
 * `as_admin`) → `{id}`: the shapes follow OK's documented types where found and are otherwise
 * assumed (docs/CHANNELS.md §7).
 */

export interface OkRestComment {
  readonly id: string;
  readonly author_id: string;
  readonly author_type: 'USER' | 'GROUP';
  readonly text: string;
  readonly date: string;
  readonly reply_to_comment_id?: string;
}

export interface OkRestTopic {
  readonly id: string;
  readonly text: string;
  readonly comments: OkRestComment[];
}

export interface OkRestCall {
  readonly method: string;
  readonly params: Readonly<Record<string, string>>;
  readonly errorCode?: number;
}

export interface OkRestFakeOptions {
  readonly groupId: string;
  readonly applicationKey?: string;
  readonly applicationSecretKey?: string;
  readonly accessToken?: string;
  readonly users?: Readonly<Record<string, string>>;
}

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

/** `YYYY-MM-DD HH:MM:SS`, Moscow time, as OK writes a comment's `date`. */
const okDate = (ms: number) => new Date(ms + 3 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

export class OkRestFake {
  readonly groupId: string;
  readonly applicationKey: string;
  /** The application's secret as OK holds it; `rotateSecret` makes every stored signature wrong. */
  applicationSecretKey: string;
  readonly accessToken: string;
  readonly topics: OkRestTopic[] = [];
  readonly calls: OkRestCall[] = [];
  private readonly users: Record<string, string>;
  private nextId = 900_000_001;
  private server?: { url: string; close(): Promise<void> };

  constructor(options: OkRestFakeOptions) {
    this.groupId = options.groupId;
    this.applicationKey = options.applicationKey ?? 'CBAFAKEAPPKEY';
    this.applicationSecretKey = options.applicationSecretKey ?? 'fake-application-secret';
    this.accessToken = options.accessToken ?? 'tkn1fake-group-access-token';
    this.users = { ...(options.users ?? {}) };
  }

  /** `apiServer` for the account's `settings.rest`. */
  get url(): string {
    if (!this.server) throw new Error('OK REST fake not started');
    return `${this.server.url}/`;
  }

  async start(): Promise<this> {
    this.server = await listen((req, res) => this.handle(req, res));
    return this;
  }

  async close(): Promise<void> {
    await this.server?.close();
  }

  /** The group publishes a topic. */
  publish(text: string): string {
    const id = String(this.nextId++);
    this.topics.unshift({ id, text, comments: [] });
    return id;
  }

  /** A member (or, `asGroup`, the group) comments under a topic. */
  comment(topicId: string, authorId: string, text: string, asGroup = false): OkRestComment {
    const comment: OkRestComment = {
      id: String(this.nextId++),
      author_id: authorId,
      author_type: asGroup ? 'GROUP' : 'USER',
      text,
      date: okDate(Date.now()),
    };
    this.topicOf(topicId).comments.push(comment);
    return comment;
  }

  /** OK's side changes the application's secret: calls signed with the old one fail with 104. */
  rotateSecret(secret: string): void {
    this.applicationSecretKey = secret;
  }

  private topicOf(id: string): OkRestTopic {
    const topic = this.topics.find((t) => t.id === id);
    if (!topic) throw new Error(`no topic ${id}`);
    return topic;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname !== '/fb.do') return sendJson(res, 404, { error: 'not found' });
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    if (req.method === 'POST') {
      const body = (await readBody(req, 1 << 20)).toString('utf8');
      Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
    }
    const method = params.method ?? '';
    const answer = this.call(method, params);
    const errorCode = 'error_code' in answer ? Number(answer.error_code) : undefined;
    this.calls.push({ method, params, ...(errorCode !== undefined ? { errorCode } : {}) });
    sendJson(res, 200, answer);
  }

  private error(code: number, message: string): Record<string, unknown> {
    return { error_code: code, error_msg: message, error_data: null };
  }

  private call(method: string, params: Record<string, string>): Record<string, unknown> {
    if (params.application_key !== this.applicationKey)
      return this.error(101, 'PARAM_API_KEY : Application key is unknown');
    if (params.access_token !== this.accessToken)
      return this.error(102, 'PARAM_SESSION_EXPIRED : Session expired');
    const signed = Object.keys(params)
      .filter((k) => k !== 'sig' && k !== 'access_token' && k !== 'session_key')
      .sort()
      .map((k) => `${k}=${params[k]}`)
      .join('');
    const expected = md5(signed + md5(this.accessToken + this.applicationSecretKey));
    if (params.sig !== expected) return this.error(104, 'PARAM_SIGNATURE : Invalid signature');
    if (params.format !== 'json') return this.error(100, 'PARAM : format must be json');
    switch (method) {
      case 'mediatopic.getTopics':
        return this.getTopics(params);
      case 'discussions.getComments':
        return this.getComments(params);
      case 'discussions.comment':
        return this.addComment(params);
      default:
        return this.error(3, `METHOD : Method ${method} does not exist`);
    }
  }

  private getTopics(params: Record<string, string>): Record<string, unknown> {
    if (params.gid !== this.groupId) return this.error(160, 'PARAM_GROUP : no access to the group');
    const count = Math.min(Number(params.count ?? 20) || 20, 100);
    return {
      media_topics: this.topics.slice(0, count).map((t) => ({
        id: t.id,
        author_ref: `group:${this.groupId}`,
        owner_ref: `group:${this.groupId}`,
        created_ms: Date.now(),
        media: [{ type: 'text', text: t.text }],
      })),
    };
  }

  private discussion(
    params: Record<string, string>,
  ): { topic: OkRestTopic } | { error: Record<string, unknown> } {
    if (params.discussionType !== 'GROUP_TOPIC')
      return { error: this.error(100, 'PARAM : discussionType must be GROUP_TOPIC') };
    const topic = this.topics.find((t) => t.id === params.discussionId);
    return topic ? { topic } : { error: this.error(300, 'NOT_FOUND : discussion not found') };
  }

  private getComments(params: Record<string, string>): Record<string, unknown> {
    const found = this.discussion(params);
    if ('error' in found) return found.error;
    const { topic } = found;
    const count = Math.min(Number(params.count ?? 20) || 20, 100);
    const comments = topic.comments.slice(-count);
    const authors = [...new Set(comments.map((c) => c.author_id))].filter((id) => this.users[id]);
    return {
      comments,
      entities: { users: authors.map((uid) => ({ uid, name: this.users[uid] })) },
    };
  }

  private addComment(params: Record<string, string>): Record<string, unknown> {
    const found = this.discussion(params);
    if ('error' in found) return found.error;
    const { topic } = found;
    if (!params.text?.trim()) return this.error(100, 'PARAM : text is required');
    const replyTo = params.reply_to_comment_id;
    if (replyTo && !topic.comments.some((c) => c.id === replyTo))
      return this.error(300, 'NOT_FOUND : comment to reply to not found');
    const comment: OkRestComment = {
      id: String(this.nextId++),
      author_id: params.as_admin === 'true' ? this.groupId : 'app-user',
      author_type: params.as_admin === 'true' ? 'GROUP' : 'USER',
      text: params.text,
      date: okDate(Date.now()),
      ...(replyTo ? { reply_to_comment_id: replyTo } : {}),
    };
    topic.comments.push(comment);
    return { id: comment.id };
  }
}

export async function startOkRestFake(options: OkRestFakeOptions): Promise<OkRestFake> {
  return new OkRestFake(options).start();
}
