/**
 * «Написать лично» (issue 13; docs/CHANNELS.md «Comments under posts»): instead of answering under a
 * comment in public, the official writes to its author privately — in VK the community's dialog with
 * the author, in Telegram the author's private chat with the bot — inviting them to go on there.
 *
 *   POST /api/v1/appeals/:id/comment-invitation   { text? }   → 201 { messageId, conversationId }
 *
 * The appeal must be in the caller's scope (../appeals/in-scope.ts: 404 / 403) and have come from a
 * comment (`sourcePost`, else 409 `not_a_comment`). The invitation is a staff message of the
 * appeal, with the route `channel`, in the author's private conversation (found or created): the
 * outbox's answers trigger sends it there like any answer, and its delivery status comes back the
 * same way — `unreachable` when the author never allowed the community's messages or never started
 * the bot, which no one can get around. When that conversation has no open incident, the candidate
 * becomes it, so the author's reply in private joins the same appeal. Audited as
 * `appeal.comment_invitation` with the official as the actor.
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { appealInScope } from '../appeals/in-scope';
import { appendAudit } from '../audit/audit';
import { requireAuth } from '../auth/require-auth';
import { inTransaction, type Queryable } from '../db/pool';
import { ApiError } from '../http/errors';
import { findOrCreateConversation } from '../intake/conversations';
import { messageAudit, messageDoc, messageScope } from '../intake/messages';
import { writeIntake } from '../intake/store';
import type { InboundNetwork } from '../intake/types';
import { loadChannelAccount } from './accounts';
import { commentPlace } from './comments';
import { rawBody } from './http';

type Doc = Record<string, unknown>;

/** Networks whose comments can be answered privately: the community or bot has a private chat. */
const privateChatNetworks: readonly string[] = ['vk', 'telegram'];

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' } },
} as const;

/**
 * The body is `{}` or `{ text }` (1–4000 characters). This plugin sits in the channels plugin, whose
 * JSON parser keeps the raw text (./http.ts), so it is read here rather than by a route schema.
 */
function invitationTextOf(body: unknown): string | null {
  const { json } = rawBody(body);
  const fields = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Doc) : null;
  const text = fields?.text;
  if (
    !fields ||
    Object.keys(fields).some((key) => key !== 'text') ||
    (text !== undefined && typeof text !== 'string')
  )
    throw new ApiError(400, 'invalid_body', 'Send {} or { "text": "…" }');
  if (text === undefined) return null;
  if (text.trim().length === 0 || [...text].length > 4000)
    throw new ApiError(400, 'invalid_text', 'The text must have 1 to 4000 characters');
  return text;
}

/** The template the author receives, in Russian as the organisation writes. */
function invitationText(firstName: string): string {
  const greeting = firstName.trim() ? `Здравствуйте, ${firstName.trim()}!` : 'Здравствуйте!';
  return [
    greeting,
    'Вы оставили комментарий под записью нашего сообщества. Чтобы разобраться в вашем вопросе, мы хотим ответить лично.',
    'Напишите, пожалуйста, здесь, в личных сообщениях, адрес и подробности — то, что не стоит писать в открытых комментариях.',
  ].join('\n\n');
}

interface CommentConversation {
  channel_account_id: string;
  chat_id: string;
  peer_account_id: string | null;
}

async function commentConversation(db: Queryable, orgId: string, conversationId: string) {
  const found = await db.query<CommentConversation>(
    'SELECT channel_account_id, chat_id, peer_account_id FROM intake_conversations WHERE org_id = $1 AND id = $2',
    [orgId, conversationId],
  );
  const row = found.rows[0];
  return row && commentPlace(row.chat_id) && row.peer_account_id ? row : null;
}

export async function commentInvitationRoutes(app: FastifyInstance, opts: { db: pg.Pool }): Promise<void> {
  const { db } = opts;
  app.post<{ Params: { id: string } }>(
    '/api/v1/appeals/:id/comment-invitation',
    { preHandler: requireAuth, schema: { params: idParams } },
    async (request, reply) => {
      const { auth } = request;
      const text = invitationTextOf(request.body);
      const result = await inTransaction(db, async (tx) => {
        const appeal = await appealInScope(tx, auth, request.params.id, { lock: true });
        const comment = appeal.sourcePost
          ? await commentConversation(tx, auth.orgId, String(appeal.conversationId))
          : null;
        if (!comment) throw new ApiError(409, 'not_a_comment', 'The appeal did not come from a comment');
        const account = await loadChannelAccount(tx, comment.channel_account_id);
        if (!account?.enabled || !privateChatNetworks.includes(account.network))
          throw new ApiError(409, 'no_private_chat', 'The network of the comment has no private chat');
        const author = String(comment.peer_account_id);
        const applicant = appeal.applicant as {
          name?: { firstName?: string };
          nameMatch?: { profileName?: string };
        };
        const now = Date.now();
        const conversation = await findOrCreateConversation(
          tx,
          {
            orgId: auth.orgId,
            network: account.network as InboundNetwork,
            channelAccountId: account.id,
            peer: {
              accountId: author,
              chatId: author,
              ...(applicant.nameMatch?.profileName ? { displayName: applicant.nameMatch.profileName } : {}),
            },
          },
          now,
        );
        const staff = await tx.query<{ display_name: string }>(
          'SELECT display_name FROM users WHERE id = $1',
          [auth.userId],
        );
        const doc: Doc = {
          ...messageDoc(
            {
              orgId: auth.orgId,
              conversationId: conversation.id,
              appealId: String(appeal.id),
              direction: 'out',
              author: { kind: 'staff', userId: auth.userId, displayName: staff.rows[0]?.display_name ?? '' },
              text: text ?? invitationText(applicant.name?.firstName ?? ''),
              createdAt: now,
            },
            now,
          ),
          replyVia: 'channel',
        };
        const departmentIds = await messageScope(tx, auth.orgId, conversation.id, String(appeal.id));
        await writeIntake(tx, auth.orgId, {
          message: { doc, departmentIds },
          conversation: {
            doc: { id: conversation.id, lastMessageAt: now, updatedAt: now, applicantDisplayName: '' },
            departmentIds: [],
          },
          audit: [messageAudit(doc, { source: 'comment-invitation' })],
          ...(conversation.openIncident
            ? {}
            : { lookup: { openIncident: { conversationId: conversation.id, appealId: String(appeal.id) } } }),
        });
        await appendAudit(tx, {
          orgId: auth.orgId,
          actorUserId: auth.userId,
          deviceId: auth.deviceId,
          action: 'appeal.comment_invitation',
          entity: 'appeal',
          entityId: String(appeal.id),
          details: { messageId: doc.id, conversationId: conversation.id, network: account.network },
        });
        return { messageId: String(doc.id), conversationId: conversation.id };
      });
      return reply.code(201).send(result);
    },
  );
}
