/**
 * What the bot needs to know about one inbound event, independent of the network. The channel
 * adapters' `BotInboundContext` (server/src/channels/types.ts) is mapped onto it in ./dispatcher.ts.
 */
import type { AttachmentMeta } from '../../../shared/model/attachment';
import type { SocialNetwork } from '../../../shared/model/vocabulary';
import type { Keyboard, OutboxAttachment } from '../outbox/types';
import type { SealedContacts } from '../personal-data/co-signers';

export interface BotInput {
  orgId: string;
  network: SocialNetwork;
  /** `channel_accounts.id` of the community / bot (the intake's key of the chat's conversation). */
  channelAccountId: string;
  /** The network's id of the community / bot (`channel_accounts.account_id`). */
  accountId: string;
  /** The chat to answer into. */
  chatId: string;
  /** The citizen's account in the network: status answers only to the account that filed. */
  userId: string;
  /** The profile name, prefilled and compared with the passport name. */
  profileName: string;
  languageCode?: string | null;
  kind: 'message' | 'callback' | 'started' | 'stopped';
  text: string;
  /** A button's command (VK payload, callback data), when the network carried one. */
  command?: string | null;
  attachments: AttachmentMeta[];
  /** Dedupe key of the event (raw event id or the network's message id). */
  eventKey: string;
  /** The inbox conversation the intake recorded the event in, if any. */
  conversationId?: string | null;
  /** `inbound_events.id` of the raw event: wizard input is removed from it once taken (finding 3). */
  rawEventId?: string | null;
  /** The network's id of the message, when the event is one (an edit of it later names this id). */
  externalMessageId?: string | null;
  /** Others read this chat (finding 2): nothing personal is asked or told there. */
  groupChat?: boolean;
  /** The citizen's private chat with the bot, which a group chat is pointed to (./private-chat-link.ts). */
  privateChatLink?: string | null;
}

export interface BotReply {
  text: string;
  keyboard: Keyboard | null;
  /**
   * Sent, but not written into the inbox thread: the wizard's prompts echo its withheld input
   * (name, masked passport, contacts, the appeal's text).
   */
  withheld?: boolean;
  /** Written into this appeal's thread (the formal appeal a registration reply announces). */
  appeal?: { id: string; conversationId: string };
  /** Documents sent with the reply (the answer letter «Копия ответа» sends). */
  attachments?: OutboxAttachment[];
}

export type WizardState =
  | 'idle'
  | 'consent'
  | 'name'
  | 'name_confirm'
  | 'passport'
  | 'phone'
  | 'postal'
  | 'email'
  | 'applicant_type'
  | 'org_name'
  | 'org_inn'
  | 'collective'
  | 'co_signers'
  | 'text'
  | 'attachments'
  | 'summary'
  | 'summary_fix'
  | 'status_number'
  | AfterFilingState;

/** After filing (./wizard/after-filing.ts): which appeal, an addition being written, a withdrawal to confirm. */
export type AfterFilingState = 'pick_appeal' | 'addition' | 'withdraw_confirm';

export interface CoSignerEntry {
  fullName: string;
  lastName: string;
  firstName: string;
  patronymic: string | null;
  /** In clear only while the wizard runs (the next co-signer is checked against them for duplicates). */
  phone?: string;
  email?: string;
  postalAddress?: string;
  /** The id the sealed contacts are bound to. */
  id?: string;
  /** Phone and e-mail as filed: encrypted at once (personal-data/co-signers.ts), with their masked form. */
  sealed?: SealedContacts;
}

/** The wizard's answers so far. Never the passport itself: only its masked form. */
export interface WizardData {
  applicantId?: string;
  /** The applicant id was made for this wizard (so cancelling deletes its passport). */
  freshApplicant?: boolean;
  name?: { lastName: string; firstName: string; patronymic: string | null };
  nameVerdict?: 'match' | 'probable';
  pendingName?: { lastName: string; firstName: string; patronymic: string | null };
  passportMasked?: string;
  phone?: string | null;
  postal?: string | null;
  email?: string | null;
  /** Contacts the citizen already answered in this round (given or refused). */
  asked?: string[];
  applicantType?: 'citizen' | 'organisation';
  orgName?: string;
  inn?: string;
  collective?: boolean;
  coSigners?: CoSignerEntry[];
  text?: string;
  /** The network ids of the messages `text` was taken from: their later edits reach the appeal (issue 12). */
  textMessageIds?: string[];
  /**
   * `text` message by message (joined by line breaks), so an edit of one of them before the appeal
   * is registered replaces its part of the draft (./wizard/draft-edit.ts).
   */
  textParts?: { messageId: string | null; text: string; editedAt?: number }[];
  attachments?: AttachmentMeta[];
  /** The steps answered before the current one, latest last («Назад» returns to it). */
  history?: WizardState[];
  /** A field being fixed from the summary: its steps end back at the summary. */
  fixing?: SummaryField;
  /** After filing: what the citizen asked to do with which of their appeals (./wizard/after-filing.ts). */
  afterFiling?: AfterFilingData;
}

export type AfterFilingIntent = 'add' | 'withdraw' | 'copy';

export interface AfterFilingData {
  intent: AfterFilingIntent;
  appealId?: string;
  conversationId?: string;
  number?: string;
  /** Messages and files added so far (an addition). */
  parts?: number;
  files?: number;
  /** The reason the citizen gave for a withdrawal. */
  reason?: string;
}

/** What the citizen can fix from the summary. */
export type SummaryField = 'name' | 'passport' | 'contacts' | 'text';
