/**
 * The replicated collections (composition root): where each is stored, how it is scoped, and who may
 * write it. sync/ knows only the `SyncCollection` shape and the `CollectionWriter` interface
 * (sync/types.ts); the writers with domain knowledge (appeals/) are registered here, so sync/ never
 * imports appeals/ and appeals/ may use sync/ without an import cycle. app.ts hands the list to the
 * sync plugin. Names are the desktop's RxDB collection names (shared/schemas/collections.ts).
 */
import { answerTemplatesPullScope, answerTemplatesWriter } from './answer-templates/writer';
import { messagesWriter } from './appeals/messages';
import { appealsWriter } from './appeals/writer';
import type { SyncCollection } from './sync/types';
import { plainWriter, readOnlyWriter } from './sync/writers';

/**
 * What a desktop keeps of the archive (shared/model/archive.ts): appeals open or closed within the
 * window, and the messages of those appeals (or of no appeal). Older ones stay on the server and are
 * found through the archive search (appeals/archive.ts). Closed-at is migration 350's column.
 */
const appealsKeptLocally = '(t.closed_at IS NULL OR t.closed_at >= me.archive_cutoff)';
// A scalar subquery, one primary-key lookup per message: written as NOT EXISTS, PostgreSQL hashed
// every old appeal of the organisation for each pulled page (archive benchmark: 0.28 s a page).
const messagesKeptLocally = `(t.appeal_id = '' OR coalesce((SELECT a.closed_at FROM sync_appeals a
    WHERE a.org_id = t.org_id AND a.id = t.appeal_id), me.archive_cutoff) >= me.archive_cutoff)`;

/** shared/model/primitives.ts `idPattern`. */
const oknoId = /^[A-Za-z0-9_-]{1,40}$/;

export const syncCollections: readonly SyncCollection[] = [
  {
    name: 'appeals',
    table: 'sync_appeals',
    primaryPath: 'id',
    idPattern: oknoId,
    departmentScoped: true,
    linkColumns: ['conversation_id'],
    writer: appealsWriter,
    pullWindow: appealsKeptLocally,
  },
  {
    name: 'messages',
    table: 'sync_messages',
    primaryPath: 'id',
    idPattern: oknoId,
    departmentScoped: true,
    linkColumns: ['appeal_id', 'conversation_id'],
    writer: messagesWriter,
    pullWindow: messagesKeptLocally,
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
    // Scoped by its own rule: the organisation's, the reader's departments', the reader's personal ones.
    departmentScoped: false,
    pullScope: answerTemplatesPullScope,
    linkColumns: [],
    writer: answerTemplatesWriter,
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

/** The collection named `name`; for server code that writes through a collection's writer. */
export function collectionNamed(name: string): SyncCollection {
  const found = syncCollections.find((c) => c.name === name);
  if (!found) throw new Error(`no sync collection ${name}`);
  return found;
}
