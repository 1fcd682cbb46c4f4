import type { MessageV0 } from '../../../../shared/schemas';
import {
  messageMigrationStrategies,
  messageSchemaV0,
  messageSchemaV1,
  migrateMessageV0toV1,
  migrateMessageV1toV2,
  oknoCollections,
  replyViaOfV0,
} from '../../../../shared/schemas';
import { openDatabase, uniqueDatabaseName } from './rxdb-harness';

const at = Date.UTC(2025, 3, 2, 9, 0);

function messageV0(id: string, overrides: Partial<MessageV0> = {}): MessageV0 {
  return {
    id,
    orgId: 'org-1',
    conversationId: 'conversation-1',
    appealId: 'appeal-1',
    direction: 'out',
    author: { kind: 'staff', userId: 'user-op', displayName: 'Иванова А. С.' },
    text: 'Ответ по существу.',
    attachments: [],
    createdAt: at,
    deliveryStatus: 'pending',
    deliveryError: null,
    updatedAt: at,
    ...overrides,
  };
}

describe('messages schema v0 → v1 (the reply route becomes explicit)', () => {
  it('migrates documents stored by v0 when the database is reopened with v1', async () => {
    const name = uniqueDatabaseName('msgmigration');
    const v0 = await openDatabase(name);
    await v0.addCollections({ messages: { schema: messageSchemaV0 } });
    await v0.messages!.bulkInsert([
      messageV0('a-channel'),
      messageV0('b-mail-or-post', { conversationId: '' }),
      messageV0('c-inbound', {
        direction: 'in',
        author: { kind: 'applicant', userId: null, displayName: 'Мария Иванова' },
        deliveryStatus: 'delivered',
      }),
      messageV0('d-bot', { author: { kind: 'bot', userId: null, displayName: 'Чат-бот' } }),
    ]);
    await v0.close();

    const v1 = await openDatabase(name);
    await v1.addCollections({ messages: oknoCollections.messages });
    const migrated = await v1.messages!.find({ sort: [{ id: 'asc' }] }).exec();
    expect(migrated.map((doc) => [doc.id, doc.get('replyVia')])).toEqual([
      ['a-channel', 'channel'],
      ['b-mail-or-post', 'email'],
      ['c-inbound', null],
      ['d-bot', null],
    ]);
    // The migrated documents are valid v1 documents: they can be written again.
    await migrated[0]!.incrementalPatch({ updatedAt: at + 1 });
    await v1.remove();
  });

  it('keeps every other field as it was', () => {
    const old = messageV0('same', { conversationId: '' });
    expect(migrateMessageV0toV1(old)).toEqual({ ...old, replyVia: 'email' });
  });

  it('gives a route only to outbound staff messages', () => {
    expect(replyViaOfV0(messageV0('x'))).toBe('channel');
    expect(replyViaOfV0(messageV0('x', { direction: 'in' }))).toBeNull();
  });

  it('registers the strategy for version 1', () => {
    expect(messageMigrationStrategies[1]).toBe(migrateMessageV0toV1);
  });
});

describe('messages schema v1 → v2 (edits and answers posted in the network)', () => {
  it('opens a v1 database with v2: documents keep every field and read as never edited', async () => {
    const name = uniqueDatabaseName('msgmigration2');
    const v1 = await openDatabase(name);
    await v1.addCollections({
      messages: { schema: messageSchemaV1, migrationStrategies: { 1: migrateMessageV0toV1 } },
    });
    const stored = migrateMessageV0toV1(messageV0('a-answer'));
    await v1.messages!.insert(stored);
    await v1.close();

    const v2 = await openDatabase(name);
    await v2.addCollections({ messages: oknoCollections.messages });
    const migrated = await v2.messages!.findOne('a-answer').exec();
    expect(migrated?.toJSON()).toEqual(stored);
    expect(migrated?.get('editedAt')).toBeUndefined();
    // An edit the server records is a valid v2 document.
    await migrated!.incrementalPatch({
      text: 'Исправленный текст.',
      editedAt: at + 60_000,
      earlierVersions: [{ text: stored.text, until: at + 60_000 }],
    });
    expect((await v2.messages!.findOne('a-answer').exec())?.get('earlierVersions')).toEqual([
      { text: 'Ответ по существу.', until: at + 60_000 },
    ]);
    await v2.remove();
  });

  it('registers the strategy for version 2', () => {
    expect(messageMigrationStrategies[2]).toBe(migrateMessageV1toV2);
  });
});
