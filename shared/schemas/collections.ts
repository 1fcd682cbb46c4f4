import type { MigrationStrategies, RxCollection, RxDatabase, RxJsonSchema } from 'rxdb';
import type { AnswerTemplate } from '../model/answer-template';
import type { Appeal } from '../model/appeal';
import type { Conversation, Message } from '../model/conversation';
import type { Organisation } from '../model/organisation';
import type { RefusedChange } from '../model/refused-change';
import type { Department, UserProfile } from '../model/staff';
import { answerTemplateMigrationStrategies, answerTemplateSchema } from './answer-templates';
import { appealMigrationStrategies, appealSchema } from './appeals';
import { conversationSchema, messageMigrationStrategies, messageSchema } from './messages';
import {
  departmentMigrationStrategies,
  departmentSchema,
  organisationMigrationStrategies,
  organisationSchema,
  userSchema,
} from './organisation';
import { refusedChangeSchema } from './refused-changes';

/** The document type of each desktop collection. */
export interface OknoDocTypes {
  appeals: Appeal;
  messages: Message;
  conversations: Conversation;
  departments: Department;
  users: UserProfile;
  organisations: Organisation;
  answerTemplates: AnswerTemplate;
  refusedChanges: RefusedChange;
}
export type OknoCollectionName = keyof OknoDocTypes;

export interface OknoCollectionCreator<T> {
  schema: RxJsonSchema<T>;
  /** One strategy per version step; `{}` while a schema is at version 0. */
  migrationStrategies: MigrationStrategies;
}

/**
 * Every collection of the desktop database, ready for `db.addCollections(oknoCollections)`.
 * Eight collections: RxDB's open-source edition allows 13 per process, and tests open several
 * databases, so the set stays small. Migrations from day one: each entry carries its strategies.
 */
export const oknoCollections: { [K in OknoCollectionName]: OknoCollectionCreator<OknoDocTypes[K]> } = {
  appeals: { schema: appealSchema, migrationStrategies: appealMigrationStrategies },
  messages: { schema: messageSchema, migrationStrategies: messageMigrationStrategies },
  conversations: { schema: conversationSchema, migrationStrategies: {} },
  departments: { schema: departmentSchema, migrationStrategies: departmentMigrationStrategies },
  users: { schema: userSchema, migrationStrategies: {} },
  organisations: { schema: organisationSchema, migrationStrategies: organisationMigrationStrategies },
  answerTemplates: { schema: answerTemplateSchema, migrationStrategies: answerTemplateMigrationStrategies },
  refusedChanges: { schema: refusedChangeSchema, migrationStrategies: {} },
};

/** Collections replicated with the server, in the order a first sync should pull them. */
export const replicatedCollectionNames = [
  'organisations',
  'departments',
  'users',
  'answerTemplates',
  'conversations',
  'appeals',
  'messages',
] as const satisfies readonly OknoCollectionName[];

/** Collections that never leave the desktop. */
export const localOnlyCollectionNames = ['refusedChanges'] as const satisfies readonly OknoCollectionName[];

export type OknoCollections = { [K in OknoCollectionName]: RxCollection<OknoDocTypes[K]> };
export type OknoDatabase = RxDatabase<OknoCollections>;
