/**
 * MAX Bot API updates (docs/CHANNELS.md §4) → normalised events. Dedupe keys: `message.body.mid` for
 * messages, `callback.callback_id` for button presses, and (update type, chat, user, timestamp)
 * for the rest, as MAX gives them no id. Conversations are keyed by the dialog's `chat_id`; the
 * original author of a forward an administrator sends is keyed `user:<user_id>` (MAX does not reveal
 * the author's dialog with the bot; replies go by user_id).
 */
import { createHash } from 'node:crypto';
import type { RemoteAttachment } from '../attachments';
import type { NormalisedEvent } from '../events';
import { isObject, type Json, objectsOf } from '../json-shapes';
import type { ChannelAccount } from '../types';

const nameOf = (u: Json) =>
  [u.first_name, u.last_name].filter((p) => typeof p === 'string' && p !== '').join(' ');

/** `Recipient.chat_type`: `dialog` is the user's chat with the bot; `chat`/`channel` have other readers. */
const isGroupChat = (recipient: Json) => recipient.chat_type === 'chat' || recipient.chat_type === 'channel';

function peer(user: Json, chatId: unknown, locale?: unknown, recipient: Json = {}) {
  return {
    accountId: String(user.user_id ?? ''),
    chatId: String(chatId ?? `user:${String(user.user_id)}`),
    ...(nameOf(user) ? { displayName: nameOf(user) } : {}),
    ...(typeof locale === 'string' ? { languageCode: locale.slice(0, 2) } : {}),
    ...(isGroupChat(recipient) ? { groupChat: true } : {}),
  };
}

function attachments(list: unknown): RemoteAttachment[] {
  const files: RemoteAttachment[] = [];
  for (const item of objectsOf(list)) {
    const payload = isObject(item.payload) ? item.payload : {};
    if (typeof payload.url !== 'string') continue;
    if (item.type === 'image')
      files.push({
        name: `image_${String(payload.photo_id ?? 'max')}.jpg`,
        mimeType: 'image/jpeg',
        url: payload.url,
      });
    else if (item.type === 'file')
      files.push({
        name: typeof item.filename === 'string' ? item.filename : 'file',
        url: payload.url,
        ...(typeof item.size === 'number' ? { declaredSize: item.size } : {}),
      });
  }
  return files;
}

function fallbackId(update: Json): string {
  const chat = update.chat_id ?? '';
  const user = isObject(update.user) ? update.user.user_id : '';
  const digest = createHash('sha256').update(JSON.stringify(update)).digest('hex').slice(0, 16);
  return `${String(update.update_type)}:${String(chat)}:${String(user)}:${String(update.timestamp)}:${digest}`;
}

/**
 * A chat's administrator answering in the chat itself (a configured administrator's own message in
 * a `chat`): recorded as Okno's staff answer, not as a citizen's message. Forwards are not answers.
 */
function chatAdministratorAnswer(account: ChannelAccount, m: Json): NormalisedEvent | null {
  const body = isObject(m.body) ? m.body : {};
  const sender = isObject(m.sender) ? m.sender : {};
  const recipient = isObject(m.recipient) ? m.recipient : {};
  const forward = isObject(m.link) && m.link.type === 'forward';
  if (!isGroupChat(recipient) || forward || !account.administrators.includes(String(sender.user_id)))
    return null;
  return {
    kind: 'network-answer',
    externalId: `mid:${String(body.mid)}`,
    chatId: String(recipient.chat_id),
    externalMessageId: String(body.mid),
    text: typeof body.text === 'string' ? body.text : '',
    postedAt: typeof m.timestamp === 'number' ? m.timestamp : Date.now(),
    administrator: {
      accountId: String(sender.user_id),
      ...(nameOf(sender) ? { displayName: nameOf(sender) } : {}),
    },
  };
}

/** `message_edited`: the message as it is now, under the same `body.mid`. */
function editEvent(update: Json, m: Json): NormalisedEvent {
  const body = isObject(m.body) ? m.body : {};
  const recipient = isObject(m.recipient) ? m.recipient : {};
  const sender = isObject(m.sender) ? m.sender : {};
  return {
    kind: 'edit',
    // Every edit is its own event: the same mid is edited again later.
    externalId: `edit:${String(body.mid)}:${String(update.timestamp)}`,
    chatId: String(recipient.chat_id ?? `user:${String(sender.user_id)}`),
    externalMessageId: String(body.mid),
    text: typeof body.text === 'string' ? body.text : '',
    editedAt: typeof update.timestamp === 'number' ? update.timestamp : Date.now(),
  };
}

export function normaliseMaxUpdate(account: ChannelAccount, update: Json): NormalisedEvent {
  const locale = update.user_locale;
  if (update.update_type === 'message_edited' && isObject(update.message))
    return editEvent(update, update.message);
  if (update.update_type === 'message_created' && isObject(update.message)) {
    const answer = chatAdministratorAnswer(account, update.message);
    if (answer) return answer;
  }
  if (update.update_type === 'message_created' && isObject(update.message)) {
    const m = update.message;
    const body = isObject(m.body) ? m.body : {};
    const sender = isObject(m.sender) ? m.sender : {};
    const recipient = isObject(m.recipient) ? m.recipient : {};
    const externalId = `mid:${String(body.mid)}`;
    const receivedAt = typeof m.timestamp === 'number' ? m.timestamp : Date.now();
    const link = isObject(m.link) ? m.link : null;
    const linked = link && isObject(link.message) ? link.message : null;
    if (
      link?.type === 'forward' &&
      isObject(link.sender) &&
      linked &&
      account.administrators.includes(String(sender.user_id))
    ) {
      const forwarder = {
        accountId: String(sender.user_id),
        ...(nameOf(sender) ? { displayName: nameOf(sender) } : {}),
      };
      return {
        kind: 'message',
        externalId,
        message: {
          peer: peer(link.sender, `user:${String(link.sender.user_id)}`),
          externalMessageId: String(body.mid),
          text: typeof linked.text === 'string' ? linked.text : '',
          receivedAt,
          forwardedFrom: forwarder,
        },
        attachments: attachments(linked.attachments),
        invite: { forwardedBy: { ...forwarder, chatId: String(recipient.chat_id) } },
      };
    }
    const own = typeof body.text === 'string' ? body.text : '';
    const forwarded =
      link?.type === 'forward' && linked && typeof linked.text === 'string' ? `» ${linked.text}` : '';
    return {
      kind: 'message',
      externalId,
      message: {
        peer: peer(sender, recipient.chat_id, locale, recipient),
        externalMessageId: String(body.mid),
        text: [own, forwarded].filter(Boolean).join('\n'),
        receivedAt,
      },
      attachments: [...attachments(body.attachments), ...(linked ? attachments(linked.attachments) : [])],
    };
  }
  if (update.update_type === 'message_callback' && isObject(update.callback)) {
    const cb = update.callback;
    const user = isObject(cb.user) ? cb.user : {};
    const message = isObject(update.message) ? update.message : {};
    const recipient = isObject(message.recipient) ? message.recipient : {};
    return {
      kind: 'callback',
      externalId: `callback:${String(cb.callback_id)}`,
      peer: peer(user, recipient.chat_id, locale, recipient),
      payload: typeof cb.payload === 'string' ? cb.payload : null,
      callbackId: String(cb.callback_id),
    };
  }
  if (
    (update.update_type === 'bot_started' || update.update_type === 'bot_stopped') &&
    isObject(update.user)
  ) {
    return {
      kind: update.update_type === 'bot_started' ? 'started' : 'stopped',
      externalId: fallbackId(update),
      peer: peer(update.user, update.chat_id, locale),
      ...(update.update_type === 'bot_started'
        ? { payload: typeof update.payload === 'string' ? update.payload : null }
        : {}),
    };
  }
  return { kind: 'ignored', externalId: fallbackId(update), reason: String(update.update_type ?? 'unknown') };
}
