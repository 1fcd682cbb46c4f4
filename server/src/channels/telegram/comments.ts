/**
 * Comments in a Telegram channel's discussion group (issue 13; docs/CHANNELS.md §3, «Comments under
 * posts»). Telegram copies each channel post into the linked discussion group (a supergroup) as an
 * automatic forward (`is_automatic_forward`, `sender_chat` = the channel, `forward_origin` of type
 * `channel`); comments are the group's messages in that copy's thread (`message_thread_id`), replying
 * to the copy or to another comment (`reply_to_message`). The bot must see the group's messages
 * (privacy mode off, or an administrator of the group).
 *
 * A comment counts when it replies to the copy of a post of the organisation's channel (its id among
 * the account's administrators, as for answers given as the channel) or to another message of the
 * same thread. ⚠ A reply to a comment carries no trace of the post, so the channel is not checked
 * again there: the bot sits only in groups the organisation added it to. Forum topics
 * (`is_topic_message`) are not comments. The copies themselves are ignored.
 *
 * Telegram reports no deletion of a group message to bots, so a deleted comment stays as it was.
 */
import type { RemoteAttachment } from '../attachments';
import { commentChatId, commentMessageId } from '../comments';
import type { NormalisedEvent } from '../events';
import { isObject, type Json } from '../json-shapes';
import type { ChannelAccount } from '../types';

const textOf = (m: Json) =>
  typeof m.text === 'string' ? m.text : typeof m.caption === 'string' ? m.caption : '';

interface CommentOf {
  place: { wall: string; postId: string; commentId: string };
  /** The channel post the thread is about, when the comment replies to its copy. */
  post: { username: string | null; messageId: number } | null;
}

/** The thread's root copy of a post of the organisation's channel, or null. */
function postOf(account: ChannelAccount, reply: Json): CommentOf['post'] | undefined {
  const channel = isObject(reply.sender_chat) ? reply.sender_chat : null;
  if (channel?.type !== 'channel' || !account.administrators.includes(String(channel.id))) return undefined;
  const origin = isObject(reply.forward_origin) ? reply.forward_origin : null;
  const chat = origin && isObject(origin.chat) ? origin.chat : null;
  if (origin?.type !== 'channel' || typeof origin.message_id !== 'number') return null;
  return {
    username: typeof chat?.username === 'string' ? chat.username : null,
    messageId: origin.message_id,
  };
}

/** What makes a group message a comment under a post (module comment); null when it is none. */
function commentOf(account: ChannelAccount, m: Json): CommentOf | null {
  const chat = isObject(m.chat) ? m.chat : {};
  const thread = m.message_thread_id;
  if (chat.type !== 'supergroup' || !Number.isSafeInteger(thread) || m.is_topic_message === true) return null;
  if (m.is_automatic_forward === true || !Number.isSafeInteger(m.message_id)) return null;
  const reply = isObject(m.reply_to_message) ? m.reply_to_message : null;
  if (!reply) return null;
  let post: CommentOf['post'] = null;
  if (reply.is_automatic_forward === true) {
    const found = postOf(account, reply);
    if (found === undefined) return null;
    post = found;
  } else if (reply.message_thread_id !== thread) return null;
  return {
    place: { wall: String(chat.id), postId: String(thread), commentId: String(m.message_id) },
    post,
  };
}

/** `https://t.me/<channel>/<post>?comment=<id>` when the channel is public and the post known. */
function commentUrl(comment: CommentOf): string | null {
  const post = comment.post;
  return post?.username
    ? `https://t.me/${post.username}/${post.messageId}?comment=${comment.place.commentId}`
    : null;
}

/** A copy of a channel post in its discussion group: not a citizen's message. */
export const isChannelPostCopy = (m: Json): boolean =>
  m.is_automatic_forward === true && isObject(m.chat) && m.chat.type === 'supergroup';

/** A citizen's comment (`message`) as a candidate of its own; null when the message is no comment. */
export function telegramComment(
  account: ChannelAccount,
  externalId: string,
  m: Json,
  attachmentsOf: (m: Json) => RemoteAttachment[],
): NormalisedEvent | null {
  const comment = commentOf(account, m);
  const from = isObject(m.from) ? m.from : null;
  if (!comment || !from || from.is_bot === true) return null;
  const name = [from.first_name, from.last_name].filter((p) => typeof p === 'string' && p !== '').join(' ');
  return {
    kind: 'message',
    externalId,
    message: {
      peer: {
        accountId: String(from.id),
        chatId: commentChatId(comment.place),
        ...(name ? { displayName: name } : {}),
      },
      externalMessageId: commentMessageId(comment.place),
      text: textOf(m),
      receivedAt: typeof m.date === 'number' ? m.date * 1000 : Date.now(),
      sourcePost: {
        network: 'telegram',
        postId: comment.place.postId,
        commentId: comment.place.commentId,
        url: commentUrl(comment),
      },
    },
    attachments: attachmentsOf(m),
  };
}

/** An edited comment (`edited_message`); null when the message is no comment. */
export function telegramCommentEdit(
  account: ChannelAccount,
  externalId: string,
  m: Json,
): NormalisedEvent | null {
  const comment = commentOf(account, m);
  if (!comment) return null;
  return {
    kind: 'edit',
    externalId,
    chatId: commentChatId(comment.place),
    externalMessageId: commentMessageId(comment.place),
    text: textOf(m),
    editedAt: typeof m.edit_date === 'number' ? m.edit_date * 1000 : Date.now(),
  };
}

/**
 * An administrator's answer given in the group as a reply to a comment belongs to that comment's
 * conversation; null for any other answer (it stays the group's).
 */
export function commentAnsweredIn(m: Json): string | null {
  const chat = isObject(m.chat) ? m.chat : {};
  const reply = isObject(m.reply_to_message) ? m.reply_to_message : null;
  const thread = m.message_thread_id;
  if (chat.type !== 'supergroup' || !reply || !Number.isSafeInteger(thread) || m.is_topic_message === true)
    return null;
  if (reply.is_automatic_forward === true || reply.message_thread_id !== thread) return null;
  if (!Number.isSafeInteger(reply.message_id)) return null;
  return commentChatId({
    wall: String(chat.id),
    postId: String(thread),
    commentId: String(reply.message_id),
  });
}
