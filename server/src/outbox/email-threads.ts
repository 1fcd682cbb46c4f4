/**
 * E-mail threading of what the outbox sends: the Message-ID of a mail that carried a conversation's
 * message is remembered through the channels' `rememberEmailMessageId`, so the citizen's reply
 * (In-Reply-To / References naming it) lands in the same conversation instead of starting a new one.
 * Only e-mail conversations are threaded: an e-mail answer (`replyVia: 'email'`) to an appeal from
 * another network goes from the organisation's mailbox (account `''`), and a reply to it cannot join
 * a Telegram or VK conversation — it arrives as new mail.
 */
import { rememberEmailMessageId } from '../channels/email/poller';
import type { Queryable } from '../db/pool';
import type { ClaimedMessage } from './types';

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
  if (row?.conversation) await rememberEmailMessageId(tx, row.account, networkMessageId, row.conversation);
}
