/**
 * What the inbound paths hand each other: a wire event as the network's adapter understood it,
 * a stored raw event waiting for processing, and the conversation key that keeps one chat's events
 * in order. Apart from ./pipeline.ts and ./inbound-queue.ts so that neither imports the other's
 * module for them (the queue runs the pipeline's `processStoredEvent`, handed in by ./index.ts).
 */
import type { InboundMessage, InboundPeer } from '../intake/types';
import type { RemoteAttachment } from './attachments';
import type { ChannelAccount, ForwardingAdministrator, InboundEventKind } from './types';

type MessageFields = Omit<
  InboundMessage,
  'orgId' | 'network' | 'channelAccountId' | 'attachments' | 'rawEventId'
>;

/** A wire event as the adapter understood it. */
export type NormalisedEvent =
  | {
      kind: 'message';
      externalId: string;
      message: MessageFields;
      attachments: RemoteAttachment[];
      /** A configured administrator forwarded it: the message is the original author's. */
      invite?: { forwardedBy: ForwardingAdministrator };
    }
  | {
      kind: Exclude<InboundEventKind, 'message'>;
      externalId: string;
      peer: InboundPeer;
      payload?: string | null;
      callbackId?: string;
    }
  /**
   * The citizen edited a message in the network (VK `message_edit`, Telegram `edited_message`,
   * MAX `message_edited`): the message of that network id gets `text` as its current version.
   */
  | {
      kind: 'edit';
      externalId: string;
      chatId: string;
      externalMessageId: string;
      text: string;
      editedAt: number;
    }
  /**
   * An administrator answered in the network's own interface (VK `message_reply` with
   * `admin_author_id`, a Telegram or MAX group admin): a staff message in the chat's conversation,
   * recorded, never sent by Okno.
   */
  | {
      kind: 'network-answer';
      externalId: string;
      chatId: string;
      externalMessageId: string;
      text: string;
      postedAt: number;
      administrator: { accountId: string; displayName?: string };
    }
  /** The citizen read the chat up to one of our messages (VK `message_read`): they were delivered. */
  | { kind: 'read'; externalId: string; chatId: string; upToNetworkMessageId: string }
  /** Stored raw, nothing else (our own echoes, typing notices, unknown types). */
  | { kind: 'ignored'; externalId: string; reason: string };

/** Network work before the transaction (e.g. VK `users.get` for the author's name). */
export type Preparer = (event: NormalisedEvent) => Promise<NormalisedEvent>;

export interface StoredEvent {
  account: ChannelAccount;
  rawEventId: string;
  event: NormalisedEvent;
  prepare?: Preparer;
}

/** Events of one conversation are processed in order, never two at once (group-commit.ts). */
export function conversationKey(account: ChannelAccount, event: NormalisedEvent): string {
  if (event.kind === 'message') return `${account.id}:chat:${event.message.peer.chatId}`;
  if (event.kind === 'ignored') return `${account.id}:event:${event.externalId}`;
  if (event.kind === 'read' || event.kind === 'edit' || event.kind === 'network-answer')
    return `${account.id}:chat:${event.chatId}`;
  return `${account.id}:chat:${event.peer.chatId}`;
}
