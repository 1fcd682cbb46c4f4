/**
 * «Печать и отправка почтой»: the letters that leave the office on paper — postal answers and the
 * notices the server queued for applicants with only a postal address (server/src/letters/postal-notices.ts).
 * Each is a message waiting `pending` to be marked mailed (shared/model/conversation.ts `awaitsMailing`).
 */
import type { Appeal } from '../../../shared/model/appeal';
import { awaitsMailing, type Message } from '../../../shared/model/conversation';

export interface MailingEntry {
  readonly message: Message;
  /** The appeal, once the desktop holds it. */
  readonly appeal: Appeal | null;
  /** A notice the server issued (its thread text starts with the title and outgoing number), or an answer. */
  readonly kind: 'answer' | 'notice';
  /** The first line of the letter: a notice's title and number; '' for an answer. */
  readonly heading: string;
}

/** The letters still to be mailed, oldest first. */
export function mailingQueue(messages: readonly Message[], appeals: readonly Appeal[]): MailingEntry[] {
  const byId = new Map(appeals.map((appeal) => [appeal.id, appeal]));
  return messages
    .filter(awaitsMailing)
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
    .map((message) => {
      const notice = message.author.kind !== 'staff';
      return {
        message,
        appeal: byId.get(message.appealId) ?? null,
        kind: notice ? 'notice' : 'answer',
        heading: notice ? (message.text.split('\n')[0] ?? '') : '',
      };
    });
}
