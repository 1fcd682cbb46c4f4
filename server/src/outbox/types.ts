/**
 * The outbox's vocabulary: what a row asks to send, how a network adapter answers, and where a
 * network account's credentials come from.
 */
import type { SocialNetwork } from '../../../shared/model/vocabulary';

export type OutboxNetwork = SocialNetwork | 'email';
export type OutboxKind = 'bot' | 'notice' | 'answer';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'delivered' | 'failed' | 'unreachable';

/** A button: the label the citizen sees and the command the bot reads back. */
export interface KeyboardButton {
  label: string;
  command: string;
}

/** Network-neutral keyboard; each sender renders it in its network's format (or drops it). */
export interface Keyboard {
  buttons: KeyboardButton[][];
  /** Buttons under the message that answer with their command, not a reply keyboard (Telegram's inline keyboard). */
  inline?: boolean;
}

/** A small generated document (an answer), carried in the row itself. */
export interface OutboxAttachment {
  name: string;
  mimeType: string;
  contentBase64: string;
}

/** What to send: the enqueue input. */
export interface OutboundMessage {
  orgId: string;
  network: OutboxNetwork;
  accountId: string;
  peerId: string;
  kind: OutboxKind;
  text: string;
  attachments?: OutboxAttachment[];
  keyboard?: Keyboard | null;
  /** The replicated message whose delivery status this row drives. */
  messageId?: string | null;
  appealId?: string | null;
  /** Subject line for e-mail. */
  subject?: string;
}

/** One claimed row, as a sender sees it. */
export interface ClaimedMessage {
  id: string;
  orgId: string;
  network: OutboxNetwork | 'none';
  accountId: string;
  peerId: string;
  kind: OutboxKind;
  text: string;
  attachments: OutboxAttachment[];
  keyboard: Keyboard | null;
  idempotencyKey: number;
  attempts: number;
  partsSent: number;
  messageId: string | null;
  appealId: string | null;
  /** E-mail only: the thread the answer replies to (server/src/channels/email/threads.ts), looked up before sending. */
  mailThread?: MailThread;
}

/** Threading headers of an e-mail answer, Message-IDs with their angle brackets. */
export interface MailThread {
  inReplyTo: string;
  references: string[];
}

/**
 * The outcome of one send attempt. `retry`: transient (429, 5xx, network error), try again not
 * before `afterMs`; `unreachable`: the network will not deliver to this person (blocked, no
 * permission) — never retried; `failed`: a permanent error of the message itself.
 */
export type SendOutcome =
  | { kind: 'sent'; networkMessageId: string | null }
  | { kind: 'retry'; error: string; afterMs: number | null; partsSent: number }
  | { kind: 'unreachable'; error: string; partsSent: number }
  | {
      kind: 'failed';
      error: string;
      partsSent: number;
      /** i18n key for the official, when not the generic one. */
      reason?: string;
    };

/** What a sender needs of a channel account the organisation sends through (community, bot, mailbox). */
export interface SendCredentials {
  orgId: string;
  network: OutboxNetwork;
  /** VK group id, Telegram bot id, MAX bot id, OK group id, or the mailbox address. */
  accountId: string;
  /** Bot/community token; e-mail: the SMTP password when `settings.smtp` names none. */
  token: string;
  /** API base: VK `…/method`, Telegram apiRoot, MAX and OK base URLs; `smtp://host:port` for e-mail. */
  apiBaseUrl: string;
  /** E-mail: the From address. */
  from?: string;
  /** E-mail: the channel account's settings, whose `smtp` names the relay (channels/email/send.ts). */
  settings?: Readonly<Record<string, unknown>>;
}

/** Where the outbox finds send credentials (./credentials.ts; the channel accounts, server/src/channels/accounts.ts). */
export interface CredentialsResolver {
  resolve(orgId: string, network: OutboxNetwork, accountId: string): Promise<SendCredentials | null>;
  /**
   * The organisation's outgoing mailbox, for e-mail answers (`replyVia: 'email'`) to applicants
   * whose conversation is not an e-mail one: their outbox rows carry account `''`.
   */
  mailbox?(orgId: string): Promise<SendCredentials | null>;
}

export interface NetworkSender {
  send(account: SendCredentials, message: ClaimedMessage): Promise<SendOutcome>;
}
