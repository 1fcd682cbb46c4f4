/** Builders for MAX Bot API updates (docs/CHANNELS.md §4), valid against the OpenAPI `Update`. */

export interface MaxUser {
  user_id: number;
  first_name: string;
  last_name?: string | null;
  username: string | null;
  is_bot: boolean;
  last_activity_time: number;
  /** Deprecated by MAX but still required by the schema. */
  name: string | null;
}

export interface MaxAttachment {
  type: string;
  payload: Record<string, unknown>;
  [field: string]: unknown;
}

export interface MaxMessageBody {
  mid: string;
  seq: number;
  text: string | null;
  attachments: MaxAttachment[] | null;
  markup?: unknown[] | null;
}

export interface MaxLinkedMessage {
  type: 'forward' | 'reply';
  sender?: MaxUser;
  chat_id?: number;
  message: MaxMessageBody;
}

export interface MaxMessage {
  sender?: MaxUser;
  recipient: { chat_id: number | null; chat_type: 'dialog' | 'chat' | 'channel'; user_id: number | null };
  timestamp: number;
  body: MaxMessageBody;
  link?: MaxLinkedMessage | null;
  stat?: null;
  url?: string | null;
}

export interface MaxUpdate {
  update_type: string;
  timestamp: number;
  [field: string]: unknown;
}

let seq = 113_512_345_678_900;

export function maxUser(fields: Partial<MaxUser> & Pick<MaxUser, 'user_id' | 'first_name'>): MaxUser {
  const lastName = fields.last_name ?? null;
  return {
    username: null,
    is_bot: false,
    last_activity_time: Date.now() - 1000,
    name: lastName ? `${fields.first_name} ${lastName}` : fields.first_name,
    ...fields,
    last_name: lastName,
  };
}

export function maxBody(text: string | null, attachments: MaxAttachment[] | null = null): MaxMessageBody {
  seq += 1;
  return { mid: `mid.${seq.toString(16).padStart(16, '0')}`, seq, text, attachments, markup: null };
}

export function maxFileAttachment(file: {
  filename: string;
  size: number;
  url?: string;
  token?: string;
}): MaxAttachment {
  return {
    type: 'file',
    payload: {
      url: file.url ?? `https://files.max.ru/${encodeURIComponent(file.filename)}`,
      token: file.token ?? `f_${seq}`,
    },
    filename: file.filename,
    size: file.size,
  };
}

export function maxImageAttachment(photoId: number, url = `https://i.max.ru/${photoId}.jpg`): MaxAttachment {
  return { type: 'image', payload: { photo_id: photoId, url, token: `p_${photoId}` } };
}

export interface MaxIncoming {
  readonly sender: MaxUser;
  readonly text: string | null;
  /** Dialog id between the user and the bot. */
  readonly chatId: number;
  /**
   * ⚠ Which id `recipient.user_id` holds in an incoming dialog message is unverified (docs/CHANNELS.md);
   * the builder puts the bot's id there, and connectors should reply by `chat_id`.
   */
  readonly botUserId?: number;
  readonly attachments?: MaxAttachment[];
  /** Makes the message a forward of another user's message (`link.type = forward`). */
  readonly forwardOf?: { sender: MaxUser; text: string; chatId?: number; attachments?: MaxAttachment[] };
  readonly locale?: string;
}

export function maxMessageCreated(incoming: MaxIncoming): MaxUpdate {
  const now = Date.now();
  const message: MaxMessage = {
    sender: incoming.sender,
    recipient: { chat_id: incoming.chatId, chat_type: 'dialog', user_id: incoming.botUserId ?? 55_555_555 },
    timestamp: now,
    body: maxBody(incoming.text, incoming.attachments ?? null),
    link: incoming.forwardOf
      ? {
          type: 'forward',
          sender: incoming.forwardOf.sender,
          ...(incoming.forwardOf.chatId !== undefined ? { chat_id: incoming.forwardOf.chatId } : {}),
          message: maxBody(incoming.forwardOf.text, incoming.forwardOf.attachments ?? null),
        }
      : null,
    stat: null,
    url: null,
  };
  return { update_type: 'message_created', timestamp: now, message, user_locale: incoming.locale ?? 'ru' };
}

export function maxBotStarted(user: MaxUser, chatId: number, payload: string | null = null): MaxUpdate {
  return {
    update_type: 'bot_started',
    timestamp: Date.now(),
    chat_id: chatId,
    user,
    payload,
    user_locale: 'ru',
  };
}

/** The `callback_id` of a button press (`message_callback`), which the bot must answer (POST /answers). */
export function maxPressOf(update: MaxUpdate): string | null {
  if (update.update_type !== 'message_callback') return null;
  const callback = update.callback as { callback_id?: unknown } | undefined;
  return typeof callback?.callback_id === 'string' ? callback.callback_id : null;
}

/** `message_edited`: the message of `created` (a `message_created` update) edited to `text`. */
export function maxMessageEdited(created: MaxUpdate, text: string): MaxUpdate {
  const message = created.message as MaxMessage;
  const now = Math.max(Date.now(), created.timestamp + 1);
  return {
    update_type: 'message_edited',
    timestamp: now,
    message: { ...message, body: { ...message.body, text } },
  };
}

/** `message_callback`: `user` pressed an inline button carrying `payload` under a bot message in `chatId`. */
export function maxMessageCallback(user: MaxUser, chatId: number, payload: string): MaxUpdate {
  const now = Date.now();
  seq += 1;
  return {
    update_type: 'message_callback',
    timestamp: now,
    callback: { timestamp: now, callback_id: `cb.${seq}`, payload, user },
    message: {
      sender: maxUser({ user_id: 55_555_555, first_name: 'Окно', username: 'okno_bot', is_bot: true }),
      recipient: { chat_id: chatId, chat_type: 'dialog', user_id: user.user_id },
      timestamp: now,
      body: maxBody('Меню'),
      link: null,
      stat: null,
      url: null,
    },
    user_locale: 'ru',
  };
}
