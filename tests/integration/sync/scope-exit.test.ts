/**
 * Scope exit (docs/ARCHITECTURE.md, "Scope"): an appeal that leaves a user's scope while the user is
 * offline disappears from the user's local RxDB database on reconnect — with its messages — stays for
 * the new department, and is not deleted on the server. Desktops here are real RxDB databases with
 * the shared schemas, memory storage and schema validation (so tombstones must be valid documents).
 */
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { schemaValidator } from '../../../server/src/sync/validation';
import type { Appeal, Message } from '../../../shared/model';
import { appealSchema } from '../../../shared/schemas/appeals';
import { oknoCollections } from '../../../shared/schemas/collections';
import { seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import { type Json, pullOnce, pushRows, replicateWithServer, type SyncTarget } from './client';
import {
  createAppeals,
  editAppeal,
  insertConversation,
  loginAll,
  masterOf,
  newFormalAppeal,
  type RoleKey,
  staffMessage,
} from './fixtures';

addRxPlugin(RxDBDevModePlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

type Desktop = RxDatabase<{ appeals: RxCollection<Appeal>; messages: RxCollection<Message> }>;

let server: TestServer;
let org: TestOrg;
let targets: Record<RoleKey, SyncTarget>;
const databases: Desktop[] = [];

async function desktop(name: string): Promise<Desktop> {
  const db: Desktop = await createRxDatabase({
    name: `${name}-${Date.now()}`,
    storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    multiInstance: false,
  });
  await db.addCollections({ appeals: oknoCollections.appeals, messages: oknoCollections.messages });
  databases.push(db);
  return db;
}

async function syncOnline(db: Desktop, target: SyncTarget) {
  const states = [replicateWithServer(db.appeals, target), replicateWithServer(db.messages, target)];
  await Promise.all(states.map((s) => s.awaitInitialReplication()));
  await Promise.all(states.map((s) => s.awaitInSync()));
  return states;
}

beforeAll(async () => {
  server = await startTestServer();
  org = await seedTestOrg(server.pool);
  targets = await loginAll(server, org);
});
afterAll(async () => {
  await Promise.all(databases.map((db) => db.close()));
  await server?.close();
});

describe('an appeal reassigned while its operator is offline', () => {
  it('is gone from the operator’s desktop on reconnect, present for the new department, unchanged on the server', async () => {
    const orgId = org.organisation.id;
    await insertConversation(server.pool, orgId, 'conv-x');
    const [x] = await createAppeals(server.pool, targets.supervisor, [
      newFormalAppeal(orgId, org.departments.d1.id, { conversationId: 'conv-x' }),
    ]);
    const message = staffMessage(orgId, x, org.users.operator1.id);
    expect((await pushRows(targets.operator1, 'messages', [{ newDocumentState: message }])).body).toEqual([]);

    const a = await desktop('operator1');
    let states = await syncOnline(a, targets.operator1);
    expect(await a.appeals.findOne(x.id).exec()).not.toBeNull();
    expect(await a.messages.findOne(message.id).exec()).not.toBeNull();
    await Promise.all(states.map((s) => s.cancel()));

    // Offline: the operator keeps working on it; meanwhile the supervisor reassigns it to d2.
    const local = await a.appeals.findOne(x.id).exec(true);
    await local.incrementalPatch({ text: 'Дополнение, написанное без связи', updatedAt: Date.now() });
    const reassigned = await editAppeal(server.pool, targets.supervisor, x.id, {
      departmentId: org.departments.d2.id,
    });
    expect(reassigned.body).toEqual({ conflicts: [], refusals: [] });
    const onServer = await masterOf(server.pool, 'sync_appeals', x.id);

    const appealsAgain = replicateWithServer(a.appeals, targets.operator1);
    const refused: Json[] = [];
    appealsAgain.conflict$.subscribe((c: Json) => refused.push(c.input.newDocumentState));
    states = [appealsAgain, replicateWithServer(a.messages, targets.operator1)];
    await Promise.all(states.map((s) => s.awaitInitialReplication()));
    await Promise.all(states.map((s) => s.awaitInSync()));
    await vi.waitFor(async () => {
      expect(await a.appeals.findOne(x.id).exec()).toBeNull();
      expect(await a.messages.findOne(message.id).exec()).toBeNull();
    });
    // The offline edit was refused (not silently applied to a foreign department) and is visible to the client.
    expect(refused.map((d) => d.text)).toContain('Дополнение, написанное без связи');
    await Promise.all(states.map((s) => s.cancel()));

    const b = await desktop('operator2');
    const statesB = await syncOnline(b, targets.operator2);
    expect((await b.appeals.findOne(x.id).exec(true)).departmentId).toBe(org.departments.d2.id);
    expect(await b.messages.findOne(message.id).exec()).not.toBeNull();
    await Promise.all(statesB.map((s) => s.cancel()));

    const after = await masterOf(server.pool, 'sync_appeals', x.id);
    expect(after).toEqual(onServer);
    expect(after).toMatchObject({ _deleted: false, departmentId: org.departments.d2.id, text: x.text });
  });
});

/**
 * The tombstone of an appeal that left a user's scope: its last state with the content blanked
 * (migration 105 `okno_sync_exit_doc`), still valid for the desktop's schema.
 */
function exitTombstone(appeal: Json): Json {
  const tombstone = {
    ...appeal,
    _deleted: true,
    kind: {
      collective: false,
      applicantType: 'citizen',
      form: null,
      organisationName: null,
      inn: null,
      coSigners: [],
      complaintAgainst: null,
    },
    applicant: {
      applicantId: null,
      name: { lastName: '', firstName: '', patronymic: null },
      contacts: { phone: null, email: null, postalAddress: null },
      identification: 'none',
      passportMasked: null,
      nameMatch: { verdict: 'not_checked', profileName: null, checkedAt: null },
    },
    subject: '',
    text: '',
    attachments: [],
    extension: null,
    outcomeNote: null,
    conversationId: '',
    duplicateOf: null,
    mergedIds: [],
    forwardedTo: null,
    convertedFromId: null,
    convertedToId: null,
    // The triage suggestion's reasons are words of the message (migration 390).
    triage: null,
    // A verdict's comment is the citizen's words, a post link where they wrote (migration 475).
    problemId: null,
    sourcePost: null,
    territoryId: null,
    verdict: null,
  };
  expect(schemaValidator(appealSchema)(tombstone)).toBeNull();
  return tombstone;
}

describe('a user who loses a department', () => {
  it('gets tombstones for that department’s appeals, and the appeals back when re-added', async () => {
    const orgId = org.organisation.id;
    const [y] = await createAppeals(server.pool, targets.supervisor, [
      newFormalAppeal(orgId, org.departments.d1.id),
    ]);
    const first = await pullOnce(targets.head1, 'appeals', null, 1000);
    expect(first.body.documents.map((d: Json) => d.id)).toContain(y.id);
    const checkpoint = first.body.checkpoint;

    await server.pool.query('DELETE FROM user_departments WHERE user_id = $1 AND department_id = $2', [
      org.users.head1.id,
      org.departments.d1.id,
    ]);
    const removed = await pullOnce(targets.head1, 'appeals', checkpoint, 1000);
    expect(removed.body.documents.find((d: Json) => d.id === y.id)).toEqual(exitTombstone(y));

    await server.pool.query(
      'INSERT INTO user_departments (org_id, user_id, department_id) VALUES ($1, $2, $3)',
      [orgId, org.users.head1.id, org.departments.d1.id],
    );
    const back = await pullOnce(targets.head1, 'appeals', removed.body.checkpoint, 1000);
    expect(back.body.documents.find((d: Json) => d.id === y.id)).toEqual(
      await masterOf(server.pool, 'sync_appeals', y.id),
    );
    // From the very first checkpoint the newest state wins: the appeal, not its tombstone.
    const replay = await pullOnce(targets.head1, 'appeals', checkpoint, 1000);
    expect(replay.body.documents.find((d: Json) => d.id === y.id)._deleted).toBe(false);
  });

  it('gets tombstones when demoted from supervisor to operator of another department', async () => {
    const orgId = org.organisation.id;
    const [z] = await createAppeals(server.pool, targets.supervisor, [
      newFormalAppeal(orgId, org.departments.d1.id),
    ]);
    const first = await pullOnce(targets.admin, 'appeals', null, 1000);
    expect(first.body.documents.map((d: Json) => d.id)).toContain(z.id);
    await server.pool.query('UPDATE users SET role = $2 WHERE id = $1', [org.users.admin.id, 'operator']);
    await server.pool.query(
      'INSERT INTO user_departments (org_id, user_id, department_id) VALUES ($1, $2, $3)',
      [orgId, org.users.admin.id, org.departments.d2.id],
    );
    const after = await pullOnce(targets.admin, 'appeals', first.body.checkpoint, 1000);
    expect(after.body.documents.find((d: Json) => d.id === z.id)).toEqual(exitTombstone(z));
    await server.pool.query('DELETE FROM user_departments WHERE user_id = $1', [org.users.admin.id]);
    await server.pool.query('UPDATE users SET role = $2 WHERE id = $1', [org.users.admin.id, 'admin']);
  });
});
