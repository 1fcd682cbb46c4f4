/**
 * E-mail threading of what the outbox sends: the Message-ID of a mail that carried a conversation's
 * message is remembered through the channels' `rememberEmailMessageId`, so the citizen's reply
 * (In-Reply-To / References naming it) lands in the same conversation instead of starting a new one.
 * Only e-mail conversations are threaded: an e-mail answer (`replyVia: 'email'`) to an appeal from
 * another network goes from the organisation's mailbox (account `''`), and a reply to it cannot join
 * a Telegram or VK conversation — it arrives as new mail.
 *
 * An answer in an e-mail conversation also names its thread for the citizen's mail client
 * (`mailThreadOf`): In-Reply-To the citizen's latest mail, References the thread's Message-IDs.
 */
import { rememberEmailMessageId } from '../channels/email/threads';
import type { Queryable } from '../db/pool';
import type { ClaimedMessage, MailThread } from './types';

/** Call in the transaction that marks the row sent. Rows without a replicated message have no thread. */
export async function rememberSentMail(
  tx: Queryable,
  message: ClaimedMessage,
  networkMessageId: string | null,
): Promise<void> {
  if (message.network !== 'email' || !message.accountId || !message.messageId || !networkMessageId) return;
  const result = await tx.query<{ account: string; conversation: string }>(
    `SELECT a.id AS account, m.conversation_id AS conversation
       FROM sync_messages m JOIN channel_accounts a ON a.org_id = m.org_id
       JOIN sync_conversations c ON c.org_id = m.org_id AND c.id = m.conversation_id
      WHERE m.org_id = $1 AND m.id = $2 AND a.network = 'email' AND a.account_id = $3
        AND c.doc->>'channel' = 'email'`,
    [message.orgId, message.messageId, message.accountId],
  );
  const row = result.rows[0];
  if (row?.conversation)
    await rememberEmailMessageId(tx, row.account, networkMessageId, row.conversation, 'out');
}

/** References carry at most this many Message-IDs (the first and the latest ones, RFC 5322 §3.6.4 style). */
const maxReferences = 20;

/** The thread an answer in an e-mail conversation replies to; null outside e-mail conversations. */
export async function mailThreadOf(db: Queryable, message: ClaimedMessage): Promise<MailThread | null> {
  if (message.network !== 'email' || !message.accountId || !message.messageId) return null;
  const result = await db.query<{ message_id: string; direction: 'in' | 'out' }>(
    `SELECT t.message_id, t.direction
       FROM sync_messages m
       JOIN channel_accounts a ON a.org_id = m.org_id AND a.network = 'email' AND a.account_id = $3
       JOIN email_threads t ON t.channel_account_id = a.id AND t.conversation_id = m.conversation_id
      WHERE m.org_id = $1 AND m.id = $2
      ORDER BY t.remembered_at, t.message_id`,
    [message.orgId, message.messageId, message.accountId],
  );
  if (result.rows.length === 0) return null;
  const ids = result.rows.map((r) => `<${r.message_id}>`);
  const references =
    ids.length <= maxReferences ? ids : [ids[0]!, ...ids.slice(ids.length - (maxReferences - 1))];
  const latestIn = result.rows.filter((r) => r.direction === 'in').at(-1);
  return { inReplyTo: latestIn ? `<${latestIn.message_id}>` : ids.at(-1)!, references };
}
