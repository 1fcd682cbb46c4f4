/**
 * MAX Bot API (docs/CHANNELS.md §4): `POST /messages?chat_id=` with the raw token in `Authorization`.
 * A file must be the only attachment of its message, so documents follow the text as their own
 * messages; an upload not processed yet (`attachment.not.ready`) is retried shortly.
 */

import {
  fileBlob,
  jsonBody,
  request,
  retry,
  retryAfterHeader,
  sendParts,
  splitText,
} from '../../outbox/sending';
import type {
  ClaimedMessage,
  Keyboard,
  NetworkSender,
  OutboxAttachment,
  SendCredentials,
  SendOutcome,
} from '../../outbox/types';

const maxTextLimit = 4000;

function maxOutcome(
  status: number,
  body: Record<string, unknown>,
  retryAfterMs: number | null,
  partsSent: number,
): SendOutcome {
  const code = String(body.code ?? '');
  const error = `max ${status}: ${code} ${String(body.message ?? '')}`.trim();
  if (status === 429) return retry(error, retryAfterMs, partsSent);
  if (code === 'attachment.not.ready') return retry(error, 1_000, partsSent);
  if (status === 403 || (status === 404 && /chat|user/i.test(code)))
    return { kind: 'unreachable', error, partsSent };
  if (status >= 500) return retry(error, retryAfterMs, partsSent);
  return { kind: 'failed', error, partsSent };
}

async function upload(account: SendCredentials, attachment: OutboxAttachment): Promise<string | SendOutcome> {
  const headers = { authorization: account.token };
  const slot = await request(`${account.apiBaseUrl}/uploads?type=file`, { method: 'POST', headers });
  const slotBody = await jsonBody(slot);
  if (!slot.ok) return maxOutcome(slot.status, slotBody, retryAfterHeader(slot), 0);
  const form = new FormData();
  form.append('data', fileBlob(attachment), attachment.name);
  const uploaded = await request(String(slotBody.url), { method: 'POST', headers, body: form });
  const uploadedBody = await jsonBody(uploaded);
  if (!uploaded.ok || typeof uploadedBody.token !== 'string')
    return retry(`max upload: HTTP ${uploaded.status}`, null, 0);
  return uploadedBody.token;
}

/**
 * A dialog is addressed by its `chat_id`; the author of a forwarded message, whose dialog with the
 * bot MAX does not reveal, is keyed `user:<user_id>` (./normalise.ts) and addressed by `user_id`.
 */
function recipientQuery(peerId: string): string {
  const user = /^user:(\d+)$/.exec(peerId);
  return user ? `user_id=${user[1]}` : `chat_id=${encodeURIComponent(peerId)}`;
}

export const maxSender: NetworkSender = {
  async send(account, message: ClaimedMessage) {
    const texts = splitText(message.text, maxTextLimit);
    const total = texts.length + message.attachments.length;
    return sendParts(total, message.partsSent, async (index) => {
      let body: Record<string, unknown>;
      if (index < texts.length) {
        const last = index === texts.length - 1;
        body = {
          text: texts[index],
          attachments: last && message.keyboard ? [maxKeyboard(message.keyboard)] : [],
          link: null,
          notify: true,
        };
      } else {
        const token = await upload(account, message.attachments[index - texts.length]!);
        if (typeof token !== 'string') return token;
        body = { text: null, attachments: [{ type: 'file', payload: { token } }], link: null, notify: true };
      }
      const response = await request(`${account.apiBaseUrl}/messages?${recipientQuery(message.peerId)}`, {
        method: 'POST',
        headers: { authorization: account.token, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const answer = await jsonBody(response);
      if (response.ok) {
        const sent = answer.message as { body?: { mid?: unknown } } | undefined;
        return { kind: 'sent', networkMessageId: sent?.body?.mid ? String(sent.body.mid) : null };
      }
      return maxOutcome(response.status, answer, retryAfterHeader(response), index);
    });
  },
};

/** MAX inline keyboard attachment with `message` buttons (the press is sent as a message). */
function maxKeyboard(keyboard: Keyboard): Record<string, unknown> {
  return {
    type: 'inline_keyboard',
    payload: {
      buttons: keyboard.buttons.map((row) =>
        row.map((button) => ({ type: 'message', text: button.label.slice(0, 128) })),
      ),
    },
  };
}
