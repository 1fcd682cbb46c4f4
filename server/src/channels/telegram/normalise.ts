/**
 * Telegram Updates (docs/CHANNELS.md §3) → normalised events. Dedupe key: `update_id` (per bot).
 * Forwards (seed condition 6): a message from a configured administrator whose `forward_origin`
 * is a `user` is recorded as that user's message in the user's private chat with the bot (chat id =
 * user id) and the bot is asked to invite the author; `hidden_user` reveals no account, so such a
 * forward stays the administrator's own message, as does any forward from a non-administrator.
 */
import type { RemoteAttachment } from '../attachments';
import type { NormalisedEvent } from '../events';
import { isObject, type Json, objectsOf } from '../json-shapes';
import type { ChannelAccount } from '../types';
import { tgFileUrl } from './api';
import { commentAnsweredIn, isChannelPostCopy, telegramComment, telegramCommentEdit } from './comments';

interface TgUser {
  id: number;
  first_name?: string;
  last_name?: string;
  language_code?: string;
}

const fullName = (u: { first_name?: unknown; last_name?: unknown }) =>
  [u.first_name, u.last_name].filter((p) => typeof p === 'string' && p !== '').join(' ');

const textOf = (m: Json) =>
  typeof m.text === 'string' ? m.text : typeof m.caption === 'string' ? m.caption : '';

/** `Chat.type` private, or group / supergroup / channel, where others read along (finding 2). */
const isGroupChat = (chat: Json) => chat.type !== undefined && chat.type !== 'private';

function peerOf(user: TgUser, chatId: unknown, chat: Json = {}) {
  return {
    accountId: String(user.id),
    chatId: String(chatId ?? user.id),
    ...(fullName(user) ? { displayName: fullName(user) } : {}),
    ...(typeof user.language_code === 'string' && user.language_code
      ? { languageCode: user.language_code }
      : {}),
    ...(isGroupChat(chat) ? { groupChat: true } : {}),
  };
}

function attachments(account: ChannelAccount, m: Json): RemoteAttachment[] {
  const files: RemoteAttachment[] = [];
  const fetchable = (fileId: string) => () => tgFileUrl(account, fileId);
  if (isObject(m.document) && typeof m.document.file_id === 'string') {
    const d = m.document;
    files.push({
      name: typeof d.file_name === 'string' ? d.file_name : 'document',
      ...(typeof d.mime_type === 'string' ? { mimeType: d.mime_type } : {}),
      ...(typeof d.file_size === 'number' ? { declaredSize: d.file_size } : {}),
      resolveUrl: fetchable(d.file_id as string),
    });
  }
  const sizes = objectsOf(m.photo).filter((size) => typeof size.file_id === 'string');
  if (sizes.length > 0) {
    const best = sizes.reduce((a, b) =>
      Number(b.width) * Number(b.height) > Number(a.width) * Number(a.height) ? b : a,
    );
    files.push({
      name: `photo_${String(best.file_unique_id ?? m.message_id)}.jpg`,
      mimeType: 'image/jpeg',
      ...(typeof best.file_size === 'number' ? { declaredSize: best.file_size } : {}),
      resolveUrl: fetchable(best.file_id as string),
    });
  }
  return files;
}

function messageEvent(account: ChannelAccount, externalId: string, m: Json): NormalisedEvent {
  const from = (isObject(m.from) ? m.from : {}) as unknown as TgUser;
  const chat = isObject(m.chat) ? m.chat : {};
  const text = textOf(m);
  const receivedAt = typeof m.date === 'number' ? m.date * 1000 : Date.now();
  const externalMessageId = `${String(chat.id)}:${String(m.message_id)}`;
  const origin = isObject(m.forward_origin) ? m.forward_origin : null;
  const author =
    origin?.type === 'user' && isObject(origin.sender_user)
      ? (origin.sender_user as unknown as TgUser)
      : null;
  if (author && account.administrators.includes(String(from.id))) {
    const forwarder = {
      accountId: String(from.id),
      ...(fullName(from) ? { displayName: fullName(from) } : {}),
    };
    return {
      kind: 'message',
      externalId,
      message: {
        peer: peerOf(author, author.id),
        externalMessageId,
        text,
        receivedAt,
        forwardedFrom: forwarder,
      },
      attachments: attachments(account, m),
      invite: { forwardedBy: { ...forwarder, chatId: String(chat.id) } },
    };
  }
  return {
    kind: 'message',
    externalId,
    message: { peer: peerOf(from, chat.id, chat), externalMessageId, text, receivedAt },
    attachments: attachments(account, m),
  };
}

/**
 * A group's administrator answering in the group itself: an anonymous administrator (Telegram
 * sends `sender_chat` = the group, signed with `author_signature`), a channel's administrator
 * answering as the channel in its discussion group, or a configured administrator's own message.
 * Forwards are not answers (seed condition 6 reads them).
 */
function groupAdministratorAnswer(
  account: ChannelAccount,
  externalId: string,
  m: Json,
): NormalisedEvent | null {
  const chat = isObject(m.chat) ? m.chat : {};
  const from = (isObject(m.from) ? m.from : {}) as unknown as TgUser;
  if (!isGroupChat(chat) || m.forward_origin !== undefined) return null;
  // As the group itself (an anonymous administrator), or as the organisation's channel, configured
  // among the administrators by its id (its administrators answer in the comments as the channel; its
  // own posts arrive as automatic forwards). Any user may comment as a channel of their own: others
  // are citizens.
  const senderChat = isObject(m.sender_chat) ? m.sender_chat : null;
  const anonymous =
    senderChat !== null &&
    (senderChat.id === chat.id ||
      (senderChat.type === 'channel' &&
        m.is_automatic_forward !== true &&
        account.administrators.includes(String(senderChat.id))));
  if (!anonymous && !account.administrators.includes(String(from.id))) return null;
  const signature = typeof m.author_signature === 'string' ? m.author_signature : '';
  const title =
    typeof senderChat?.title === 'string'
      ? senderChat.title
      : typeof chat.title === 'string'
        ? chat.title
        : '';
  return {
    kind: 'network-answer',
    externalId,
    // Under a comment: the comment's conversation (./comments.ts); otherwise the group's.
    chatId: commentAnsweredIn(m) ?? String(chat.id),
    externalMessageId: `${String(chat.id)}:${String(m.message_id)}`,
    text: textOf(m),
    postedAt: typeof m.date === 'number' ? m.date * 1000 : Date.now(),
    administrator: anonymous
      ? { accountId: String(senderChat?.id ?? chat.id), displayName: signature || title }
      : { accountId: String(from.id), ...(fullName(from) ? { displayName: fullName(from) } : {}) },
  };
}

/** `edited_message`: the same message id, a new text (or caption) and `edit_date`. */
function editEvent(externalId: string, m: Json): NormalisedEvent {
  const chat = isObject(m.chat) ? m.chat : {};
  const editedAt = typeof m.edit_date === 'number' ? m.edit_date * 1000 : Date.now();
  return {
    kind: 'edit',
    externalId,
    chatId: String(chat.id),
    externalMessageId: `${String(chat.id)}:${String(m.message_id)}`,
    text: textOf(m),
    editedAt,
  };
}

export function normaliseTelegramUpdate(account: ChannelAccount, update: Json): NormalisedEvent {
  const externalId = String(update.update_id);
  if (isObject(update.message) && isChannelPostCopy(update.message))
    return { kind: 'ignored', externalId, reason: 'channel-post-copy' };
  if (isObject(update.message) && isObject(update.message.from))
    return (
      groupAdministratorAnswer(account, externalId, update.message) ??
      telegramComment(account, externalId, update.message, (m) => attachments(account, m)) ??
      messageEvent(account, externalId, update.message)
    );
  if (isObject(update.edited_message) && isObject(update.edited_message.chat))
    return (
      telegramCommentEdit(account, externalId, update.edited_message) ??
      editEvent(externalId, update.edited_message)
    );
  if (isObject(update.callback_query) && isObject(update.callback_query.from)) {
    const q = update.callback_query;
    const message = isObject(q.message) ? q.message : {};
    const chat = isObject(message.chat) ? message.chat : {};
    return {
      kind: 'callback',
      externalId,
      peer: peerOf(q.from as unknown as TgUser, chat.id, chat),
      payload: typeof q.data === 'string' ? q.data : null,
      callbackId: String(q.id),
    };
  }
  if (isObject(update.my_chat_member) && isObject(update.my_chat_member.from)) {
    const change = update.my_chat_member;
    const status = isObject(change.new_chat_member) ? change.new_chat_member.status : undefined;
    const chat = isObject(change.chat) ? change.chat : {};
    const peer = peerOf(change.from as unknown as TgUser, chat.id, chat);
    if (status === 'kicked') return { kind: 'stopped', externalId, peer };
    if (status === 'member') return { kind: 'started', externalId, peer, payload: null };
  }
  const type = Object.keys(update).find((k) => k !== 'update_id') ?? 'unknown';
  return { kind: 'ignored', externalId, reason: type };
}
