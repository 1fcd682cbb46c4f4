import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import type { Conversation, Message } from '../model/conversation';
import type { ReplyVia } from '../model/vocabulary';
import {
  channels,
  deliveryStatuses,
  messageAuthorKinds,
  messageDirections,
  replyVias,
} from '../model/vocabulary';
import {
  arrayField,
  attachmentsField,
  booleanField,
  enumField,
  epochMsField,
  idField,
  nullableEnumField,
  nullableIdField,
  nullableTextField,
  objectField,
  textField,
} from './fields';

/** A message as version 1 stored it: never edited, never posted from a network's own interface. */
export type MessageV1 = Omit<Message, 'editedAt' | 'earlierVersions' | 'postedInNetwork'>;

/** A message as version 0 stored it: no `replyVia`. */
export type MessageV0 = Omit<MessageV1, 'replyVia'>;

/** HISTORY — do not edit: the properties of messages version 0 (fingerprint pinned in the tests). */
const messagePropertiesV0 = {
  id: idField,
  orgId: idField,
  conversationId: idField,
  appealId: idField,
  direction: enumField(messageDirections),
  author: objectField({
    kind: enumField(messageAuthorKinds),
    userId: nullableIdField,
    displayName: textField(200),
  }),
  text: textField(100_000),
  attachments: attachmentsField,
  createdAt: epochMsField,
  deliveryStatus: enumField(deliveryStatuses),
  deliveryError: nullableTextField(200),
  updatedAt: epochMsField,
} as const satisfies RxJsonSchema<MessageV0>['properties'];

/**
 * HISTORY — do not edit. The messages schema as version 0 stored it, kept so that RxDB can open a
 * desktop database written by v0 and migrate it (`messageMigrationStrategies`).
 */
export const messageSchemaV0: RxJsonSchema<MessageV0> = {
  title: 'messages',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: messagePropertiesV0,
  required: Object.keys(messagePropertiesV0) as (keyof MessageV0)[],
  additionalProperties: false,
  indexes: [
    ['conversationId', 'createdAt'],
    ['appealId', 'createdAt'],
  ],
};

const messagePropertiesV1 = {
  ...messagePropertiesV0,
  replyVia: nullableEnumField(replyVias),
} as const satisfies RxJsonSchema<MessageV1>['properties'];

/**
 * HISTORY — do not edit. Messages, version 1: v1 added `replyVia`, the route of a staff answer
 * (shared/model/conversation.ts). Kept so that RxDB can migrate a desktop database written by v1.
 */
export const messageSchemaV1: RxJsonSchema<MessageV1> = {
  ...messageSchemaV0,
  version: 1,
  primaryKey: 'id',
  properties: messagePropertiesV1,
  required: Object.keys(messagePropertiesV1) as (keyof MessageV1)[],
};

/** How many earlier texts of one edited message are kept (the first and the latest ones). */
export const maxEarlierVersions = 50;

const messageProperties = {
  ...messagePropertiesV1,
  editedAt: epochMsField,
  earlierVersions: arrayField(
    objectField({ text: textField(100_000), until: epochMsField }),
    maxEarlierVersions,
  ),
  postedInNetwork: booleanField,
} as const satisfies RxJsonSchema<Message>['properties'];

/**
 * Messages, version 2, read per conversation or per appeal in time order. v2 adds three optional
 * fields the server sets (shared/model/conversation.ts): `editedAt` and `earlierVersions` when the
 * citizen edited the message in the network, `postedInNetwork` on a staff answer an administrator
 * wrote in the network's own interface. A v1 document is a valid v2 document as it is.
 */
export const messageSchema: RxJsonSchema<Message> = {
  ...messageSchemaV1,
  version: 2,
  primaryKey: 'id',
  properties: messageProperties,
  required: Object.keys(messagePropertiesV1) as (keyof Message)[],
};

/**
 * The route v0 meant, read back from what v0 stored. The v0 composer encoded the route in
 * `conversationId`: the thread's id for the original channel, `''` for both e-mail and post, which
 * cannot be told apart. `''` becomes `email`: an electronic route to a contact the applicant gave,
 * whose failure is visible (the server refuses the push when the appeal has no e-mail address, or
 * the delivery fails), whereas `post` would make an answer meant for e-mail wait silently for a
 * letter nobody prints. The server's migration 260 backfills its stored messages by the same rule.
 * Inbound and bot messages have no route (`null`).
 */
export function replyViaOfV0(old: MessageV0): ReplyVia | null {
  if (old.direction !== 'out' || old.author.kind !== 'staff') return null;
  return old.conversationId !== '' ? 'channel' : 'email';
}

/** v0 → v1: adds `replyVia` (see {@link replyViaOfV0}); every other field stays as it was. */
export function migrateMessageV0toV1(old: MessageV0): MessageV1 {
  return { ...old, replyVia: replyViaOfV0(old) };
}

/** v1 → v2: the new fields are optional and absent means "never edited, sent by Okno". */
export function migrateMessageV1toV2(old: MessageV1): Message {
  return { ...old };
}

export const messageMigrationStrategies: MigrationStrategies = {
  1: migrateMessageV0toV1,
  2: migrateMessageV1toV2,
};

const conversationProperties = {
  id: idField,
  orgId: idField,
  channel: enumField(channels),
  peer: objectField({
    chatId: textField(200),
    userId: nullableTextField(200),
    communityId: nullableTextField(200),
  }),
  applicantId: idField,
  applicantDisplayName: textField(300),
  subject: textField(500),
  lastMessageAt: epochMsField,
  updatedAt: epochMsField,
} as const satisfies RxJsonSchema<Conversation>['properties'];

/** Conversations, listed newest first, or per applicant. */
export const conversationSchema: RxJsonSchema<Conversation> = {
  title: 'conversations',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: conversationProperties,
  required: Object.keys(conversationProperties) as (keyof Conversation)[],
  additionalProperties: false,
  indexes: ['lastMessageAt', ['applicantId', 'lastMessageAt']],
};
