/**
 * OK group messages (docs/CHANNELS.md §2): `POST /graph/chat:ID/messages?access_token=`, JSON. Errors
 * come as HTTP 200 with `error_code`; code 10 (PERMISSION_DENIED: the user has not allowed group
 * messages) makes the citizen unreachable. OK documents no keyboard we can rely on and no file
 * upload for bots in the sources, so buttons are dropped (typed commands work) and documents are
 * not attached (the answer text is sent in full).
 */

import { jsonBody, request, retry, sendParts, splitText } from '../../outbox/sending';
import type { ClaimedMessage, NetworkSender, SendOutcome } from '../../outbox/types';

const okTextLimit = 4000;

function okOutcome(code: number, message: string, partsSent: number): SendOutcome {
  const error = `ok ${code}: ${message}`;
  if (code === 10) return { kind: 'unreachable', error, partsSent };
  if (code === 1 || code === 9999 || code === 2) return retry(error, null, partsSent);
  return { kind: 'failed', error, partsSent };
}

export const okSender: NetworkSender = {
  async send(account, message: ClaimedMessage) {
    const texts = splitText(message.text, okTextLimit);
    const chat = message.peerId.startsWith('chat:') ? message.peerId : `chat:${message.peerId}`;
    return sendParts(texts.length, message.partsSent, async (index) => {
      const response = await request(
        `${account.apiBaseUrl}/graph/${chat}/messages?access_token=${encodeURIComponent(account.token)}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json;charset=utf-8' },
          body: JSON.stringify({ recipient: { chat_id: chat }, message: { text: texts[index] } }),
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
