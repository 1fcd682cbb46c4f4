/**
 * A public answer under a comment in a channel's discussion group (issue 13; docs/CHANNELS.md §3,
 * «Comments under posts»): `sendMessage` into the group with `reply_parameters.message_id` = the
 * citizen's comment, so the answer stands in the post's thread as a reply to it, in the bot's name.
 * Files are never published in the group: an answer with files fails visibly and the official
 * answers privately instead.
 */
import { jsonBody, request, retryAfterHeader, sendParts, splitText } from '../../outbox/sending';
import type { ClaimedMessage, SendCredentials, SendOutcome } from '../../outbox/types';
import type { CommentPlace } from '../comments';
import { telegramMethodUrl } from './api';

const telegramTextLimit = 4096;

type TelegramOutcome = (
  status: number,
  body: Record<string, unknown>,
  retryAfterMs: number | null,
  partsSent: number,
) => SendOutcome;

export async function sendCommentReply(
  account: SendCredentials,
  message: ClaimedMessage,
  place: CommentPlace,
  outcomeOf: TelegramOutcome,
): Promise<SendOutcome> {
  if (message.attachments.length > 0)
    return { kind: 'failed', error: 'files are not published under a post', partsSent: message.partsSent };
  const texts = splitText(message.text, telegramTextLimit);
  return sendParts(texts.length, message.partsSent, async (index) => {
    const response = await request(telegramMethodUrl(account.apiBaseUrl, account.token, 'sendMessage'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        chat_id: Number(place.wall),
        text: texts[index],
        // A deleted comment: Telegram refuses (400 "message to be replied not found") and the
        // answer fails visibly rather than landing outside the thread.
        reply_parameters: { message_id: Number(place.commentId) },
      }),
    });
    const body = await jsonBody(response);
    if (body.ok === true) {
      const result = body.result as { message_id?: unknown } | undefined;
      return { kind: 'sent', networkMessageId: result?.message_id ? String(result.message_id) : null };
    }
    return outcomeOf(response.status, body, retryAfterHeader(response), index);
  });
}
