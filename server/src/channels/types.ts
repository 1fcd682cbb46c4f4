/**
 * Contracts between the channel adapters and the rest of the server: the channel account record
 * and the hand-off to the citizen bot (server/src/bot/, which implements `BotDispatcher`).
 */
import type { Queryable } from '../db/pool';
import type {
  InboundMessage,
  InboundNetwork,
  InboundPeer,
  InboxPlacement,
  RecordedInbound,
} from '../intake/types';

export type ChannelMode = 'webhook' | 'polling';

/** One row of `channel_accounts` (secrets included: never log it). */
export interface ChannelAccount {
  id: string;
  orgId: string;
  network: InboundNetwork;
  /** The network's id of the community / bot / mailbox / portal source. */
  accountId: string;
  title: string;
  mode: ChannelMode;
  /** The API base URL the adapter calls; the network's production URL when none is configured. */
  apiBaseUrl: string;
  apiToken: string | null;
  webhookSecret: string | null;
  confirmationCode: string | null;
  pathToken: string;
  allowedSources: string[];
  administrators: string[];
  defaultDepartmentId: string;
  settings: Record<string, unknown>;
  enabled: boolean;
}

/** What reached a channel, as the bot sees it. */
export type InboundEventKind =
  /** A message (text and/or attachments). */
  | 'message'
  /** A button press with a payload (VK message_event, Telegram callback_query, MAX message_callback). */
  | 'callback'
  /** The citizen opened the bot / allowed messages (MAX bot_started, VK message_allow, Telegram /start arrives as a message). */
  | 'started'
  /** The citizen blocked the bot / denied messages (VK message_deny, Telegram kicked, MAX bot_stopped). */
  | 'stopped';

export interface BotInboundContext {
  kind: InboundEventKind;
  account: ChannelAccount;
  peer: InboundPeer;
  /** `inbound_events.id` of the raw event. */
  rawEventId: string;
  /** For `message`: the normalised message and what the intake recorded. */
  message?: InboundMessage;
  recorded?: RecordedInbound;
  /** Button / deep-link payload (`callback`, `started`). */
  payload?: string | null;
  /** Id to answer a callback with (Telegram callback_query id, MAX callback_id, VK event_id). */
  callbackId?: string;
  /**
   * Seed condition 6: a configured administrator forwarded a citizen's message. `peer` and the
   * recorded conversation are the ORIGINAL author's; the bot should invite the author into the
   * filing wizard in the community chat.
   */
  inviteAuthor?: { forwardedBy: ForwardingAdministrator };
}

/** The administrator who forwarded a citizen's message, and their own chat with the community or bot. */
export interface ForwardingAdministrator {
  accountId: string;
  displayName?: string;
  /** Where the administrator wrote from: the bot tells them there that the appeal arrived. */
  chatId?: string;
}

/** The network's word that a citizen read a chat up to one of our messages (VK `message_read`). */
export interface ReadReceipt {
  account: ChannelAccount;
  chatId: string;
  /** The network's id of the last message read; ours up to it count as delivered. */
  upToNetworkMessageId: string;
}

/** Where read receipts go (server/src/outbox/read-receipts.ts): sent answers become delivered. */
export interface ReadReceipts {
  readUpTo(receipt: ReadReceipt): Promise<void>;
}

export interface BotDispatcher {
  /**
   * Optional, inside the intake transaction before a message is written: where the message goes
   * (e.g. `withheld` while the wizard collects passport data, `appeal` for a formal appeal's
   * thread). Default: `{ kind: 'incident' }`. Must be quick; it holds the conversation's row lock.
   */
  placement?(tx: Queryable, message: InboundMessage, account: ChannelAccount): Promise<InboxPlacement>;
  /**
   * After the raw event and its normalisation are committed (and the network acknowledged):
   * the bot may answer. Errors are logged and swallowed; the event is not redelivered.
   */
  onInbound(ctx: BotInboundContext): Promise<void>;
  /**
   * After an edit is committed: the citizen edited a message in the network, which may be the
   * text of an appeal the bot's wizard has not registered yet (its draft takes the edit).
   */
  onEdit?(edit: BotEditContext): Promise<void>;
}

/** A message the citizen edited in the network (`NormalisedEvent` of kind `edit`). */
export interface BotEditContext {
  account: ChannelAccount;
  /** The event's id in the network (deduplication). */
  externalId: string;
  chatId: string;
  externalMessageId: string;
  text: string;
  editedAt: number;
}

/** Until the bot registers itself: messages land in the inbox, nobody answers. */
export const noBotDispatcher: BotDispatcher = {
  async onInbound() {},
};
