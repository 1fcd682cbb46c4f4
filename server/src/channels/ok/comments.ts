/**
 * Comments under the OK group's own topics (issue 13; docs/CHANNELS.md §7 «Comments under posts»).
 * OK's Bot API has no event for them, so an OK account with REST credentials (`settings.rest`,
 * ./rest.ts) is polled: `mediatopic.getTopics` (the group's latest topics, `gid`) and, for each,
 * `discussions.getComments` (`discussionId` = the topic, `discussionType` = `GROUP_TOPIC`). Each
 * comment goes through the pipeline as VK's wall comments do: a candidate of its own conversation
 * (`comment:<group>:<topic>:<comment>`, ../comments.ts) with `sourcePost` and the link
 * `https://ok.ru/group/<group>/topic/<topic>`. The dedupe key is the comment's id, so every poll may
 * read the same comments again and records each once. The group's own comments (Okno's public
 * answers among them) are ignored.
 *
 * ⚠ OK documents no comment events and no edit marker the poll could see: an edited comment keeps
 * the text it had when first read. A failing call (bad signature, expired token) is kept as the
 * account's `ok-rest-error` cursor, shown on the channel's status, and cleared by the next good poll.
 */
import { commentChatId, commentMessageId } from '../comments';
import type { NormalisedEvent } from '../events';
import { type Json, objectsOf, textOf } from '../json-shapes';
import { type ChannelDeps, ingestEvent } from '../pipeline';
import { type PollingAdapter, saveCursor, sleep } from '../polling';
import type { ChannelAccount } from '../types';
import { OkRestError, okRestCall, okRestCredentials, readsOkComments } from './rest';

/** The cursor rows this poller writes: the last good poll, the last error (empty when none). */
export const okCommentsPolledCursor = 'ok-comments-polled';
export const okRestErrorCursor = 'ok-rest-error';

const defaultIntervalMs = 60_000;
const topicsPerPoll = 20;
const commentsPerTopic = 100;

/** The topic's link (⚠ OK documents no link to one comment). */
const okTopicUrl = (groupId: string, topicId: string) => `https://ok.ru/group/${groupId}/topic/${topicId}`;

/** OK writes `date` as `YYYY-MM-DD HH:MM:SS`; ⚠ its zone is not documented, Moscow time is assumed. */
function receivedAtOf(comment: Json): number {
  if (typeof comment.date_ms === 'number') return comment.date_ms;
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(textOf(comment.date));
  if (!match) return Date.now();
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h! - 3, mi!, s!);
}

/** One comment of the group's topic as the pipeline's event. */
function normaliseOkComment(
  account: ChannelAccount,
  topicId: string,
  comment: Json,
  names: ReadonlyMap<string, string>,
): NormalisedEvent {
  const commentId = textOf(comment.id);
  const externalId = `ok-comment:${commentId}`;
  const authorId = textOf(comment.author_id);
  if (!commentId || !authorId) return { kind: 'ignored', externalId, reason: 'comment-incomplete' };
  // The group speaking under its own topic (an administrator "as the group", Okno's answers).
  if (textOf(comment.author_type).toUpperCase() === 'GROUP' || authorId === account.accountId)
    return { kind: 'ignored', externalId, reason: 'comment-from-community' };
  const place = { wall: account.accountId, postId: topicId, commentId };
  const name = names.get(authorId);
  return {
    kind: 'message',
    externalId,
    message: {
      peer: { accountId: authorId, chatId: commentChatId(place), ...(name ? { displayName: name } : {}) },
      externalMessageId: commentMessageId(place),
      text: textOf(comment.text),
      receivedAt: receivedAtOf(comment),
      sourcePost: {
        network: 'ok',
        postId: topicId,
        commentId,
        url: okTopicUrl(account.accountId, topicId),
      },
    },
    attachments: [],
  };
}

interface TopicsAnswer {
  media_topics?: unknown;
}
interface CommentsAnswer {
  comments?: unknown;
  entities?: { users?: unknown };
}

/** The authors' names the answer carries (`entities.users`: `uid`, `name`). */
function namesOf(answer: CommentsAnswer): Map<string, string> {
  const names = new Map<string, string>();
  for (const user of objectsOf(answer.entities?.users)) {
    const uid = textOf(user.uid);
    const name = textOf(user.name);
    if (uid && name) names.set(uid, name);
  }
  return names;
}

/** One pass over the group's latest topics; throws OK's error for the loop to record. */
async function pollComments(deps: ChannelDeps, account: ChannelAccount, signal: AbortSignal): Promise<void> {
  const credentials = okRestCredentials(account.settings);
  if (!credentials) return;
  const topics = await okRestCall<TopicsAnswer>(
    credentials,
    'mediatopic.getTopics',
    { gid: account.accountId, count: String(topicsPerPoll) },
    signal,
  );
  for (const topic of objectsOf(topics.media_topics)) {
    const topicId = textOf(topic.id);
    if (!topicId) continue;
    const answer = await okRestCall<CommentsAnswer>(
      credentials,
      'discussions.getComments',
      { discussionId: topicId, discussionType: 'GROUP_TOPIC', count: String(commentsPerTopic) },
      signal,
    );
    const names = namesOf(answer);
    for (const comment of objectsOf(answer.comments)) {
      const raw = JSON.stringify({ topicId, comment });
      const event = normaliseOkComment(account, topicId, comment, names);
      const result = await ingestEvent(deps, account, raw, event);
      result.afterAck();
    }
  }
}

/** The poller of OK accounts with REST credentials (../polling.ts runs it beside the others). */
export const okCommentsPolling: PollingAdapter = {
  polls: readsOkComments,
  async pollOnce(deps, account, _state, signal) {
    try {
      await pollComments(deps, account, signal);
      await saveCursor(deps.db, account.id, okRestErrorCursor, '');
      await saveCursor(deps.db, account.id, okCommentsPolledCursor, new Date().toISOString());
    } catch (error) {
      if (signal.aborted) return;
      const words = error instanceof OkRestError ? error.message : `ok: ${(error as Error).message}`;
      await saveCursor(deps.db, account.id, okRestErrorCursor, words.slice(0, 500));
      throw error;
    }
    const rest = account.settings.rest as Record<string, unknown>;
    await sleep(Number(rest.pollIntervalMs) || defaultIntervalMs, signal);
  },
};
