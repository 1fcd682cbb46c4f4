/**
 * What the bot says in a chat, both sent and shown to officials: the reply is written into the
 * conversation's thread as an outbound message of author kind `bot` (intake `messageDoc` written by `writeIntake`), and
 * the outbox row that delivers it points at that message, so its `deliveryStatus` (sent / failed /
 * unreachable) reaches the desktops like a staff answer's.
 *
 * The answers trigger on sync_messages (migration 250) enqueues only author kind `staff`, so a bot
 * message is delivered once — by the row made here, never a second time by the trigger.
 */
import type { Queryable } from '../db/pool';
import { messageAudit, messageDoc, messageScope } from '../intake/messages';
import { type IntakeWrite, writeIntake } from '../intake/store';
import { enqueue } from '../outbox/store';
import type { OutboundMessage } from '../outbox/types';
import { t } from './texts';

export interface ThreadPlace {
  conversationId: string;
  /** '' = a loose message of the conversation (menu, status answers). */
  appealId: string;
}

/**
 * Enqueues the message and, when `thread` is given, records it there. Call inside the transaction
 * of the change that caused it. With `defer` the thread message (the intake's message
 * write: message, the conversation's lastMessageAt, audit) is handed over to be written with the
 * transaction's COMMIT (./dispatcher.ts: the group commit) instead of taking the organisation's
 * sync lock here.
 */
export async function sendToChat(
  tx: Queryable,
  message: OutboundMessage,
  thread: ThreadPlace | null,
  now = Date.now(),
  defer?: (write: IntakeWrite) => void,
): Promise<{ outboxId: string; messageId: string | null }> {
  let messageId: string | null = null;
  if (thread?.conversationId) {
    const write = await threadWrite(tx, message, thread, now);
    messageId = String(write.message!.doc.id);
    if (defer) defer(write);
    else await writeIntake(tx, message.orgId, write);
  }
  const outboxId = await enqueue(tx, { ...message, messageId });
  return { outboxId, messageId };
}

/** The bot's message as an outbound message of author kind `bot` (the intake's message write). */
async function threadWrite(
  tx: Queryable,
  message: OutboundMessage,
  thread: ThreadPlace,
  createdAt: number,
): Promise<IntakeWrite> {
  const written = Date.now();
  const doc = messageDoc(
    {
      orgId: message.orgId,
      conversationId: thread.conversationId,
      appealId: thread.appealId,
      direction: 'out',
      // Officials read the thread in Russian whatever language the citizen writes in.
      author: { kind: 'bot', displayName: t('ru', 'thread.author') },
      text: message.text,
      createdAt,
    },
    written,
  );
  const departmentIds = await messageScope(tx, message.orgId, thread.conversationId, thread.appealId);
  return {
    message: { doc, departmentIds },
    conversation: {
      doc: {
        id: thread.conversationId,
        lastMessageAt: createdAt,
        updatedAt: written,
        applicantDisplayName: '',
      },
      departmentIds: [],
    },
    audit: [messageAudit(doc, { source: 'bot', kind: message.kind })],
  };
}
