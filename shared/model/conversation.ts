import type { AttachmentMeta } from './attachment';
import type { EpochMs } from './primitives';
import type { Channel, DeliveryStatus, MessageAuthorKind, MessageDirection, ReplyVia } from './vocabulary';

/** How the network addresses a conversation. */
export interface NetworkPeer {
  /** The chat (VK peer_id, Telegram chat_id, e-mail thread id…). */
  chatId: string;
  /** The citizen's account in the network, when the network tells it. */
  userId: string | null;
  /** The official community, bot or mailbox the conversation came through. */
  communityId: string | null;
}

/** A thread with one applicant in one channel; appeals are born from it and answered into it. */
export interface Conversation {
  id: string;
  orgId: string;
  channel: Channel;
  peer: NetworkPeer;
  /** The applicant profile, or `''` while the citizen is unknown (indexed). */
  applicantId: string;
  /** Shown in the inbox without loading the applicant. */
  applicantDisplayName: string;
  subject: string;
  lastMessageAt: EpochMs;
  updatedAt: EpochMs;
}

export interface MessageAuthor {
  kind: MessageAuthorKind;
  /** The staff member, for `staff` messages. */
  userId: string | null;
  displayName: string;
}

export interface Message {
  id: string;
  orgId: string;
  conversationId: string;
  /** The appeal this message belongs to, or `''` (indexed). */
  appealId: string;
  direction: MessageDirection;
  author: MessageAuthor;
  text: string;
  attachments: AttachmentMeta[];
  createdAt: EpochMs;
  /**
   * The route of a staff answer, chosen in the composer and honoured by the server's outbox:
   * `channel` into the appeal's conversation, `email` to the applicant's e-mail address, `post` as a
   * letter staff print and mail. `null` for inbound and bot messages.
   */
  replyVia: ReplyVia | null;
  /**
   * Owned by the server's delivery job; inbound messages are `delivered`. A postal answer stays
   * `pending` (nothing electronic will deliver it) with `deliveryError` = {@link postalPrintRequired}.
   */
  deliveryStatus: DeliveryStatus;
  /** Why delivery failed — or, for a pending postal answer, what it waits for — as an i18n key. */
  deliveryError: string | null;
  updatedAt: EpochMs;
  /**
   * Set by the server when the citizen edited the message in the network (VK `message_edit`,
   * Telegram `edited_message`, MAX `message_edited`): when it was last edited. `text` is the current
   * version; absent: never edited.
   */
  editedAt?: EpochMs;
  /** The texts the message had before its edits, oldest first, each with when it was replaced. */
  earlierVersions?: MessageVersion[];
  /**
   * A staff answer an administrator wrote in the network's own interface (VK community messages,
   * a Telegram or MAX group): recorded from the network, never sent by Okno. Absent: not such.
   */
  postedInNetwork?: boolean;
}

/** An earlier text of an edited message. */
export interface MessageVersion {
  text: string;
  /** When the next edit replaced it. */
  until: EpochMs;
}

/**
 * `deliveryError` of a postal answer (`replyVia: 'post'`): the server never sends it; it waits for
 * staff to print the letter and mail it, so it stays `pending` with this reason (namespace `sync`).
 */
export const postalPrintRequired = 'sync:delivery.printRequired';

/**
 * A postal answer nobody has marked mailed yet: it waits `pending` until an official prints the
 * letter and mails it, the one change a desktop may make to a stored message (the desktop offers
 * it, the server checks it: renderer/features/appeal/postal.ts, server/src/appeals/postal-mailing.ts).
 */
export function awaitsMailing(message: {
  readonly direction?: unknown;
  readonly replyVia?: unknown;
  readonly deliveryStatus?: unknown;
  readonly _deleted?: unknown;
}): boolean {
  return (
    message._deleted !== true &&
    message.direction === 'out' &&
    message.replyVia === 'post' &&
    message.deliveryStatus === 'pending'
  );
}
