/**
 * What the bot says in a chat, both sent and shown to officials: the reply is written into the
 * conversation's thread as an outbound message of author kind `bot` (intake `appendMessage`), and
 * the outbox row that delivers it points at that message, so its `deliveryStatus` (sent / failed /
 * unreachable) reaches the desktops like a staff answer's.
 *
 * The answers trigger on sync_messages (migration 250) enqueues only author kind `staff`, so a bot
 * message is delivered once — by the row made here, never a second time by the trigger.
 */
import type { Queryable } from '../db/pool';
import { appendMessage } from '../intake';
import { enqueue } from '../outbox/store';
import type { OutboundMessage } from '../outbox/types';
import { t } from './texts';

export interface ThreadPlace {
  conversationId: string;
  /** '' = a loose message of the conversation (menu, status answers). */
  appealId: string;
}

/**
 * Enqueues the message and, when `thread` is given, records it there first. Call inside the
 * transaction of the change that caused it.
 */
export async function sendToChat(
  tx: Queryable,
  message: OutboundMessage,
  thread: ThreadPlace | null,
  now = Date.now(),
): Promise<{ outboxId: string; messageId: string | null }> {
  let messageId: string | null = null;
  if (thread?.conversationId) {
    const written = await appendMessage(
      tx,
      {
        orgId: message.orgId,
        conversationId: thread.conversationId,
        appealId: thread.appealId,
        direction: 'out',
        // Officials read the thread in Russian whatever language the citizen writes in.
        author: { kind: 'bot', displayName: t('ru', 'thread.author') },
        text: message.text,
        createdAt: now,
      },
      { source: 'bot', kind: message.kind },
    );
    messageId = written.messageId;
  }
  const outboxId = await enqueue(tx, { ...message, messageId });
  return { outboxId, messageId };
}
