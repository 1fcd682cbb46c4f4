/**
 * Comments under the community's own posts (issue 13; docs/CHANNELS.md «Comments under posts»): a VK
 * wall comment, a message in a Telegram channel's discussion group. Each comment is a candidate
 * appeal of its own conversation, whose chat id names the place to answer in public:
 * `comment:<wall>:<post>:<comment>` — VK: the wall owner (the community, negative), the post and the
 * comment; Telegram: the discussion group, the post's thread in it and the comment message; OK: the
 * group, its topic and the comment (ok/comments.ts). The
 * outbox's sender of the network reads the same place back (`commentPlace`) and replies under the
 * comment as the community; a desktop's answer with `replyVia: 'channel'` goes there unchanged.
 *
 * A comment's appeal never meets the citizen bot: a public comment is no place for a wizard.
 */

/** Where a comment sits and a public reply goes. */
export interface CommentPlace {
  /** VK: the wall owner id (`-<group id>`); Telegram: the discussion group's chat id. */
  wall: string;
  /** VK: the post id; Telegram: the `message_thread_id` of the post's copy in the group. */
  postId: string;
  /** The comment: VK comment id, Telegram message id in the group. */
  commentId: string;
}

// OK's comment ids are opaque strings (⚠ docs/CHANNELS.md §7), VK's and Telegram's numbers.
const commentChat = /^comment:(-?\d{1,20}):(\d{1,20}):([A-Za-z0-9_=-]{1,100})$/;

/** The conversation's chat id of one comment. */
export function commentChatId(place: CommentPlace): string {
  return `comment:${place.wall}:${place.postId}:${place.commentId}`;
}

/** The comment's place, when the chat id is a comment's; null for every other chat. */
export function commentPlace(chatId: string): CommentPlace | null {
  const match = commentChat.exec(chatId);
  if (!match) return null;
  const [, wall = '', postId = '', commentId = ''] = match;
  return { wall, postId, commentId };
}

/**
 * The network's id of a comment among the account's messages: apart from its dialog messages, whose
 * ids run in another sequence (VK) or another chat (Telegram).
 */
export function commentMessageId(place: Pick<CommentPlace, 'wall' | 'commentId'>): string {
  return `comment:${place.wall}:${place.commentId}`;
}

/**
 * The text a deleted comment's message takes; what it said stays its earlier version (nothing is
 * lost), and a restored comment's text comes back as the next edit. Russian, as officials read
 * the thread (like the attachment notes of ./attachments.ts).
 */
export const deletedCommentText = '[Комментарий удалён в сети]';
