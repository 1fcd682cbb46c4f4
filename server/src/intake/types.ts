/**
 * The normalised inbound API (server/src/channels/README.md). Channel adapters, the citizen bot
 * and the portal intake all describe what arrived in these terms; nothing here knows a network's
 * wire format.
 */
import type { SourcePost } from '../../../shared/model/appeal';
import type { AttachmentMeta } from '../../../shared/model/attachment';

export type { AttachmentMeta };

/** Networks an inbound message can arrive through (a subset of the shared `Channel`). */
export const inboundNetworks = ['vk', 'ok', 'telegram', 'max', 'email', 'portal'] as const;
export type InboundNetwork = (typeof inboundNetworks)[number];

/** Who wrote, as the network names them. */
export interface InboundPeer {
  /** The citizen's account in the network (VK user id, Telegram user id, e-mail address…). */
  accountId: string;
  /** The chat the conversation lives in (VK peer_id, Telegram chat id, MAX chat_id, e-mail thread root…). */
  chatId: string;
  displayName?: string;
  /** IETF language tag from the profile (`ru`, `en`…), when the network tells it. */
  languageCode?: string;
  /**
   * True when others read the chat too (Telegram group/supergroup, VK conversation with
   * peer_id ≥ 2e9, MAX `chat`): the bot asks and tells nothing personal there. Absent: private.
   */
  groupChat?: boolean;
}

export interface InboundMessage {
  orgId: string;
  network: InboundNetwork;
  /** `channel_accounts.id` of the community, bot, mailbox or portal source it arrived through. */
  channelAccountId: string;
  peer: InboundPeer;
  /** The network's id of the message (dedupe is by the raw event; this is kept for replies/threads). */
  externalMessageId: string;
  text: string;
  attachments: AttachmentMeta[];
  /** Epoch milliseconds. */
  receivedAt: number;
  /**
   * Set when a community administrator forwarded this message (seed condition 6): `peer` is then
   * the original author and this is the administrator who forwarded it.
   */
  forwardedFrom?: { accountId?: string; displayName?: string };
  /** `inbound_events.id` of the raw event, when the message came from one. */
  rawEventId?: string;
  /**
   * A comment under the community's post (issue 13, channels/comments.ts): the incident it makes
   * carries the link, and the bot never sees it.
   */
  sourcePost?: SourcePost;
}

/**
 * Where a message goes in the inbox.
 * - `incident` (default): it creates, or feeds, the conversation's one open incident;
 * - `appeal`: it belongs to this appeal (e.g. a formal appeal the bot filed);
 * - `conversation`: it stays in the conversation's thread, outside any appeal;
 * - `withheld`: no message is written (bot wizard input such as passport data, which the bot
 *   stores itself); the conversation is still found or created. The raw event is kept.
 */
export type InboxPlacement =
  | { kind: 'incident' }
  | { kind: 'appeal'; appealId: string }
  | { kind: 'conversation' }
  | { kind: 'withheld' };

export interface RecordedInbound {
  conversationId: string;
  /** null only for the `withheld` placement. */
  messageId: string | null;
  /** The appeal the message was linked to (the incident it created or fed, or the given appeal). */
  appealId?: string;
  /** True when this message was already recorded (same account and external message id). */
  duplicate: boolean;
  /** True when this call created the conversation / the incident. */
  createdConversation: boolean;
  createdIncident: boolean;
}
