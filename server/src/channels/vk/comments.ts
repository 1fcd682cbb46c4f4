/**
 * VK wall comments (issue 13; docs/CHANNELS.md §1, «Comments under posts»): the Callback / Long Poll
 * events `wall_reply_new`, `wall_reply_edit`, `wall_reply_restore` (each carrying the comment as
 * `wall_comment`) and `wall_reply_delete` (`{owner_id, id, user_id, post_id}`) of the community's own
 * wall. A comment is a candidate appeal of its own conversation (../comments.ts); an edit gives its
 * message the new text, a deletion marks it deleted and keeps what it said as an earlier version, a
 * restore brings the text back. Comments on another wall and the community's own comments (its
 * public replies, Okno's included, come back as `wall_reply_new` from the group) are ignored.
 */

import type { RemoteAttachment } from '../attachments';
import { commentChatId, commentMessageId, deletedCommentText } from '../comments';
import type { NormalisedEvent } from '../events';
import { type Json, textOf } from '../json-shapes';
import type { ChannelAccount } from '../types';

const wallCommentEvents = ['wall_reply_new', 'wall_reply_edit', 'wall_reply_restore', 'wall_reply_delete'];

export const isVkCommentEvent = (type: unknown): boolean =>
  typeof type === 'string' && wallCommentEvents.includes(type);

const positive = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;

/** The comment's link: `https://vk.com/wall-<group>_<post>?reply=<comment>` (`&thread=<root>` in a thread). */
export function vkCommentUrl(
  ownerId: number,
  postId: number,
  commentId: number,
  threadRoot?: number,
): string {
  const thread = threadRoot && threadRoot !== commentId ? `&thread=${threadRoot}` : '';
  return `https://vk.com/wall${ownerId}_${postId}?reply=${commentId}${thread}`;
}

/** The first comment of the thread a reply sits in (`parents_stack`), when it is a reply. */
function threadRootOf(comment: Json): number | undefined {
  const stack = Array.isArray(comment.parents_stack) ? comment.parents_stack.filter(positive) : [];
  return stack[0];
}

export function normaliseVkComment(
  account: ChannelAccount,
  externalId: string,
  type: string,
  object: Json,
  attachmentsOf: (list: unknown) => RemoteAttachment[],
): NormalisedEvent {
  const ownerId = object.owner_id;
  const postId = object.post_id;
  const commentId = object.id;
  if (!Number.isSafeInteger(ownerId) || !positive(postId) || !positive(commentId))
    return { kind: 'ignored', externalId, reason: `${type}-incomplete` };
  // Only the community's own wall: a comment elsewhere is never this organisation's.
  if (String(-(ownerId as number)) !== account.accountId)
    return { kind: 'ignored', externalId, reason: 'comment-foreign-wall' };
  const place = { wall: String(ownerId), postId: String(postId), commentId: String(commentId) };
  const chatId = commentChatId(place);
  const externalMessageId = commentMessageId(place);
  if (type === 'wall_reply_delete')
    return {
      kind: 'edit',
      externalId,
      chatId,
      externalMessageId,
      text: deletedCommentText,
      editedAt: Date.now(),
    };
  if (type === 'wall_reply_edit' || type === 'wall_reply_restore')
    return {
      kind: 'edit',
      externalId,
      chatId,
      externalMessageId,
      text: textOf(object.text),
      editedAt: Date.now(),
    };
  const fromId = object.from_id;
  if (!Number.isSafeInteger(fromId) || fromId === 0)
    return { kind: 'ignored', externalId, reason: 'no-sender' };
  if ((fromId as number) < 0) return { kind: 'ignored', externalId, reason: 'comment-from-community' };
  return {
    kind: 'message',
    externalId,
    message: {
      peer: { accountId: String(fromId), chatId },
      externalMessageId,
      text: textOf(object.text),
      receivedAt: typeof object.date === 'number' ? object.date * 1000 : Date.now(),
      sourcePost: {
        network: 'vk',
        postId: String(postId),
        commentId: String(commentId),
        url: vkCommentUrl(ownerId as number, postId as number, commentId as number, threadRootOf(object)),
      },
    },
    attachments: attachmentsOf(object.attachments),
  };
}
