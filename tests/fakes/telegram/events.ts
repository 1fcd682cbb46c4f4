/** Builders for Telegram Bot API Updates (docs/CHANNELS.md §3), all valid against api.json. */

export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface TgChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  first_name?: string;
  last_name?: string;
  username?: string;
  title?: string;
}

export type TgMessageOrigin =
  | { type: 'user'; date: number; sender_user: TgUser }
  | { type: 'hidden_user'; date: number; sender_user_name: string }
  /** A channel's post (its automatic forward into the discussion group: ./discussion.ts). */
  | { type: 'channel'; date: number; chat: TgChat; message_id: number; author_signature?: string };

export interface TgDocument {
  file_id: string;
  file_unique_id: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

export interface TgPhotoSize {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  file_size?: number;
}

export interface TgMessage {
  message_id: number;
  date: number;
  chat: TgChat;
  from?: TgUser;
  text?: string;
  caption?: string;
  forward_origin?: TgMessageOrigin;
  document?: TgDocument;
  photo?: TgPhotoSize[];
  [field: string]: unknown;
}

export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  [payload: string]: unknown;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
let nextUpdateId = 912_345_000;
let nextMessageId = 1300;

export function tgUser(fields: Partial<TgUser> & Pick<TgUser, 'id' | 'first_name'>): TgUser {
  return { is_bot: false, language_code: 'ru', ...fields };
}

/** The private chat a user has with the bot: same id as the user. */
export function tgPrivateChat(user: TgUser): TgChat {
  const chat: TgChat = { id: user.id, type: 'private', first_name: user.first_name };
  if (user.last_name) chat.last_name = user.last_name;
  if (user.username) chat.username = user.username;
  return chat;
}

/** `forward_origin` of a message forwarded from a user who allows linking to their account. */
export function tgForwardFromUser(user: TgUser, date = nowSeconds() - 3600): TgMessageOrigin {
  return { type: 'user', date, sender_user: user };
}

/** `forward_origin` when the original author hides their account: only a name is revealed. */
export function tgForwardFromHiddenUser(name: string, date = nowSeconds() - 3600): TgMessageOrigin {
  return { type: 'hidden_user', date, sender_user_name: name };
}

export interface TgIncoming {
  readonly from: TgUser;
  readonly text?: string;
  readonly chat?: TgChat;
  readonly forwardOrigin?: TgMessageOrigin;
  /** With a document or photo the text travels as `caption`. */
  readonly document?: TgDocument;
  readonly photo?: TgPhotoSize[];
  readonly updateId?: number;
  readonly messageId?: number;
  readonly date?: number;
}

/** An Update with an incoming `message`. */
export function tgMessageUpdate(incoming: TgIncoming): TgUpdate {
  nextMessageId += 1;
  const message: TgMessage = {
    message_id: incoming.messageId ?? nextMessageId,
    date: incoming.date ?? nowSeconds(),
    from: incoming.from,
    chat: incoming.chat ?? tgPrivateChat(incoming.from),
  };
  if (incoming.forwardOrigin) message.forward_origin = incoming.forwardOrigin;
  const media = incoming.document !== undefined || incoming.photo !== undefined;
  if (incoming.document) message.document = incoming.document;
  if (incoming.photo) message.photo = incoming.photo;
  if (incoming.text !== undefined) {
    if (media) message.caption = incoming.text;
    else message.text = incoming.text;
  }
  nextUpdateId += 1;
  return { update_id: incoming.updateId ?? nextUpdateId, message };
}

/**
 * An `edited_message` Update: the citizen edited `original` (an Update with a `message`) to `text`.
 * Telegram keeps the message id and adds `edit_date`.
 */
export function tgEditedMessageUpdate(original: TgUpdate, text: string, editDate = nowSeconds()): TgUpdate {
  const message = original.message as TgMessage;
  const media = message.document !== undefined || message.photo !== undefined;
  const { text: _text, caption: _caption, ...rest } = message;
  nextUpdateId += 1;
  return {
    update_id: nextUpdateId,
    edited_message: { ...rest, ...(media ? { caption: text } : { text }), edit_date: editDate },
  };
}

/** A `callback_query` Update: `from` pressed an inline button carrying `data` under a bot message. */
export function tgCallbackQueryUpdate(
  from: TgUser,
  data: string,
  chat: TgChat = tgPrivateChat(from),
): TgUpdate {
  nextUpdateId += 1;
  nextMessageId += 1;
  return {
    update_id: nextUpdateId,
    callback_query: {
      id: String(4_300_000_000_000 + nextUpdateId),
      from,
      chat_instance: `-${chat.id}`,
      message: { message_id: nextMessageId, date: nowSeconds(), chat, text: 'Меню' },
      data,
    },
  };
}

/**
 * The Updates a Telegram app produces when a citizen sends a text longer than one message holds:
 * the app splits it into messages of at most 4096 characters, sent one after another (⚠ where the
 * apps cut is not documented; here at the last line break or space before the limit).
 */
export function tgMessagesAsSent(from: TgUser, text: string, chat?: TgChat): TgUpdate[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > 4096) {
    const window = rest.slice(0, 4096);
    const cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const at = cut > 0 ? cut : 4096;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\s+/, '');
  }
  parts.push(rest);
  return parts.map((part) => tgMessageUpdate({ from, text: part, ...(chat ? { chat } : {}) }));
}
