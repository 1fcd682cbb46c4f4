import { randomBytes } from 'node:crypto';

/** Builders for VK Callback / Bots Long Poll events in the v5.199 shapes of docs/CHANNELS.md §1.2. */

export const VK_API_VERSION = '5.199';

export interface VkAttachment {
  readonly type: string;
  readonly [media: string]: unknown;
}

export interface VkForeignMessage {
  from_id: number;
  date: number;
  text: string;
  conversation_message_id: number;
  id?: number;
  peer_id?: number;
  attachments?: VkAttachment[];
  fwd_messages?: VkForeignMessage[];
}

export interface VkMessage {
  id: number;
  date: number;
  from_id: number;
  peer_id: number;
  out: 0 | 1;
  text: string;
  conversation_message_id: number;
  version: number;
  attachments: VkAttachment[];
  fwd_messages: VkForeignMessage[];
  important: boolean;
  is_hidden: boolean;
  random_id: number;
  payload?: string;
  reply_message?: VkForeignMessage;
}

export interface VkEvent {
  type: string;
  event_id: string;
  v: string;
  group_id: number;
  secret?: string;
  object: unknown;
}

export interface VkEnvelopeOptions {
  readonly groupId: number;
  /** The Callback server's secret key; omitted for Long Poll events. */
  readonly secret?: string;
  readonly eventId?: string;
  readonly v?: string;
}

let counter = 4800;
const nowSeconds = () => Math.floor(Date.now() / 1000);

export function vkEventId(): string {
  return randomBytes(20).toString('hex');
}

/** An incoming private-dialog message; `peer_id` defaults to the author, as in a dialog with the community. */
export function vkMessage(fields: Partial<VkMessage> & Pick<VkMessage, 'from_id' | 'text'>): VkMessage {
  counter += 1;
  return {
    id: counter,
    date: nowSeconds(),
    peer_id: fields.from_id,
    out: 0,
    conversation_message_id: counter - 4700,
    version: 1_000_000 + counter,
    attachments: [],
    fwd_messages: [],
    important: false,
    is_hidden: false,
    random_id: 0,
    ...fields,
  };
}

/** A forwarded message as it appears inside `fwd_messages` (the original author is `from_id`). */
export function vkForwarded(
  fields: Partial<VkForeignMessage> & Pick<VkForeignMessage, 'from_id' | 'text'>,
): VkForeignMessage {
  return { date: nowSeconds() - 3600, conversation_message_id: 0, ...fields };
}

export function vkPhotoAttachment(ownerId: number, photoId = 457239017): VkAttachment {
  return {
    type: 'photo',
    photo: {
      id: photoId,
      owner_id: ownerId,
      access_key: 'a1b2c3d4e5',
      date: nowSeconds(),
      sizes: [
        {
          type: 'x',
          url: `https://sun9-1.userapi.com/photo${ownerId}_${photoId}.jpg`,
          width: 604,
          height: 453,
        },
      ],
    },
  };
}

export function vkDocAttachment(
  ownerId: number,
  doc: { id?: number; title: string; ext: string; size: number; url?: string },
): VkAttachment {
  const id = doc.id ?? 1;
  return {
    type: 'doc',
    doc: {
      id,
      owner_id: ownerId,
      title: doc.title,
      ext: doc.ext,
      size: doc.size,
      url: doc.url ?? `https://vk.com/doc${ownerId}_${id}`,
      date: nowSeconds(),
      type: 1,
    },
  };
}

function envelope(type: string, object: unknown, options: VkEnvelopeOptions): VkEvent {
  const event: VkEvent = {
    type,
    event_id: options.eventId ?? vkEventId(),
    v: options.v ?? VK_API_VERSION,
    group_id: options.groupId,
    object,
  };
  if (options.secret !== undefined) event.secret = options.secret;
  return event;
}

export function vkMessageNew(message: VkMessage, options: VkEnvelopeOptions): VkEvent {
  const clientInfo = {
    button_actions: ['text', 'vkpay', 'open_app', 'location', 'open_link', 'callback'],
    keyboard: true,
    inline_keyboard: true,
    carousel: true,
    lang_id: 0,
  };
  return envelope('message_new', { message, client_info: clientInfo }, options);
}

export function vkMessageAllow(userId: number, options: VkEnvelopeOptions): VkEvent {
  return envelope('message_allow', { user_id: userId, key: 'from_widget' }, options);
}

export function vkMessageDeny(userId: number, options: VkEnvelopeOptions): VkEvent {
  return envelope('message_deny', { user_id: userId }, options);
}

/** The citizen read the dialogue up to message `readMessageId` (ours, here). */
export function vkMessageRead(
  userId: number,
  readMessageId: number,
  options: VkEnvelopeOptions & { conversationMessageId?: number },
): VkEvent {
  return envelope(
    'message_read',
    {
      from_id: userId,
      peer_id: userId,
      read_message_id: readMessageId,
      conversation_message_id: options.conversationMessageId ?? readMessageId,
    },
    options,
  );
}

/** `message_edit`: the citizen edited `message` to `text` (the message as it is now, with `update_time`). */
export function vkMessageEdit(message: VkMessage, text: string, options: VkEnvelopeOptions): VkEvent {
  return envelope('message_edit', { ...message, text, update_time: nowSeconds() }, options);
}

/**
 * `message_reply`: the community's outgoing message to `userId`. With `adminAuthorId`, an
 * administrator wrote it in VK's community messages; without, it is a message sent through the API
 * (Okno's own sends come back this way).
 */
export function vkMessageReply(
  userId: number,
  text: string,
  options: VkEnvelopeOptions & { adminAuthorId?: number },
): VkEvent {
  counter += 1;
  const message = {
    id: counter,
    date: nowSeconds(),
    from_id: -options.groupId,
    peer_id: userId,
    out: 1,
    text,
    conversation_message_id: counter - 4700,
    version: 1_000_000 + counter,
    attachments: [],
    fwd_messages: [],
    important: false,
    is_hidden: false,
    random_id: 0,
    ...(options.adminAuthorId !== undefined ? { admin_author_id: options.adminAuthorId } : {}),
  };
  return envelope('message_reply', message, options);
}

/** `message_event`: `userId` pressed a callback button carrying `payload` (a JSON string). */
export function vkMessageEvent(userId: number, payload: string, options: VkEnvelopeOptions): VkEvent {
  counter += 1;
  return envelope(
    'message_event',
    {
      user_id: userId,
      peer_id: userId,
      event_id: randomBytes(6).toString('hex'),
      payload,
      conversation_message_id: counter - 4700,
    },
    options,
  );
}

/**
 * The "Confirm" request. The docs show `{type, group_id}`; the schema's base fields may also be
 * present (docs/CHANNELS.md ⚠), so both shapes are available.
 */
export function vkConfirmation(options: VkEnvelopeOptions, shape: 'minimal' | 'full' = 'minimal'): object {
  if (shape === 'minimal') return { type: 'confirmation', group_id: options.groupId };
  const { object: _object, ...full } = envelope('confirmation', undefined, options);
  return full;
}

/** The `event_id` of a callback button press (`message_event`), which the bot must answer. */
export function vkPressOf(event: { type?: unknown; object?: unknown }): string | null {
  if (event.type !== 'message_event' || typeof event.object !== 'object' || event.object === null)
    return null;
  const id = (event.object as { event_id?: unknown }).event_id;
  return typeof id === 'string' ? id : null;
}
