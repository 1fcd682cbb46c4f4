/**
 * The normalised inbound API (server/src/channels/README.md, "Intake API"): what the channel
 * adapters, the portal intake and the citizen bot use to put messages and appeals into the inbox.
 */
export { createSystemAppeal, type SystemAppeal, type SystemAppealInput } from './appeals';
export { type ConversationKey, findOrCreateConversation, type LockedConversation } from './conversations';
export type { MessageInput } from './messages';
export type { RecordOptions } from './record';
export type {
  AttachmentMeta,
  InboundMessage,
  InboundNetwork,
  InboundPeer,
  InboxPlacement,
  RecordedInbound,
} from './types';
