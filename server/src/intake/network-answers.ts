/**
 * `recordNetworkAnswer`: an administrator answered a citizen in the network's own interface (VK
 * community messages, a Telegram or MAX group) instead of Okno's. The answer joins the chat's
 * conversation as a staff message by that administrator, `postedInNetwork`, already `delivered`:
 * the network delivered it, so the outbox trigger (migration 260) never sends it again. It belongs
 * to the appeal the conversation's latest message of an appeal belongs to (the bot's menu and other
 * loose messages belong to none), else to its open incident. A chat Okno has no conversation with
 * is left alone (the administrator started it; nothing in the inbox to answer).
 */
import type { Queryable } from '../db/pool';
import { messageDoc, messageScope } from './messages';
import { type Doc, type SystemAudit, writeIntake } from './store';
import type { InboundNetwork } from './types';

export interface NetworkAnswer {
  orgId: string;
  network: InboundNetwork;
  channelAccountId: string;
  chatId: string;
  /** The network's id of the answer (a redelivery is recorded once). */
  externalMessageId: string;
  text: string;
  postedAt: number;
  administrator: { accountId: string; displayName?: string };
  rawEventId?: string;
}

export type NetworkAnswerOutcome = 'recorded' | 'duplicate' | 'no-conversation';

export async function recordNetworkAnswer(
  tx: Queryable,
  answer: NetworkAnswer,
  now = Date.now(),
): Promise<NetworkAnswerOutcome> {
  const known = await tx.query(
    'SELECT 1 FROM intake_messages WHERE channel_account_id = $1 AND external_message_id = $2',
    [answer.channelAccountId, answer.externalMessageId],
  );
  if ((known.rowCount ?? 0) > 0) return 'duplicate';
  const conversation = await tx.query<{ id: string; open_incident_id: string }>(
    `SELECT id, open_incident_id FROM intake_conversations
      WHERE channel_account_id = $1 AND chat_id = $2 FOR UPDATE`,
    [answer.channelAccountId, answer.chatId],
  );
  const found = conversation.rows[0];
  if (!found) return 'no-conversation';
  const latest = await tx.query<{ appeal_id: string }>(
    `SELECT appeal_id FROM sync_messages WHERE org_id = $1 AND conversation_id = $2 AND appeal_id <> ''
      ORDER BY (doc->>'createdAt')::bigint DESC LIMIT 1`,
    [answer.orgId, found.id],
  );
  const appealId = latest.rows[0]?.appeal_id ?? found.open_incident_id;
  const doc: Doc = {
    ...messageDoc(
      {
        orgId: answer.orgId,
        conversationId: found.id,
        appealId,
        direction: 'out',
        author: {
          kind: 'staff',
          displayName: answer.administrator.displayName || answer.administrator.accountId,
        },
        text: answer.text,
        createdAt: answer.postedAt,
      },
      now,
    ),
    replyVia: 'channel',
    deliveryStatus: 'delivered',
    postedInNetwork: true,
  };
  const audit: SystemAudit = {
    action: 'message.create',
    entity: 'message',
    entityId: String(doc.id),
    details: {
      appealId,
      conversationId: found.id,
      direction: 'out',
      source: answer.network,
      channelAccountId: answer.channelAccountId,
      postedInNetworkBy: answer.administrator.accountId,
      ...(answer.rawEventId ? { rawEventId: answer.rawEventId } : {}),
      length: String(doc.text).length,
    },
  };
  await writeIntake(tx, answer.orgId, {
    message: { doc, departmentIds: await messageScope(tx, answer.orgId, found.id, appealId) },
    audit: [audit],
    lookup: {
      message: {
        channelAccountId: answer.channelAccountId,
        externalMessageId: answer.externalMessageId,
        messageId: String(doc.id),
        conversationId: found.id,
        appealId,
      },
    },
  });
  return 'recorded';
}
