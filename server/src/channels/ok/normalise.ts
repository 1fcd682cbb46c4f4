/**
 * OK group Bot API webhook payloads (docs/CHANNELS.md §2) → normalised events. Dedupe key:
 * `message.mid`, and `callbackId` for a button press. Ids are prefixed strings (`user:…`, `chat:…`);
 * a message is read from sender/recipient/message whatever event-type field comes with it (⚠).
 * A press of one of the bot's `CALLBACK` buttons (`MESSAGE_CALLBACK`, ⚠ shape: `callbackId` and the
 * button's `payload` beside sender/recipient) is a callback whose payload is the button's label
 * (./send.ts), answered by `graph.chat.answer` (../callbacks.ts).
 */
import type { RemoteAttachment } from '../attachments';
import type { NormalisedEvent } from '../events';
import { isObject, objectsOf } from '../json-shapes';

/** The file's name from the last segment of its URL; a URL that does not parse is kept for the download to refuse. */
function fileName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() || 'file');
  } catch {
    return 'file';
  }
}

function attachments(list: unknown): RemoteAttachment[] {
  return objectsOf(list).flatMap((item) => {
    const payload = isObject(item.payload) ? item.payload : {};
    if (typeof payload.url !== 'string') return [];
    if (item.type === 'IMAGE') return [{ name: 'image.jpg', mimeType: 'image/jpeg', url: payload.url }];
    if (item.type === 'FILE') return [{ name: fileName(payload.url), url: payload.url }];
    return [];
  });
}

export function normaliseOkEvent(event: unknown): NormalisedEvent | null {
  if (!isObject(event)) return null;
  const sender = isObject(event.sender) ? event.sender : null;
  const recipient = isObject(event.recipient) ? event.recipient : null;
  if (event.webhookType === 'MESSAGE_CALLBACK' || typeof event.callbackId === 'string') {
    if (!sender || typeof event.callbackId !== 'string' || event.callbackId === '') return null;
    return {
      kind: 'callback',
      externalId: `callback:${event.callbackId}`,
      peer: {
        accountId: String(sender.user_id ?? ''),
        chatId: String(recipient?.chat_id ?? sender.user_id ?? ''),
      },
      payload: typeof event.payload === 'string' ? event.payload : null,
      callbackId: event.callbackId,
    };
  }
  const message = isObject(event.message) ? event.message : null;
  if (!sender || !recipient || !message || typeof message.mid !== 'string') return null;
  const receivedAt = typeof event.timestamp === 'number' ? event.timestamp : Date.now();
  return {
    kind: 'message',
    externalId: message.mid,
    message: {
      peer: {
        accountId: String(sender.user_id ?? ''),
        chatId: String(recipient.chat_id ?? sender.user_id ?? ''),
        ...(typeof sender.name === 'string' && sender.name ? { displayName: sender.name } : {}),
      },
      externalMessageId: message.mid,
      text: typeof message.text === 'string' ? message.text : '',
      receivedAt,
    },
    attachments: attachments(message.attachments),
  };
}
