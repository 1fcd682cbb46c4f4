/**
 * The replicated collections: where each is stored, how it is scoped, and who may write it.
 * Names are the desktop's RxDB collection names (shared/schemas/collections.ts).
 */
import { answerTemplateSchema } from '../../../shared/schemas/organisation';
import { messagesWriter } from '../appeals/messages';
import { appealsWriter } from '../appeals/writer';
import type { CollectionWriter } from './types';
import { schemaValidator } from './validation';
import { plainWriter, readOnlyWriter } from './writers';

export interface SyncCollection {
  name: string;
  table: string;
  primaryPath: string;
  /** Ids a client may create. */
  idPattern: RegExp;
  /**
   * Department-scoped collections are filtered by `department_ids` for operators and heads and
   * produce scope exits; the others are visible to the whole organisation.
   */
  departmentScoped: boolean;
  /** Link columns stored next to the document (see 100_sync.sql). */
  linkColumns: readonly ('appeal_id' | 'conversation_id')[];
  writer: CollectionWriter;
  /** Served only with OKNO_SYNC_TEST_COLLECTION=1. */
  testOnly?: boolean;
}

/** shared/model/primitives.ts `idPattern`. */
const oknoId = /^[A-Za-z0-9_-]{1,40}$/;

const collections: SyncCollection[] = [
  {
    name: 'appeals',
    table: 'sync_appeals',
    primaryPath: 'id',
    idPattern: oknoId,
    departmentScoped: true,
    linkColumns: ['conversation_id'],
    writer: appealsWriter,
  },
  {
    name: 'messages',
    table: 'sync_messages',
    primaryPath: 'id',
    idPattern: oknoId,
    departmentScoped: true,
    linkColumns: ['appeal_id', 'conversation_id'],
    writer: messagesWriter,
  },
  {
    name: 'conversations',
    table: 'sync_conversations',
    primaryPath: 'id',
    idPattern: oknoId,
    departmentScoped: true,
    linkColumns: [],
    writer: readOnlyWriter,
  },
  {
    name: 'departments',
    table: 'sync_departments',
    primaryPath: 'id',
    idPattern: oknoId,
    departmentScoped: false,
    linkColumns: [],
    writer: readOnlyWriter,
  },
  {
    name: 'users',
    table: 'sync_users',
    primaryPath: 'id',
    idPattern: oknoId,
    departmentScoped: false,
    linkColumns: [],
    writer: readOnlyWriter,
  },
  {
    name: 'organisations',
    table: 'sync_organisations',
    primaryPath: 'id',
    idPattern: oknoId,
    departmentScoped: false,
    linkColumns: [],
    writer: readOnlyWriter,
  },
  {
    name: 'answerTemplates',
    table: 'sync_answer_templates',
    primaryPath: 'id',
    idPattern: oknoId,
    departmentScoped: false,
    linkColumns: [],
    writer: plainWriter({
      roles: ['head', 'supervisor', 'admin'],
      validate: schemaValidator(answerTemplateSchema),
      orgField: 'orgId',
      entity: 'answerTemplate',
      editTimeField: 'updatedAt',
    }),
  },
  {
    // RxDB's conformance suite (tests/integration/sync/rxdb-base-suite.test.ts): its `human` schema.
    name: 'syncTestHumans',
    table: 'sync_test_docs',
    primaryPath: 'passportId',
    idPattern: /^.{1,100}$/su,
    departmentScoped: false,
    linkColumns: [],
    writer: plainWriter({ entity: 'syncTestHuman' }),
    testOnly: true,
  },
];

export function findCollection(name: string, withTestCollection: boolean): SyncCollection | null {
  const found = collections.find((c) => c.name === name);
  if (!found || (found.testOnly && !withTestCollection)) return null;
  return found;
}

export function collectionNamed(name: string): SyncCollection {
  const found = collections.find((c) => c.name === name);
  if (!found) throw new Error(`no sync collection ${name}`);
  return found;
}
