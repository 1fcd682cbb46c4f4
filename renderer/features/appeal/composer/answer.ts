import type { Appeal } from '../../../../shared/model/appeal';
import type { AttachmentMeta } from '../../../../shared/model/attachment';
import { type Message, postalPrintRequired } from '../../../../shared/model/conversation';
import type { Channel, ReplyVia } from '../../../../shared/model/vocabulary';

/** How the answer reaches the applicant: into the thread it came from, by e-mail, or by post. */
const replyRoutes = ['original', 'email', 'post'] as const;
export type ReplyRoute = (typeof replyRoutes)[number];

/** Channels with a thread the server's delivery job can answer into. */
const threadChannels: readonly Channel[] = ['vk', 'ok', 'telegram', 'max', 'email', 'portal'];

/**
 * The routes open for this appeal: the original thread when there is one, e-mail and post only when
 * the applicant gave that contact (seed condition 5: "or by any other contact the applicant gave").
 */
export function replyRoutesFor(appeal: Appeal): ReplyRoute[] {
  const routes: ReplyRoute[] = [];
  const hasThread = appeal.conversationId !== '' && threadChannels.includes(appeal.channel);
  if (hasThread) routes.push('original');
  const { email, postalAddress } = appeal.applicant.contacts;
  if (email && !(hasThread && appeal.channel === 'email')) routes.push('email');
  if (postalAddress) routes.push('post');
  return routes;
}

/** The message's `replyVia` for a route: the server's outbox sends by it (or, for post, never). */
export const replyViaOf = (route: ReplyRoute): ReplyVia => (route === 'original' ? 'channel' : route);

export interface OutboundAnswer {
  id: string;
  appeal: Appeal;
  route: ReplyRoute;
  text: string;
  author: { userId: string; displayName: string };
  now: number;
  /** Files uploaded for this answer (./AnswerFiles.tsx); none by default. */
  attachments?: AttachmentMeta[];
}

/**
 * The answer as an outbound message, queued locally: `pending` until the server's delivery job sends
 * it (delivery fields are the server's). The route travels in `replyVia`; the message always belongs
 * to the appeal's conversation (`''` when it has none), so the thread shows the answer whatever the
 * route. A postal answer is never sent by the server: it stays `pending` with the reason
 * `postalPrintRequired`, as the server stores it.
 */
export function outboundMessage({
  id,
  appeal,
  route,
  text,
  author,
  now,
  attachments = [],
}: OutboundAnswer): Message {
  const replyVia = replyViaOf(route);
  return {
    id,
    orgId: appeal.orgId,
    conversationId: appeal.conversationId,
    appealId: appeal.id,
    direction: 'out',
    author: { kind: 'staff', userId: author.userId, displayName: author.displayName },
    text: text.trim(),
    attachments,
    createdAt: now,
    replyVia,
    deliveryStatus: 'pending',
    deliveryError: replyVia === 'post' ? postalPrintRequired : null,
    updatedAt: now,
  };
}
