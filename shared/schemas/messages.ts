import type { RxJsonSchema } from 'rxdb';
import type { Conversation, Message } from '../model/conversation';
import { channels, deliveryStatuses, messageAuthorKinds, messageDirections } from '../model/vocabulary';
import {
  attachmentsField,
  enumField,
  epochMsField,
  idField,
  nullableIdField,
  nullableTextField,
  objectField,
  textField,
} from './fields';

const messageProperties = {
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
} as const satisfies RxJsonSchema<Message>['properties'];

/** Messages, read per conversation or per appeal in time order. */
export const messageSchema: RxJsonSchema<Message> = {
  title: 'messages',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: messageProperties,
  required: Object.keys(messageProperties) as (keyof Message)[],
  additionalProperties: false,
  indexes: [
    ['conversationId', 'createdAt'],
    ['appealId', 'createdAt'],
  ],
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
