import type { RxCollection } from 'rxdb';
import { awaitsMailing, type Message } from '../../shared/model/conversation';

/** The change that marks the answer mailed — the only change the server takes to a stored message. */
export function mailedPatch(
  message: Pick<Message, 'updatedAt'>,
  now: number,
): Pick<Message, 'deliveryStatus' | 'deliveryError' | 'updatedAt'> {
  return { deliveryStatus: 'sent', deliveryError: null, updatedAt: Math.max(now, message.updatedAt + 1) };
}

/**
 * Marks the postal answer mailed in the local copy; replication pushes it, offline included. The
 * write is `incrementalModify`, not a patch computed beforehand: it re-reads the latest revision, so
 * an answer a concurrent pull already marked (or that is no longer postal and pending) is left
 * alone, and `updatedAt` moves past the revision actually written. Returns whether it wrote.
 */
export async function markMailed(
  messages: RxCollection<Message>,
  messageId: string,
  now: number = Date.now(),
): Promise<boolean> {
  const document = await messages.findOne(messageId).exec();
  if (!document || !awaitsMailing(document.toJSON() as Message)) return false;
  let wrote = false;
  await document.incrementalModify((message) => {
    if (!awaitsMailing(message)) return message;
    wrote = true;
    return { ...message, ...mailedPatch(message, now) };
  });
  return wrote;
}
