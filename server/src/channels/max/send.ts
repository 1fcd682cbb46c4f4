/**
 * MAX Bot API (docs/CHANNELS.md §4): `POST /messages?chat_id=` with the raw token in `Authorization`.
 * A message carries a text and attachments together, but a file must be its only attachment: the
 * first document rides with the (last part of the) text in one message, unless the message has a
 * menu, itself an attachment — then the text and menu go first and the file follows. Further
 * documents are messages of their own. A message whose upload is not processed yet
 * (`attachment.not.ready`) is retried after 1, 2, 4 s … 1 min with the same upload (`pendingUploads`).
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
  attempts = 1,
): SendOutcome {
  const code = String(body.code ?? '');
  const error = `max ${status}: ${code} ${String(body.message ?? '')}`.trim();
  if (status === 429) return retry(error, retryAfterMs, partsSent);
  if (code === 'attachment.not.ready') return retry(error, notReadyDelayMs(attempts), partsSent);
  if (status === 403 || (status === 404 && /chat|user/i.test(code)))
    return { kind: 'unreachable', error, partsSent };
  if (status >= 500) return retry(error, retryAfterMs, partsSent);
  return { kind: 'failed', error, partsSent };
}

/** MAX: «повторите попытку через некоторое время. Увеличивайте интервал с каждой попыткой» — 1 s, 2 s, 4 s … 1 min. */
function notReadyDelayMs(attempts: number): number {
  return Math.min(60_000, 1_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Tokens of files uploaded for a row not sent yet, by row and document: a retry after
 * `attachment.not.ready` waits for the same upload instead of starting another one (a restart
 * uploads again; the row keeps only the bytes).
 */
const pendingUploads = new Map<string, string>();

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

/** The messages of one row: each a text (or null) and at most one document, by index into the row's attachments. */
function maxMessages(
  text: string,
  attachmentCount: number,
  hasKeyboard: boolean,
): { text: string | null; document: number | null }[] {
  const texts = splitText(text, maxTextLimit).map((part) => ({
    text: part,
    document: null as number | null,
  }));
  const documents = Array.from({ length: attachmentCount }, (_, document) => ({ text: null, document }));
  const last = texts[texts.length - 1]!;
  if (documents.length > 0 && !hasKeyboard && last.text.trim().length > 0) {
    last.document = 0;
    documents.shift();
  }
  return [...texts, ...documents];
}

export const maxSender: NetworkSender = {
  async send(account, message: ClaimedMessage) {
    const messages = maxMessages(message.text, message.attachments.length, message.keyboard !== null);
    const lastText = messages.findLastIndex((part) => part.text !== null);
    return sendParts(messages.length, message.partsSent, async (index) => {
      const part = messages[index]!;
      const attachments: Record<string, unknown>[] = [];
      const uploadKey = `${message.id}:${part.document}`;
      if (part.document !== null) {
        const token =
          pendingUploads.get(uploadKey) ?? (await upload(account, message.attachments[part.document]!));
        if (typeof token !== 'string') return token;
        pendingUploads.set(uploadKey, token);
        attachments.push({ type: 'file', payload: { token } });
      }
      if (index === lastText && message.keyboard) attachments.push(maxKeyboard(message.keyboard));
      const body = { text: part.text, attachments, link: null, notify: true };
      const response = await request(`${account.apiBaseUrl}/messages?${recipientQuery(message.peerId)}`, {
        method: 'POST',
        headers: { authorization: account.token, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const answer = await jsonBody(response);
      if (response.ok || answer.code !== 'attachment.not.ready') pendingUploads.delete(uploadKey);
      if (response.ok) {
        const sent = answer.message as { body?: { mid?: unknown } } | undefined;
        return { kind: 'sent', networkMessageId: sent?.body?.mid ? String(sent.body.mid) : null };
      }
      return maxOutcome(response.status, answer, retryAfterHeader(response), index, message.attempts);
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
