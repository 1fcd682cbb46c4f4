/**
 * Telegram Bot API (docs/CHANNELS.md §3): sendMessage (JSON) and sendDocument (multipart). 429 carries
 * `parameters.retry_after`; 403 (blocked, deactivated, can't initiate) and 400 "chat not found"
 * mean the citizen cannot be reached through this bot.
 */

import { deliveryErrors } from '../../outbox/delivery';
import {
  fileBlob,
  jsonBody,
  request,
  retry,
  retryAfterHeader,
  sendParts,
  splitText,
} from '../../outbox/sending';
import type { ClaimedMessage, Keyboard, NetworkSender, SendOutcome } from '../../outbox/types';
import { commentPlace } from '../comments';
import { telegramMethodUrl } from './api';
import { sendCommentReply } from './comments-send';

const telegramTextLimit = 4096;
const captionLimit = 1024;

function telegramOutcome(
  status: number,
  body: Record<string, unknown>,
  retryAfterMs: number | null,
  partsSent: number,
): SendOutcome {
  const description = String(body.description ?? `HTTP ${status}`);
  const error = `telegram ${status}: ${description}`;
  const parameters = body.parameters as { retry_after?: unknown } | undefined;
  if (status === 429) {
    const seconds = Number(parameters?.retry_after);
    return retry(error, Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : retryAfterMs, partsSent);
  }
  if (status === 403 || (status === 400 && /chat not found|user not found/i.test(description)))
    return { kind: 'unreachable', error, partsSent };
  if (status >= 500) return retry(error, retryAfterMs, partsSent);
  // An upload over the Bot API's 50 MB is refused before the method (413); a file it will not take, with 400.
  if (status === 413 || (status === 400 && /file is too big|too large|wrong file/i.test(description)))
    return { kind: 'failed', error, partsSent, reason: deliveryErrors.fileRefused };
  return { kind: 'failed', error, partsSent };
}

/**
 * One answer where Telegram allows it: a text that fits a caption (1024 characters after entities
 * parsing; Okno sends no parse mode, so the text's UTF-16 length, as JavaScript counts) goes as the
 * caption of the first document, in one message. A longer text cannot ride on a document, so it goes
 * first (split at 4096) and the documents follow, captioned with their names (docs/CHANNELS.md).
 */
function telegramCaptionFits(text: string, attachmentCount: number): boolean {
  return attachmentCount > 0 && text.trim().length > 0 && text.length <= captionLimit;
}

export const telegramSender: NetworkSender = {
  async send(account, message: ClaimedMessage) {
    const comment = commentPlace(message.peerId);
    if (comment) return sendCommentReply(account, message, comment, telegramOutcome);
    const url = (method: string) => telegramMethodUrl(account.apiBaseUrl, account.token, method);
    const documents = message.attachments;
    const captioned = telegramCaptionFits(message.text, documents.length);
    const texts = captioned ? [] : splitText(message.text, telegramTextLimit);
    const total = texts.length + documents.length;
    const keyboard = message.keyboard ? JSON.stringify(telegramKeyboard(message.keyboard)) : null;
    return sendParts(total, message.partsSent, async (index) => {
      let response: Response;
      if (index < texts.length) {
        const last = index === texts.length - 1;
        response = await request(url('sendMessage'), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            chat_id: message.peerId,
            text: texts[index],
            ...(last && message.keyboard ? { reply_markup: telegramKeyboard(message.keyboard) } : {}),
          }),
        });
      } else {
        const documentIndex = index - texts.length;
        const attachment = documents[documentIndex]!;
        const form = new FormData();
        form.append('chat_id', message.peerId);
        form.append('document', fileBlob(attachment), attachment.name);
        const withText = captioned && documentIndex === 0;
        form.append('caption', withText ? message.text : attachment.name.slice(0, captionLimit));
        if (withText && keyboard) form.append('reply_markup', keyboard);
        response = await request(url('sendDocument'), { method: 'POST', body: form });
      }
      const body = await jsonBody(response);
      if (body.ok === true) {
        const result = body.result as { message_id?: unknown } | undefined;
        return { kind: 'sent', networkMessageId: result?.message_id ? String(result.message_id) : null };
      }
      return telegramOutcome(response.status, body, retryAfterHeader(response), index);
    });
  },
};

/**
 * Telegram ReplyKeyboardMarkup: pressing a button sends its text; an inline keyboard
 * (InlineKeyboardMarkup) sends its command as a callback query.
 */
function telegramKeyboard(keyboard: Keyboard): Record<string, unknown> {
  if (keyboard.inline) {
    return {
      inline_keyboard: keyboard.buttons.map((row) =>
        row.map((button) => ({ text: button.label, callback_data: button.command })),
      ),
    };
  }
  return {
    keyboard: keyboard.buttons.map((row) => row.map((button) => ({ text: button.label }))),
    resize_keyboard: true,
    is_persistent: false,
  };
}
