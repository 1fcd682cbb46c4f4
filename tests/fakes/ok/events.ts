/**
 * OK (Odnoklassniki) group Bot API webhook payloads (docs/CHANNELS.md §2). No machine-readable schema
 * exists (tests/contracts/ok/NOTE.txt), so the documented shape is checked by hand in `okEventProblems`.
 */

export type OkAttachmentType =
  | 'IMAGE'
  | 'VIDEO'
  | 'AUDIO'
  | 'SHARE'
  | 'FILE'
  | 'CONTACT'
  | 'INLINE_KEYBOARD'
  | 'LOCATION'
  | 'MUSIC'
  | 'CALL'
  | 'PRESENT'
  | 'STICKER';

export interface OkAttachment {
  type: OkAttachmentType;
  payload: Record<string, unknown>;
}

export interface OkMessageEvent {
  sender: { user_id: string; name?: string };
  recipient: { chat_id: string };
  message: {
    text?: string;
    /** A 64-bit number on the wire: kept as bigint so the driver writes it without rounding. */
    seq: bigint;
    mid: string;
    attachments?: OkAttachment[];
  };
  /** Milliseconds since the epoch. */
  timestamp: number;
}

/**
 * A press of a `CALLBACK` button (subscription type `MESSAGE_CALLBACK`). ⚠ OK documents the type and
 * `graph.chat.answer` with its `callbackId`, not the delivery's fields: this shape is the closest
 * documented one (the message event's sender/recipient/timestamp, plus `webhookType`, `callbackId`
 * and the button's `payload`). Made by `OkFake.press`, which knows what buttons it delivered.
 */
export interface OkCallbackEvent {
  webhookType: 'MESSAGE_CALLBACK';
  callbackId: string;
  payload: string;
  sender: { user_id: string };
  recipient: { chat_id: string };
  /** Milliseconds since the epoch. */
  timestamp: number;
}

export type OkEvent = OkMessageEvent | OkCallbackEvent;

const ATTACHMENT_TYPES = new Set<string>([
  'IMAGE',
  'VIDEO',
  'AUDIO',
  'SHARE',
  'FILE',
  'CONTACT',
  'INLINE_KEYBOARD',
  'LOCATION',
  'MUSIC',
  'CALL',
  'PRESENT',
  'STICKER',
]);
let seq = 98_211_023_614_189_660n;

export interface OkIncoming {
  /** Numeric part of `user:…`. */
  readonly userId: string;
  /** Part after `chat:`, e.g. `C3ecb9d02a600`. */
  readonly chatId: string;
  readonly text?: string;
  readonly attachments?: OkAttachment[];
}

export function okMessage(incoming: OkIncoming): OkMessageEvent {
  seq += 1n;
  const message: OkMessageEvent['message'] = {
    seq,
    mid: `mid:${incoming.chatId}.${seq.toString(16)}`,
  };
  if (incoming.text !== undefined) message.text = incoming.text;
  if (incoming.attachments) message.attachments = incoming.attachments;
  return {
    sender: { user_id: `user:${incoming.userId}` },
    recipient: { chat_id: `chat:${incoming.chatId}` },
    message,
    timestamp: Date.now(),
  };
}

export function okFileAttachment(url: string): OkAttachment {
  return { type: 'FILE', payload: { url } };
}

export function okImageAttachment(url: string): OkAttachment {
  return { type: 'IMAGE', payload: { url } };
}

/** Serialises like OK does: `seq` as a bare 64-bit integer literal. */
export function okJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? `__bigint__${v}` : v)).replace(
    /"__bigint__(\d+)"/g,
    '$1',
  );
}

/** Hand-written check of the documented webhook shape (ids are prefixed strings, time in ms). */
export function okEventProblems(event: OkEvent): string[] {
  const problems: string[] = [];
  if (!/^user:\d+$/.test(event.sender?.user_id ?? ''))
    problems.push('sender.user_id must look like user:<digits>');
  if (!/^chat:[A-Za-z0-9]+$/.test(event.recipient?.chat_id ?? ''))
    problems.push('recipient.chat_id must look like chat:<id>');
  if ('webhookType' in event) {
    if (typeof event.callbackId !== 'string' || event.callbackId === '')
      problems.push('callbackId must be a non-empty string');
    if (typeof event.payload !== 'string') problems.push('payload must be the pressed button’s string');
    if (!Number.isInteger(event.timestamp) || event.timestamp < 1e12)
      problems.push('timestamp must be milliseconds');
    return problems;
  }
  if (!/^mid:[A-Za-z0-9.]+$/.test(event.message?.mid ?? ''))
    problems.push('message.mid must look like mid:<id>');
  if (typeof event.message?.seq !== 'bigint') problems.push('message.seq must be a 64-bit integer');
  if (event.message?.text === undefined && !event.message?.attachments?.length)
    problems.push('message needs text or attachments');
  // ⚠ OK documents 4000 characters for what a bot sends; the fake assumes no citizen sends more.
  if ((event.message?.text?.length ?? 0) > 4000) problems.push('message.text is longer than 4000 characters');
  for (const attachment of event.message?.attachments ?? [])
    if (!ATTACHMENT_TYPES.has(attachment.type))
      problems.push(`attachment type ${attachment.type} is not documented`);
  if (!Number.isInteger(event.timestamp) || event.timestamp < 1e12)
    problems.push('timestamp must be milliseconds');
  return problems;
}
