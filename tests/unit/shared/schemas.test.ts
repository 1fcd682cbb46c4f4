import { getSchemaByObjectPath, type MangoQuery, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { noDueAt } from '../../../shared/model';
import {
  localOnlyCollectionNames,
  oknoCollections,
  replicatedCollectionNames,
} from '../../../shared/schemas';
import { appealFixture, invalidDocuments, validDocuments } from './model/fixtures';
import { openDatabase, uniqueDatabaseName } from './schemas/rxdb-harness';

const collectionNames = Object.keys(oknoCollections) as (keyof typeof oknoCollections)[];
const schemas = collectionNames.map(
  (name) => [name, oknoCollections[name].schema as RxJsonSchema<unknown>] as const,
);

describe('desktop collections', () => {
  let db: RxDatabase;
  beforeEach(async () => {
    db = await openDatabase(uniqueDatabaseName('schemas'));
    await db.addCollections(oknoCollections);
  });
  afterEach(async () => {
    await db.remove();
  });

  it('stay well under RxDB’s 13-collection limit (at most 8)', () => {
    expect(collectionNames.length).toBeLessThanOrEqual(8);
    expect([...replicatedCollectionNames, ...localOnlyCollectionNames].sort()).toEqual(
      [...collectionNames].sort(),
    );
  });

  it.each(collectionNames)('%s accepts a valid document and returns it unchanged', async (name) => {
    const doc = validDocuments[name];
    await db[name]!.insert(doc);
    const stored = await db[name]!.findOne((doc as { id: string }).id).exec(true);
    expect(stored.toJSON()).toEqual(doc);
  });

  it.each(collectionNames)('%s rejects an invalid document', async (name) => {
    await expect(db[name]!.insert(invalidDocuments[name])).rejects.toThrow();
  });

  it('keeps appeals without a deadline last when an inbox sorts by deadline', async () => {
    await db.appeals!.bulkInsert([
      appealFixture({ id: 'no-deadline', dueAt: noDueAt }),
      appealFixture({ id: 'late', dueAt: Date.UTC(2025, 5, 1) }),
      appealFixture({ id: 'soon', dueAt: Date.UTC(2025, 4, 1) }),
    ]);
    const inbox = await db
      .appeals!.find({ selector: { status: 'registered' }, sort: [{ dueAt: 'asc' }] })
      .exec();
    expect(inbox.map((appeal) => appeal.id)).toEqual(['soon', 'late', 'no-deadline']);
  });
});

describe('schema rules', () => {
  it.each(schemas)('%s: every indexed field is required and bounded', (_name, schema) => {
    for (const field of (schema.indexes ?? []).flat()) {
      expect(schema.required, field).toContain(field);
      const part = getSchemaByObjectPath(schema, field);
      if (part.type === 'string') {
        expect(part.maxLength, field).toBeGreaterThan(0);
        expect(part.maxLength, field).toBeLessThanOrEqual(2048);
      } else {
        expect(['integer', 'number', 'boolean'], field).toContain(part.type);
        if (part.type !== 'boolean') {
          expect(part.multipleOf, field).toBeDefined();
          expect(Number.isFinite(part.minimum) && Number.isFinite(part.maximum), field).toBe(true);
        }
      }
    }
  });

  /**
   * The one exception to "every property is required": what only a network can say about a message
   * (messages v2: the citizen edited it, an administrator posted it in the network's interface).
   * Absent means "never edited, sent by Okno", and a v1 desktop's answer — which has none of them —
   * stays a valid v2 document, so desktops not yet updated are not refused.
   */
  const optionalByDesign: Record<string, string[]> = {
    messages: ['editedAt', 'earlierVersions', 'postedInNetwork'],
  };

  it.each(schemas)(
    '%s: primary key is a bounded string `id` and every property is required (but the listed optional ones)',
    (name, schema) => {
      expect(schema.primaryKey).toBe('id');
      expect(schema.properties).toHaveProperty('id.maxLength', 40);
      const optional = optionalByDesign[name] ?? [];
      expect([...(schema.required ?? []), ...optional].sort()).toEqual(Object.keys(schema.properties).sort());
    },
  );

  it.each(collectionNames)('%s: has a migration strategy for every version step', (name) => {
    const { schema, migrationStrategies } = oknoCollections[name];
    const steps = Array.from({ length: schema.version }, (_, i) => String(i + 1));
    expect(Object.keys(migrationStrategies).sort()).toEqual(steps);
  });

  it('versions: appeals at 4 (the резолюция, the triage suggestion, then problem group, source post, territory and verdict), messages at 2 (replyVia, then edits), organisations (loaded calendars) at 1, answer templates (scope and author) at 1, departments (disabled) at 1, the rest at 0', () => {
    const versions = Object.fromEntries(schemas.map(([name, schema]) => [name, schema.version]));
    expect(versions).toEqual({
      appeals: 4,
      messages: 2,
      conversations: 0,
      departments: 1,
      users: 0,
      organisations: 1,
      answerTemplates: 1,
      refusedChanges: 0,
    });
  });

  it('no schema has a place for passport data other than the masked form', () => {
    const passportFields: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (typeof value !== 'object' || value === null) return;
      for (const [key, child] of Object.entries(value)) {
        if (/passport/i.test(key)) passportFields.push(`${path}.${key}`);
        walk(child, `${path}.${key}`);
      }
    };
    for (const [name, schema] of schemas) walk(schema.properties, name);
    expect(passportFields).toEqual(['appeals.applicant.properties.passportMasked']);
  });
});

describe('inbox queries are served by indexes', () => {
  let db: RxDatabase;
  beforeAll(async () => {
    db = await openDatabase(uniqueDatabaseName('queryplan'));
    await db.addCollections({ appeals: oknoCollections.appeals });
  });
  afterAll(async () => {
    await db.remove();
  });

  it.each([
    [{ selector: { status: 'registered' }, sort: [{ dueAt: 'asc' }] }, ['status', 'dueAt']],
    [
      { selector: { departmentId: 'd', status: 'in_progress' }, sort: [{ dueAt: 'asc' }] },
      ['departmentId', 'status', 'dueAt'],
    ],
    [
      { selector: { assigneeId: 'u', status: 'in_progress' }, sort: [{ dueAt: 'asc' }] },
      ['assigneeId', 'status', 'dueAt'],
    ],
    [{ selector: { regime: 'incident' }, sort: [{ dueAt: 'asc' }] }, ['regime', 'dueAt']],
    [{ selector: { channel: 'vk' }, sort: [{ dueAt: 'asc' }] }, ['channel', 'dueAt']],
    // RxDB indexes are ascending: a newest-first view reads this index range and reverses it in memory.
    [{ selector: { receivedAt: { $gte: 0 } }, sort: [{ receivedAt: 'asc' }] }, ['receivedAt']],
    [{ selector: { conversationId: 'c' }, sort: [{ receivedAt: 'asc' }] }, ['conversationId', 'receivedAt']],
  ])('%j uses the index %j', (query, fields) => {
    const plan = db.appeals!.find(query as MangoQuery).getPreparedQuery().queryPlan;
    expect(plan.index).toEqual(['_deleted', ...fields, 'id']);
    expect(plan.sortSatisfiedByIndex).toBe(true);
  });
});
