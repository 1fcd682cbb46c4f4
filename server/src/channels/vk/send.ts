/**
 * VK community messages (docs/CHANNELS.md §1.4): `messages.send` as a form POST with `random_id`
 * derived from the row's idempotency key, so a retried part is never shown twice. Documents are
 * uploaded through docs.getMessagesUploadServer → upload → docs.save.
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
import { vkMethod } from './api';
import { sendWallReply } from './comments-send';

const vkTextLimit = 4096;

/** VK's random_id is a 32-bit integer unique over the community's history. */
function vkRandomId(idempotencyKey: number, part: number): number {
  return Number((BigInt(idempotencyKey) * 16n + BigInt(part)) % 2147483647n) || 1;
}

const call = (account: SendCredentials, method: string, params: Record<string, string>) =>
  vkMethod(account.apiBaseUrl, account.token, method, params);

/** VK error codes (docs/CHANNELS.md §1.4) → what the outbox does. */
function vkOutcome(code: number, message: string, partsSent: number): SendOutcome {
  const error = `vk ${code}: ${message}`;
  if ([900, 901, 902, 950].includes(code)) return { kind: 'unreachable', error, partsSent };
  if (code === 6 || code === 10) return retry(error, null, partsSent);
  if (code === 9) return retry(error, 10_000, partsSent); // flood control: slow down
  if (code === 29) return retry(error, 3_600_000, partsSent); // method quota: wait for the reset
  return { kind: 'failed', error, partsSent };
}

async function uploadDoc(
  account: SendCredentials,
  peerId: string,
  attachment: OutboxAttachment,
): Promise<string | SendOutcome> {
  const server = await call(account, 'docs.getMessagesUploadServer', { peer_id: peerId, type: 'doc' });
  if ('error' in server) return vkOutcome(server.error.error_code, server.error.error_msg ?? '', 0);
  const form = new FormData();
  form.append('file', fileBlob(attachment), attachment.name);
  const uploadUrl = String((server.response as { upload_url?: unknown }).upload_url);
  const uploaded = await jsonBody(await request(uploadUrl, { method: 'POST', body: form }));
  if (typeof uploaded.file !== 'string') return retry(`vk upload: ${String(uploaded.error)}`, null, 0);
  const saved = await call(account, 'docs.save', { file: uploaded.file, title: attachment.name });
  if ('error' in saved) return vkOutcome(saved.error.error_code, saved.error.error_msg ?? '', 0);
  const doc = (saved.response as { doc?: { id: number; owner_id: number } }).doc;
  return doc ? `doc${doc.owner_id}_${doc.id}` : retry('vk docs.save: no doc', null, 0);
}

export const vkSender: NetworkSender = {
  async send(account, message: ClaimedMessage) {
    const comment = commentPlace(message.peerId);
    if (comment) return sendWallReply(account, message, comment, vkOutcome);
    const texts = splitText(message.text, vkTextLimit);
    const attachments: string[] = [];
    // Documents go with the last part; uploads are repeated on retry (cheap, and not visible).
    if (message.partsSent < texts.length + 1) {
      for (const attachment of message.attachments) {
        const uploaded = await uploadDoc(account, message.peerId, attachment);
        if (typeof uploaded !== 'string') return { ...uploaded, partsSent: message.partsSent } as SendOutcome;
        attachments.push(uploaded);
      }
    }
    return sendParts(texts.length, message.partsSent, async (index) => {
      const last = index === texts.length - 1;
      const params: Record<string, string> = {
        peer_id: message.peerId,
        random_id: String(vkRandomId(message.idempotencyKey, index)),
        message: texts[index]!,
      };
      if (last && message.keyboard) params.keyboard = vkKeyboard(message.keyboard);
      if (last && attachments.length > 0) params.attachment = attachments.join(',');
      const answer = await call(account, 'messages.send', params);
      if ('error' in answer) return vkOutcome(answer.error.error_code, answer.error.error_msg ?? '', index);
      return { kind: 'sent', networkMessageId: String(answer.response) };
    });
  },
};

/** VK `messages_keyboard` (a JSON string parameter). VK labels are limited to 40 characters. */
function vkKeyboard(keyboard: Keyboard): string {
  return JSON.stringify({
    one_time: false,
    inline: false,
    buttons: keyboard.buttons.map((row) =>
      row.map((button) => ({
        action: {
          type: 'text',
          label: button.label.slice(0, 40),
          payload: JSON.stringify({ command: button.command }),
        },
        color: button.command === 'cancel' ? 'negative' : 'primary',
      })),
    ),
  });
}
