/**
 * The community's wall in the VK fake (issue 13): posts, citizens' comments under them, the
 * Callback events VK sends for comments (`wall_reply_new`, `wall_reply_edit`, `wall_reply_restore`,
 * `wall_reply_delete`) and `wall.createComment`, by which the community answers under a comment.
 *
 * wall/*.json of vk-api-schema is not vendored (tests/contracts/vk/SOURCE.txt), so the comment
 * object and the method's parameters are checked here by hand, after VK's `wall_wall_comment` and
 * `wall.createComment` descriptions (owner_id, post_id, from_group, message, reply_to_comment,
 * attachments, sticker_id, guid; answer `{comment_id, parents_stack}`). The envelope and the delete
 * event's object are checked against the vendored callback schema (`callback_wall_comment_delete`).
 * ⚠ VK's error for a post or comment that does not exist is not documented: the fake answers 100.
 */
import { VK_GLOBAL_PARAMS } from './contract';
import { VK_API_VERSION, type VkEnvelopeOptions, type VkEvent, vkEventId } from './events';

/** A comment as VK describes it (`wall_wall_comment`). */
export interface VkWallComment {
  id: number;
  from_id: number;
  date: number;
  text: string;
  post_id: number;
  owner_id: number;
  parents_stack: number[];
  thread: { count: number; items: unknown[]; can_post: boolean; show_reply_button: boolean };
  reply_to_comment?: number;
  reply_to_user?: number;
  attachments?: unknown[];
}

/** A comment the community posted through `wall.createComment`. */
export interface VkWallReply {
  readonly commentId: number;
  readonly ownerId: number;
  readonly postId: number;
  readonly replyToComment: number | null;
  readonly fromGroup: number | null;
  readonly message: string;
  readonly guid: string | null;
  readonly params: Record<string, string>;
  readonly at: number;
}

type WallResult = { response: unknown } | { error: { code: number; message?: string } };

const CREATE_COMMENT_PARAMS = new Set([
  'owner_id',
  'post_id',
  'from_group',
  'message',
  'reply_to_comment',
  'attachments',
  'sticker_id',
  'guid',
]);

const nowSeconds = () => Math.floor(Date.now() / 1000);
const integer = (v: string | undefined) => (v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined);

export class VkWall {
  readonly posts = new Map<number, { id: number; text: string; date: number }>();
  readonly comments = new Map<number, VkWallComment>();
  /** The community's own comments, in order. */
  readonly replies: VkWallReply[] = [];
  private readonly byGuid = new Map<string, number>();
  private nextPostId = 1;
  private nextCommentId = 1;

  constructor(private readonly groupId: number) {}

  reset(): void {
    this.posts.clear();
    this.comments.clear();
    this.replies.length = 0;
    this.byGuid.clear();
    this.nextPostId = 1;
    this.nextCommentId = 1;
  }

  /** The community publishes a post; its id. */
  publish(text: string): number {
    const id = this.nextPostId++;
    this.posts.set(id, { id, text, date: nowSeconds() });
    return id;
  }

  /** A citizen comments under a post (or replies to a comment in its thread). */
  comment(postId: number, fromId: number, text: string, replyTo?: number): VkWallComment {
    if (!this.posts.has(postId)) throw new Error(`VK fake: no post ${postId} on the wall`);
    const parent = replyTo === undefined ? undefined : this.comments.get(replyTo);
    if (replyTo !== undefined && parent?.post_id !== postId)
      throw new Error(`VK fake: no comment ${replyTo} under post ${postId}`);
    const comment: VkWallComment = {
      id: this.nextCommentId++,
      from_id: fromId,
      date: nowSeconds(),
      text,
      post_id: postId,
      owner_id: -this.groupId,
      parents_stack: parent ? [parent.parents_stack[0] ?? parent.id] : [],
      thread: { count: 0, items: [], can_post: true, show_reply_button: true },
      ...(parent ? { reply_to_comment: parent.id, reply_to_user: parent.from_id } : {}),
    };
    this.comments.set(comment.id, comment);
    return comment;
  }

  /** `wall.createComment` (community token: `from_group` names the community). Problems → `protocol` list. */
  createComment(wire: Record<string, string>, problems: string[]): WallResult {
    for (const key of Object.keys(wire))
      if (!CREATE_COMMENT_PARAMS.has(key) && !VK_GLOBAL_PARAMS.has(key))
        problems.push(`unknown parameter ${key}`);
    const ownerId = integer(wire.owner_id);
    const postId = integer(wire.post_id);
    const replyTo = wire.reply_to_comment === undefined ? null : integer(wire.reply_to_comment);
    const fromGroup = wire.from_group === undefined ? null : integer(wire.from_group);
    if (postId === undefined || postId <= 0)
      return this.invalid(problems, 'post_id is undefined or not integer');
    if (ownerId !== -this.groupId) return this.invalid(problems, 'owner_id is not the community’s wall');
    if (fromGroup !== null && fromGroup !== this.groupId)
      return this.invalid(problems, 'from_group is not this community');
    if (replyTo === undefined) return this.invalid(problems, 'reply_to_comment not integer');
    if (!wire.message && !wire.attachments && !wire.sticker_id)
      return this.invalid(problems, 'message is empty');
    if (!this.posts.has(postId)) return this.invalid(problems, 'post_id: no such post');
    if (replyTo !== null && this.comments.get(replyTo)?.post_id !== postId)
      return this.invalid(problems, 'reply_to_comment: no such comment under the post');
    const guid = wire.guid ?? null;
    const known = guid === null ? undefined : this.byGuid.get(guid);
    if (known !== undefined) return { response: { comment_id: known, parents_stack: [] } };
    const reply = this.comment(postId, -this.groupId, wire.message ?? '', replyTo ?? undefined);
    if (guid !== null) this.byGuid.set(guid, reply.id);
    this.replies.push({
      commentId: reply.id,
      ownerId,
      postId,
      replyToComment: replyTo,
      fromGroup,
      message: wire.message ?? '',
      guid,
      params: wire,
      at: Date.now(),
    });
    return { response: { comment_id: reply.id, parents_stack: reply.parents_stack } };
  }

  private invalid(problems: string[], detail: string): WallResult {
    problems.push(detail);
    return {
      error: { code: 100, message: `One of the parameters specified was missing or invalid: ${detail}` },
    };
  }
}

function envelope(type: string, object: unknown, options: VkEnvelopeOptions): VkEvent {
  return {
    type,
    event_id: options.eventId ?? vkEventId(),
    v: options.v ?? VK_API_VERSION,
    group_id: options.groupId,
    object,
    ...(options.secret !== undefined ? { secret: options.secret } : {}),
  };
}

/** A new comment under the community's post. */
export function vkWallReplyNew(comment: VkWallComment, options: VkEnvelopeOptions): VkEvent {
  return envelope('wall_reply_new', { ...comment }, options);
}

/** The author edited the comment (the fake's wall takes the new text too). */
export function vkWallReplyEdit(comment: VkWallComment, text: string, options: VkEnvelopeOptions): VkEvent {
  comment.text = text;
  return envelope('wall_reply_edit', { ...comment }, options);
}

/** The comment was restored after a deletion. */
export function vkWallReplyRestore(comment: VkWallComment, options: VkEnvelopeOptions): VkEvent {
  return envelope('wall_reply_restore', { ...comment }, options);
}

/** The comment was deleted by `deleterId` (its author or a community administrator). */
export function vkWallReplyDelete(
  comment: VkWallComment,
  deleterId: number,
  options: VkEnvelopeOptions,
): VkEvent {
  return envelope(
    'wall_reply_delete',
    { owner_id: comment.owner_id, id: comment.id, user_id: deleterId, post_id: comment.post_id },
    options,
  );
}
