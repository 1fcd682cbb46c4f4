/**
 * The thread as the official reads it: the appeal's own text first (as received or registered —
 * an edit never changes it), then every message in time order but the one that text came from
 * (./appeal-text-once.ts). A message the citizen edited in the
 * network shows its current text, marked edited, with the earlier versions to open; an answer an
 * administrator wrote in the network's own interface names that network.
 */
import type { Appeal } from '../../../shared/model/appeal';
import type { AttachmentMeta } from '../../../shared/model/attachment';
import type { Message, MessageVersion } from '../../../shared/model/conversation';
import type { Channel, DeliveryStatus } from '../../../shared/model/vocabulary';
import { messagesBesideAppealText } from './appeal-text-once';

export interface ThreadEntry {
  id: string;
  direction: 'in' | 'out';
  author: string;
  text: string;
  at: number;
  attachments: readonly AttachmentMeta[];
  delivery: { status: DeliveryStatus; error: string | null } | null;
  /** Edited in the network: when last, and the texts before, oldest first. */
  edited: { at: number; earlier: readonly MessageVersion[] } | null;
  /** Written in this network's own interface by an administrator, not sent by Okno. */
  postedIn: Channel | null;
  message: Message | null;
}

export function threadEntries(
  appeal: Appeal,
  applicant: string,
  messages: readonly Message[],
): ThreadEntry[] {
  return [
    {
      id: `appeal-${appeal.id}`,
      direction: 'in',
      author: applicant,
      text: appeal.text,
      at: appeal.receivedAt,
      attachments: appeal.attachments,
      delivery: null,
      edited: null,
      postedIn: null,
      message: null,
    },
    // Defect 2 (issue 11): the message the appeal's text came from is not shown a second time.
    ...messagesBesideAppealText(appeal, messages).map(
      (message): ThreadEntry => ({
        id: message.id,
        direction: message.direction,
        author: message.author.displayName,
        text: message.text,
        at: message.createdAt,
        attachments: message.attachments,
        delivery:
          message.direction === 'out' && !message.postedInNetwork
            ? { status: message.deliveryStatus, error: message.deliveryError }
            : null,
        edited:
          message.editedAt !== undefined
            ? { at: message.editedAt, earlier: message.earlierVersions ?? [] }
            : null,
        postedIn: message.postedInNetwork ? appeal.channel : null,
        message,
      }),
    ),
  ];
}
