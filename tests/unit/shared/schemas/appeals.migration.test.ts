import {
  appealMigrationStrategies,
  appealSchemaV0,
  appealSchemaV1,
  appealSchemaV2,
  appealSchemaV3,
  migrateAppealV0toV1,
  migrateAppealV1toV2,
  migrateAppealV2toV3,
  migrateAppealV3toV4,
  oknoCollections,
} from '../../../../shared/schemas';
import { appealV0Fixture, appealV1Fixture, appealV2Fixture, appealV3Fixture } from '../model/fixtures';
import { openDatabase, uniqueDatabaseName } from './rxdb-harness';

describe('appeals schema v0 → v1 (one deadline becomes legal deadline + control date)', () => {
  it('migrates documents stored by v0 when the database is reopened with v1', async () => {
    const name = uniqueDatabaseName('migration');
    const v0 = await openDatabase(name);
    await v0.addCollections({ appeals: { schema: appealSchemaV0 } });
    await v0.appeals!.bulkInsert([
      appealV0Fixture('with-deadline', '2025-05-12'),
      appealV0Fixture('without', null),
    ]);
    await v0.close();

    const v1 = await openDatabase(name);
    await v1.addCollections({
      appeals: { schema: appealSchemaV1, migrationStrategies: { 1: migrateAppealV0toV1 } },
    });
    const migrated = await v1.appeals!.find({ sort: [{ id: 'asc' }] }).exec();
    expect(migrated.map((doc) => doc.toJSON())).toEqual([
      expect.objectContaining({
        id: 'with-deadline',
        legalDeadline: '2025-05-12',
        controlDate: '2025-05-12',
      }),
      expect.objectContaining({ id: 'without', legalDeadline: null, controlDate: null }),
    ]);
    expect(migrated[0]!.toJSON()).not.toHaveProperty('deadline');
    // The migrated documents are valid v1 documents: they can be written again.
    await migrated[0]!.incrementalPatch({ subject: 'Исправленная тема' });
    await v1.remove();
  });

  it('keeps every other field as it was', () => {
    const old = appealV0Fixture('same', '2025-05-12');
    const { deadline: _deadline, ...untouched } = old;
    expect(migrateAppealV0toV1(old)).toEqual({
      ...untouched,
      legalDeadline: '2025-05-12',
      controlDate: '2025-05-12',
    });
  });

  it('registers the strategy for version 1', () => {
    expect(appealMigrationStrategies[1]).toBe(migrateAppealV0toV1);
  });
});

describe('appeals schema v1 → v2 (the резолюция: co-executors, internal comments, tasks)', () => {
  it('migrates documents stored by v0 and v1 when the database is reopened with v2', async () => {
    const name = uniqueDatabaseName('migration-v2');
    const v0 = await openDatabase(name);
    await v0.addCollections({ appeals: { schema: appealSchemaV0 } });
    await v0.appeals!.bulkInsert([appealV0Fixture('from-v0', '2025-05-12')]);
    await v0.close();
    const v1 = await openDatabase(name);
    await v1.addCollections({
      appeals: { schema: appealSchemaV1, migrationStrategies: { 1: migrateAppealV0toV1 } },
    });
    await v1.appeals!.insert(appealV1Fixture('from-v1'));
    await v1.close();

    const v2 = await openDatabase(name);
    await v2.addCollections({ appeals: oknoCollections.appeals });
    const migrated = await v2.appeals!.find({ sort: [{ id: 'asc' }] }).exec();
    const empty = { repeatOf: null, coExecutorIds: [], comments: [], tasks: [], assignmentNote: null };
    expect(migrated.map((doc) => doc.toJSON())).toEqual([
      expect.objectContaining({ id: 'from-v0', legalDeadline: '2025-05-12', ...empty }),
      expect.objectContaining({ id: 'from-v1', ...empty }),
    ]);
    // The migrated documents are valid v2 documents: a comment can be added.
    await migrated[1]!.incrementalPatch({
      comments: [{ id: 'comment-1', authorId: 'user-1', text: 'Проверить выезд', at: 1 }],
    });
    await v2.remove();
  });

  it('keeps every v1 field as it was', () => {
    const old = appealV1Fixture('same');
    expect(migrateAppealV1toV2(old)).toEqual({
      ...old,
      repeatOf: null,
      coExecutorIds: [],
      comments: [],
      tasks: [],
      assignmentNote: null,
    });
  });

  it('registers the strategy for version 2', () => {
    expect(appealMigrationStrategies[2]).toBe(migrateAppealV1toV2);
  });
});

describe('appeals schema v2 → v3 (the triage suggestion, server-owned)', () => {
  it('migrates documents stored by v2 when the database is reopened with v3, with no suggestion', async () => {
    const name = uniqueDatabaseName('migration-v3');
    const v2 = await openDatabase(name);
    await v2.addCollections({
      appeals: {
        schema: appealSchemaV2,
        migrationStrategies: { 1: migrateAppealV0toV1, 2: migrateAppealV1toV2 },
      },
    });
    await v2.appeals!.insert(appealV2Fixture('from-v2'));
    await v2.close();

    const v3 = await openDatabase(name);
    await v3.addCollections({
      appeals: {
        schema: appealSchemaV3,
        migrationStrategies: { 1: migrateAppealV0toV1, 2: migrateAppealV1toV2, 3: migrateAppealV2toV3 },
      },
    });
    const migrated = await v3.appeals!.findOne('from-v2').exec();
    expect(migrated!.toJSON()).toEqual(expect.objectContaining({ id: 'from-v2', triage: null }));
    // A v3 document holds a suggestion (what the server sends).
    await migrated!.incrementalPatch({
      triage: {
        at: 1,
        incident: { value: true, confidence: 0.9, because: ['вод'] },
        category: [
          {
            value: 'Некачественное водоснабжение многоквартирного дома',
            confidence: 0.6,
            because: ['горяч', 'вод'],
            category: 'utilities',
            subcategory: 'utilities.hot-water',
          },
        ],
        department: [{ value: 'dep-1', confidence: 0.8, because: ['вод'] }],
        urgency: { urgent: true, confidence: 0.9, signs: ['no-water'], because: ['нет горячей воды'] },
      },
    });
    await v3.remove();
  });

  it('keeps every v2 field as it was', () => {
    const old = appealV2Fixture('same');
    expect(migrateAppealV2toV3(old)).toEqual({ ...old, triage: null });
  });

  it('registers the strategy for version 3', () => {
    expect(appealMigrationStrategies[3]).toBe(migrateAppealV2toV3);
  });
});

describe('appeals schema v3 → v4 (problem group, source post, territory, verdict: server-owned)', () => {
  it('migrates documents stored by v3 when the database is reopened with v4, with none of them', async () => {
    const name = uniqueDatabaseName('migration-v4');
    const v3 = await openDatabase(name);
    await v3.addCollections({
      appeals: {
        schema: appealSchemaV3,
        migrationStrategies: { 1: migrateAppealV0toV1, 2: migrateAppealV1toV2, 3: migrateAppealV2toV3 },
      },
    });
    await v3.appeals!.insert(appealV3Fixture('from-v3'));
    await v3.close();

    const v4 = await openDatabase(name);
    await v4.addCollections({ appeals: oknoCollections.appeals });
    const migrated = await v4.appeals!.findOne('from-v3').exec();
    expect(migrated!.toJSON()).toEqual(
      expect.objectContaining({
        id: 'from-v3',
        problemId: null,
        sourcePost: null,
        territoryId: null,
        verdict: null,
      }),
    );
    // A v4 document holds what the server sends.
    await migrated!.incrementalPatch({
      problemId: 'problem-1',
      sourcePost: {
        network: 'vk',
        postId: '-1_10',
        commentId: '15',
        url: 'https://vk.com/wall-1_10?reply=15',
      },
      territoryId: 'territory-1',
      verdict: {
        value: 'no',
        comment: 'Вода так и не появилась',
        at: 2,
        decision: null,
        decidedById: null,
        decidedAt: null,
      },
    });
    await v4.remove();
  });

  it('keeps every v3 field as it was', () => {
    const old = appealV3Fixture('same');
    expect(migrateAppealV3toV4(old)).toEqual({
      ...old,
      problemId: null,
      sourcePost: null,
      territoryId: null,
      verdict: null,
    });
  });

  it('registers the strategy for version 4', () => {
    expect(appealMigrationStrategies[4]).toBe(migrateAppealV3toV4);
  });
});
