/**
 * A public answer under a comment of the OK group's topic (issue 13; docs/CHANNELS.md §7 «Comments
 * under posts», OK): the REST call ⚠ `discussions.comment` (`discussionId` = the topic,
 * `discussionType` = `GROUP_TOPIC`, `text`, `reply_to_comment_id` = the citizen's comment,
 * `as_admin` = true to speak as the group) signed with the account's REST credentials (./rest.ts).
 * The method and its parameters are not confirmed by OK's published reference (see the doc).
 * OK has no idempotency key: the outbox's state (parts sent, one claim at a time) keeps a part from
 * going twice. Files are never published under a topic; an answer with files fails visibly, as
 * does a call OK refuses (its code and words are the row's error).
 */
import { retry, sendParts, splitText } from '../../outbox/sending';
import type { ClaimedMessage, SendCredentials, SendOutcome } from '../../outbox/types';
import type { CommentPlace } from '../comments';
import { OkRestError, okRestCall, okRestCredentials } from './rest';

/** ⚠ OK documents no comment length; the Bot API's message limit keeps every part whole. */
const okCommentTextLimit = 4000;

/** OK's codes worth a retry: 1 unknown, 2 service unavailable, 9999 system (apiok.ru/dev/errors). */
const transient = new Set([1, 2, 9999]);

export async function sendTopicReply(
  account: SendCredentials,
  message: ClaimedMessage,
  place: CommentPlace,
): Promise<SendOutcome> {
  if (message.attachments.length > 0)
    return { kind: 'failed', error: 'files are not published under a topic', partsSent: message.partsSent };
  const credentials = okRestCredentials(account.settings);
  if (!credentials)
    return { kind: 'failed', error: 'ok: the account has no REST credentials', partsSent: message.partsSent };
  const texts = splitText(message.text, okCommentTextLimit);
  return sendParts(texts.length, message.partsSent, async (index) => {
    try {
      const answer = await okRestCall<{ id?: unknown }>(credentials, 'discussions.comment', {
        discussionId: place.postId,
        discussionType: 'GROUP_TOPIC',
        text: texts[index]!,
        reply_to_comment_id: place.commentId,
        as_admin: 'true',
      });
      const id = typeof answer?.id === 'string' || typeof answer?.id === 'number' ? String(answer.id) : null;
      return { kind: 'sent', networkMessageId: id ? `comment:${place.wall}:${id}` : null };
    } catch (error) {
      if (error instanceof OkRestError && !transient.has(error.code) && error.code !== 0)
        return { kind: 'failed', error: error.message, partsSent: index };
      return retry(error instanceof Error ? error.message : String(error), null, index);
    }
  });
}
