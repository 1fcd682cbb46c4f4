/**
 * A public answer under a VK wall comment (issue 13; docs/CHANNELS.md §1, «Comments under posts»):
 * `wall.createComment` on the community's post with `reply_to_comment` = the citizen's comment and
 * `from_group` = the community, so the reply stands under the comment in the community's name.
 * `guid` (VK's guard against the same comment posted twice) is derived from the outbox row, so a
 * retried part is never shown twice. Files are never published under a post: an answer with files
 * fails visibly and the official answers privately instead.
 */
import { sendParts, splitText } from '../../outbox/sending';
import type { ClaimedMessage, SendCredentials, SendOutcome } from '../../outbox/types';
import type { CommentPlace } from '../comments';
import { vkMethod } from './api';

/** ⚠ VK documents no length for a comment; the dialog message's 4096 keeps every part accepted. */
const vkCommentTextLimit = 4096;

type VkOutcome = (code: number, message: string, partsSent: number) => SendOutcome;

export async function sendWallReply(
  account: SendCredentials,
  message: ClaimedMessage,
  place: CommentPlace,
  outcomeOf: VkOutcome,
): Promise<SendOutcome> {
  if (message.attachments.length > 0)
    return { kind: 'failed', error: 'files are not published under a post', partsSent: message.partsSent };
  const texts = splitText(message.text, vkCommentTextLimit);
  return sendParts(texts.length, message.partsSent, async (index) => {
    const answer = await vkMethod<{ comment_id?: number }>(
      account.apiBaseUrl,
      account.token,
      'wall.createComment',
      {
        owner_id: place.wall,
        post_id: place.postId,
        from_group: account.accountId,
        reply_to_comment: place.commentId,
        message: texts[index]!,
        guid: `okno-${message.idempotencyKey}-${index}`,
      },
    );
    if ('error' in answer) return outcomeOf(answer.error.error_code, answer.error.error_msg ?? '', index);
    const id = answer.response?.comment_id;
    return { kind: 'sent', networkMessageId: typeof id === 'number' ? `comment:${place.wall}:${id}` : null };
  });
}
