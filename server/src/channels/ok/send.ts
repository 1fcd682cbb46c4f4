/**
 * OK group messages (docs/CHANNELS.md §2): `POST /graph/chat:ID/messages?access_token=`, JSON. Errors
 * come as HTTP 200 with `error_code`; code 10 (PERMISSION_DENIED: the user has not allowed group
 * messages) makes the citizen unreachable.
 *
 * The bot's keyboard goes with the last text part as an `INLINE_KEYBOARD` attachment of `CALLBACK`
 * buttons whose payload is the button's label: the press comes back as a `MESSAGE_CALLBACK`
 * (./normalise.ts) and reads as the label typed, as a press reads on the other networks.
 * Documents (the answer letter) follow the text as their own messages, each after the documented
 * upload: `GET /graph/me/fileUploadUrl?type=FILE` gives an upload URL and the attachment's token,
 * the file is POSTed there, and the message carries `{type:'FILE', payload:{token}}`.
 */

import { fileBlob, jsonBody, request, retry, sendParts, splitText } from '../../outbox/sending';
import type {
  ClaimedMessage,
  Keyboard,
  NetworkSender,
  OutboxAttachment,
  SendCredentials,
  SendOutcome,
} from '../../outbox/types';
import { commentPlace } from '../comments';
import { sendTopicReply } from './comments-send';

const okTextLimit = 4000;
/** ⚠ OK documents no label limit; 64 characters keeps every label of the bot whole. */
const okLabelLimit = 64;
/** OK asks for "a couple of seconds" between an upload and the message that carries the file. */
const uploadSettleMs = 1_500;

function okOutcome(code: number, message: string, partsSent: number): SendOutcome {
  const error = `ok ${code}: ${message}`;
  if (code === 10) return { kind: 'unreachable', error, partsSent };
  if (code === 1 || code === 9999 || code === 2) return retry(error, null, partsSent);
  return { kind: 'failed', error, partsSent };
}

/** `INLINE_KEYBOARD` with one `CALLBACK` button per label; the payload is what the press means. */
function okKeyboard(keyboard: Keyboard): Record<string, unknown> {
  return {
    type: 'INLINE_KEYBOARD',
    payload: {
      buttons: keyboard.buttons.map((row) =>
        row.map((button) => {
          const label = button.label.slice(0, okLabelLimit);
          return { type: 'CALLBACK', text: label, payload: label };
        }),
      ),
    },
  };
}

/** Uploads one document; its attachment token, or the outcome that stops the send. */
async function upload(
  account: SendCredentials,
  attachment: OutboxAttachment,
  partsSent: number,
): Promise<string | SendOutcome> {
  const slot = await request(
    `${account.apiBaseUrl}/graph/me/fileUploadUrl?type=FILE&access_token=${encodeURIComponent(account.token)}`,
    { method: 'GET' },
  );
  const slotBody = await jsonBody(slot);
  if (typeof slotBody.error_code === 'number')
    return okOutcome(slotBody.error_code, String(slotBody.error_msg ?? ''), partsSent);
  if (typeof slotBody.url !== 'string' || typeof slotBody.token !== 'string')
    return retry(`ok fileUploadUrl: HTTP ${slot.status}`, null, partsSent);
  const form = new FormData();
  form.append('file', fileBlob(attachment), attachment.name);
  const uploaded = await request(slotBody.url, { method: 'POST', body: form });
  if (!uploaded.ok) return retry(`ok upload: HTTP ${uploaded.status}`, null, partsSent);
  await new Promise((resolve) => setTimeout(resolve, uploadSettleMs));
  return slotBody.token;
}

export const okSender: NetworkSender = {
  async send(account, message: ClaimedMessage) {
    // A comment's conversation: the answer goes under the comment, through the REST API.
    const comment = commentPlace(message.peerId);
    if (comment) return sendTopicReply(account, message, comment);
    const texts = splitText(message.text, okTextLimit);
    const chat = message.peerId.startsWith('chat:') ? message.peerId : `chat:${message.peerId}`;
    const total = texts.length + message.attachments.length;
    return sendParts(total, message.partsSent, async (index) => {
      let content: Record<string, unknown>;
      if (index < texts.length) {
        const last = index === texts.length - 1;
        content = {
          text: texts[index],
          ...(last && message.keyboard ? { attachments: [okKeyboard(message.keyboard)] } : {}),
        };
      } else {
        const token = await upload(account, message.attachments[index - texts.length]!, index);
        if (typeof token !== 'string') return token;
        content = { attachment: { type: 'FILE', payload: { token } } };
      }
      const response = await request(
        `${account.apiBaseUrl}/graph/${chat}/messages?access_token=${encodeURIComponent(account.token)}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json;charset=utf-8' },
          body: JSON.stringify({ recipient: { chat_id: chat }, message: content }),
        },
      );
      const body = await jsonBody(response);
      if (typeof body.error_code === 'number')
        return okOutcome(body.error_code, String(body.error_msg ?? ''), index);
      if (response.status >= 500) return retry(`ok HTTP ${response.status}`, null, index);
      return { kind: 'sent', networkMessageId: body.message_id ? String(body.message_id) : null };
    });
  },
};
