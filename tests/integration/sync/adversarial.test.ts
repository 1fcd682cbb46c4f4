/**
 * Replication under a hostile network (issue 9): a push replayed after its answer was lost, a stale
 * `assumedMasterState` arriving after a newer one, an old checkpoint after a scope exit, one poisoned
 * document in a batch. Each case counts what the server holds afterwards — documents, sequence
 * numbers, audit rows, registration numbers, outbox rows for answers — so that nothing is lost and
 * nothing is written twice. Direct HTTP push/pull as the desktop's replication sends them, and real
 * RxDB replication where the desktop's own retry is the point. Real PostgreSQL and HTTP.
 */
import { randomUUID } from 'node:crypto';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { writeServerDocs } from '../../../server/src/sync/server-writes';
import type { Appeal, Message } from '../../../shared/model';
import { oknoCollections } from '../../../shared/schemas/collections';
import { seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import { type Json, pullOnce, pushRows, type SyncTarget } from './client';
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

let server: TestServer;
let org: TestOrg;
let orgId: string;
let targets: Record<RoleKey, SyncTarget>;
const databases: RxDatabase[] = [];

beforeAll(async () => {
  server = await startTestServer();
  org = await seedTestOrg(server.pool);
  orgId = org.organisation.id;
  targets = await loginAll(server, org);
});
afterAll(async () => {
  await Promise.all(databases.map((db) => db.close()));
  await server?.close();
});

// ── What the server holds ──────────────────────────────────────────────────────────────────────

const tables = { appeals: 'sync_appeals', messages: 'sync_messages' } as const;

/** Rows, their seqs, audit actions and outbox rows of documents, and the registration numbers drawn. */
async function ledger(collection: keyof typeof tables, ids: string[]) {
  const rows = await server.pool.query<{ id: string; seq: string; doc: Json }>(
    `SELECT id, seq, doc FROM ${tables[collection]} WHERE org_id = $1 AND id = ANY($2::text[]) ORDER BY id`,
    [orgId, ids],
  );
  const audit = await server.pool.query<{ entity_id: string; action: string }>(
    'SELECT entity_id, action FROM audit_log WHERE org_id = $1 AND entity_id = ANY($2::text[]) ORDER BY id',
    [orgId, ids],
  );
  const outbox = await server.pool.query<{ message_id: string }>(
    'SELECT message_id FROM outbox_messages WHERE org_id = $1 AND message_id = ANY($2::text[]) ORDER BY message_id',
    [orgId, ids],
  );
  // Numbers drawn in every year so far (a counter row holds the next number of its year).
  const counter = await server.pool.query<{ issued: number }>(
    'SELECT coalesce(sum(next - 1), 0)::int AS issued FROM registration_counters WHERE org_id = $1',
    [orgId],
  );
  return {
    ids: rows.rows.map((r) => r.id),
    seqs: Object.fromEntries(rows.rows.map((r) => [r.id, Number(r.seq)])),
    docs: Object.fromEntries(rows.rows.map((r) => [r.id, r.doc])),
    audit: audit.rows.map((r) => `${r.entity_id} ${r.action}`),
    outbox: outbox.rows.map((r) => r.message_id),
    numbersIssued: counter.rows[0]!.issued,
  };
}

/** The highest seq ever drawn: a push that writes nothing draws none. */
/**
 * The last sync seq drawn, read once the outbox is idle: its worker writes delivery states in the
 * background (an answer into a chat whose network has no account here is failed at once), and such a
 * write landing between two readings is not the replay's doing.
 */
async function lastSeq(): Promise<number> {
  for (const started = Date.now(); Date.now() - started < 10_000; ) {
    const busy = await server.pool.query(
      "SELECT 1 FROM outbox_messages WHERE org_id = $1 AND status IN ('pending', 'sending') LIMIT 1",
      [orgId],
    );
    if (busy.rowCount === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const result = await server.pool.query<{ last: string }>('SELECT last_value AS last FROM okno_sync_seq');
  return Number(result.rows[0]!.last);
}

/** A registered appeal of department d1 with its conversation (a VK chat), so answers go to the outbox. */
async function appealWithChat(overrides: Partial<Appeal> = {}): Promise<Json> {
  const conversationId = `conv-${randomUUID().slice(0, 8)}`;
  await insertConversation(server.pool, orgId, conversationId);
  const [appeal] = await createAppeals(server.pool, targets.supervisor, [
    newFormalAppeal(orgId, org.departments.d1.id, { conversationId, ...overrides }),
  ]);
  return appeal;
}

function rowsOf(docs: Json[], assumed: (doc: Json) => Json = () => undefined) {
  return docs.map((doc) => ({
    newDocumentState: { ...doc, _deleted: false },
    assumedMasterState: assumed(doc),
  }));
}

// ── A push replayed after its answer was lost ───────────────────────────────────────────────────

describe('a push replayed after its answer was lost', () => {
  it('creates the appeal once: one row, one registration number, one audit row; the replay gets the stored state', async () => {
    const appeal = newFormalAppeal(orgId, org.departments.d1.id);
    const rows = rowsOf([appeal]);
    const first = await pushRows(targets.operator1, 'appeals', rows, 'refusals=1');
    expect(first.status).toBe(200);
    const after = await ledger('appeals', [appeal.id]);
    expect(after.ids).toEqual([appeal.id]);
    expect(after.audit).toEqual([`${appeal.id} appeal.create`]);
    const seq = await lastSeq();

    const replay = await pushRows(targets.operator1, 'appeals', rows, 'refusals=1');
    expect(replay.status).toBe(200);
    // The desktop adopts the stored state: the registration number it never saw arrives now.
    expect(replay.body.conflicts).toEqual([after.docs[appeal.id]]);
    expect(await ledger('appeals', [appeal.id])).toEqual(after);
    expect(await lastSeq()).toBe(seq);
  });

  it('applies an edit once: the replay on its old assumed state writes nothing', async () => {
    const appeal = await appealWithChat();
    const edit = await editAppeal(server.pool, targets.operator1, appeal.id, { category: 'roads' });
    expect(edit.body).toEqual({ conflicts: [], refusals: [] });
    const after = await ledger('appeals', [appeal.id]);
    const seq = await lastSeq();

    const replay = await pushRows(
      targets.operator1,
      'appeals',
      [{ newDocumentState: { ...edit.master, category: 'roads' }, assumedMasterState: edit.master }],
      'refusals=1',
    );
    expect(replay.status).toBe(200);
    expect(replay.body.refusals).toEqual([]);
    expect(await ledger('appeals', [appeal.id])).toEqual(after);
    expect(after.audit).toEqual([`${appeal.id} appeal.create`, `${appeal.id} appeal.update`]);
    expect(await lastSeq()).toBe(seq);
  });

  it('sends an answer once: one message, one outbox row, one audit row, also when the replay comes after delivery', async () => {
    const appeal = await appealWithChat();
    const answer = staffMessage(orgId, appeal, org.users.operator1.id);
    const rows = rowsOf([answer]);
    expect((await pushRows(targets.operator1, 'messages', rows, 'refusals=1')).body).toEqual({
      conflicts: [],
      refusals: [],
    });
    // The outbox settles first: this server has no account for the chat's network, so the worker fails
    // the answer at once (a write of its own, which must not land between the readings below).
    await lastSeq();
    const after = await ledger('messages', [answer.id]);
    expect(after.outbox).toEqual([answer.id]);
    expect(after.audit).toEqual([`${answer.id} message.create`]);
    expect(after.docs[answer.id]).toMatchObject({
      deliveryStatus: 'failed',
      deliveryError: 'work:delivery.noAccount',
    });

    // The replay still carries `pending`: the desktop gets the stored state back, nothing is written.
    const replay = await pushRows(targets.operator1, 'messages', rows, 'refusals=1');
    expect(replay.body).toEqual({ conflicts: [after.docs[answer.id]], refusals: [] });
    expect(await ledger('messages', [answer.id])).toEqual(after);

    // The delivery job marks it sent; the desktop's retry still carries `pending`.
    await writeServerDocs(server.pool, 'messages', orgId, [
      { ...after.docs[answer.id], deliveryStatus: 'sent' },
    ]);
    const delivered = await ledger('messages', [answer.id]);
    const late = await pushRows(targets.operator1, 'messages', rows, 'refusals=1');
    expect(late.status).toBe(200);
    expect(late.body.conflicts).toEqual([delivered.docs[answer.id]]);
    expect(await ledger('messages', [answer.id])).toEqual(delivered);
    expect(delivered.outbox).toEqual([answer.id]);
  });
});

type Desktop = RxDatabase<{ appeals: RxCollection<Appeal>; messages: RxCollection<Message> }>;

async function desktop(name: string): Promise<Desktop> {
  const db: Desktop = await createRxDatabase({
    name: `${name}-${randomUUID()}`,
    storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    multiInstance: false,
  });
  await db.addCollections({ appeals: oknoCollections.appeals, messages: oknoCollections.messages });
  databases.push(db as unknown as RxDatabase);
  return db;
}

/**
 * The desktop's replication, except that the network drops the answer of the first `lose` pushes
 * after the server committed them: RxDB sees an error and pushes the same rows again.
 */
function lossyReplication<T>(collection: RxCollection<T>, target: SyncTarget, lose: number) {
  const pushes: Json[] = [];
  const state = replicateRxCollection<T, unknown>({
    collection,
    replicationIdentifier: `lossy-${collection.name}-${randomUUID()}`,
    live: true,
    retryTime: 100,
    waitForLeadership: false,
    pull: {
      async handler(checkpoint, batchSize) {
        const { status, body } = await pullOnce(target, collection.name, checkpoint, batchSize);
        if (status !== 200) throw new Error(`pull: ${status}`);
        return body;
      },
    },
    push: {
      async handler(rows) {
        const { status, body } = await pushRows(target, collection.name, rows, 'refusals=1');
        pushes.push({ rows, status, body });
        if (pushes.length <= lose) throw new Error('the answer was lost on the way back');
        return body.conflicts;
      },
    },
  });
  return { state, pushes };
}

describe('the desktop’s own retry of a push whose answer was lost (real RxDB replication)', () => {
  it('leaves one appeal with one registration number and one answer with one outbox row; the desktop ends with the stored states', async () => {
    const chat = await appealWithChat();
    const db = await desktop('lossy');
    const appeals = lossyReplication(db.appeals, targets.operator1, 1);
    const messages = lossyReplication(db.messages, targets.operator1, 1);
    await appeals.state.awaitInitialReplication();
    await messages.state.awaitInitialReplication();
    const before = await ledger('appeals', []);

    const appeal = newFormalAppeal(orgId, org.departments.d1.id);
    await db.appeals.insert(appeal);
    const answer = staffMessage(orgId, chat, org.users.operator1.id) as unknown as Message;
    await db.messages.insert(answer);
    await appeals.state.awaitInSync();
    await messages.state.awaitInSync();

    expect(appeals.pushes.length).toBeGreaterThanOrEqual(2);
    expect(messages.pushes.length).toBeGreaterThanOrEqual(2);
    const storedAppeal = await ledger('appeals', [appeal.id]);
    expect(storedAppeal.ids).toEqual([appeal.id]);
    expect(storedAppeal.audit).toEqual([`${appeal.id} appeal.create`]);
    expect(storedAppeal.numbersIssued).toBe(before.numbersIssued + 1);
    const storedAnswer = await ledger('messages', [answer.id]);
    expect(storedAnswer.ids).toEqual([answer.id]);
    expect(storedAnswer.audit).toEqual([`${answer.id} message.create`]);
    expect(storedAnswer.outbox).toEqual([answer.id]);

    await vi.waitFor(async () => {
      const local = (await db.appeals.findOne(appeal.id).exec(true)).toJSON();
      expect(local.registrationNumber).toBe(storedAppeal.docs[appeal.id].registrationNumber);
    });
    await appeals.state.cancel();
    await messages.state.cancel();
  });
});

/**
 * Found by the cases above (issue 9) and fixed since: the replay of a push that landed was answered
 * with a refusal, which the desktop's conflict handler (renderer/sync/conflicts.ts) keeps as a
 * «Не принято» notice, though nothing of the official's was lost — a re-sent new appeal got
 * `concurrentEdit` (+ `statusTransition`, `serverOwned`) for the fields the server filled in, and a
 * re-sent answer the delivery job had since marked sent got `immutable`. The server now recognises a
 * replay (server/src/sync/replay.ts): the master without a refusal, nothing written.
 */
describe('finding (issue 9, adversarial sync): a replay of a push that landed', () => {
  it('replayed push after a lost answer: no refusal, nothing written twice (a new appeal)', async () => {
    const appeal = newFormalAppeal(orgId, org.departments.d1.id);
    const rows = rowsOf([appeal]);
    await pushRows(targets.operator1, 'appeals', rows, 'refusals=1');
    const stored = await ledger('appeals', [appeal.id]);
    expect(stored.docs[appeal.id].registrationNumber).toBeTruthy();
    const seq = await lastSeq();

    const replay = await pushRows(targets.operator1, 'appeals', rows, 'refusals=1');
    expect(replay.body).toEqual({
      conflicts: [await masterOf(server.pool, 'sync_appeals', appeal.id)],
      refusals: [],
    });
    expect(await ledger('appeals', [appeal.id])).toEqual(stored);
    expect(await lastSeq()).toBe(seq);
  });

  it('replayed push after a lost answer: no refusal, nothing written twice (an answer since delivered)', async () => {
    const answer = staffMessage(orgId, await appealWithChat(), org.users.operator1.id);
    const rows = rowsOf([answer]);
    await pushRows(targets.operator1, 'messages', rows, 'refusals=1');
    // Let the outbox settle first (no account for this chat here: it fails the answer at once), then
    // play the delivery, so no write of the worker's lands after it.
    await lastSeq();
    const stored = await masterOf(server.pool, 'sync_messages', answer.id);
    await writeServerDocs(server.pool, 'messages', orgId, [{ ...stored, deliveryStatus: 'sent' }]);
    const before = await ledger('messages', [answer.id]);
    expect(before.outbox).toEqual([answer.id]);
    const seq = await lastSeq();

    const replay = await pushRows(targets.operator1, 'messages', rows, 'refusals=1');
    expect(replay.body).toEqual({
      conflicts: [await masterOf(server.pool, 'sync_messages', answer.id)],
      refusals: [],
    });
    expect(await ledger('messages', [answer.id])).toEqual(before);
    expect(await lastSeq()).toBe(seq);
  });

  it('a replay is still refused where the master lacks what the client changed (a genuine concurrent edit)', async () => {
    const v1 = await appealWithChat();
    const edit = { newDocumentState: { ...v1, subject: 'Тема оператора' }, assumedMasterState: v1 };
    expect((await pushRows(targets.operator1, 'appeals', [edit], 'refusals=1')).body.refusals).toEqual([]);
    expect(
      (await editAppeal(server.pool, targets.head1, v1.id, { subject: 'Тема начальника' })).body.refusals,
    ).toEqual([]);
    const replay = await pushRows(targets.operator1, 'appeals', [edit], 'refusals=1');
    expect(replay.body.refusals).toEqual([
      expect.objectContaining({ id: v1.id, code: 'sync:refusal.concurrentEdit', fields: ['subject'] }),
    ]);
  });
});

// ── A stale assumedMasterState arriving after a newer one ─────────────────────────────────────────

describe('a stale assumedMasterState arriving after a newer one', () => {
  it('keeps the newer edit and takes only what the stale push changed alone, with one audit row per stored change', async () => {
    const v1 = await appealWithChat();
    const newer = await editAppeal(server.pool, targets.head1, v1.id, {
      subject: 'Тема, исправленная начальником',
    });
    expect(newer.body).toEqual({ conflicts: [], refusals: [] });
    const v2 = await masterOf(server.pool, 'sync_appeals', v1.id);

    // Written on v1, delayed in the network: a subject of its own and a category.
    const stale = await pushRows(
      targets.operator1,
      'appeals',
      [
        {
          newDocumentState: {
            ...v1,
            subject: 'Тема оператора',
            category: 'roads',
            updatedAt: v1.updatedAt + 1,
          },
          assumedMasterState: v1,
        },
      ],
      'refusals=1',
    );
    const v3 = await masterOf(server.pool, 'sync_appeals', v1.id);
    expect(v3).toMatchObject({ subject: v2.subject, category: 'roads' });
    expect(stale.body).toEqual({
      conflicts: [v3],
      refusals: [
        expect.objectContaining({ id: v1.id, code: 'sync:refusal.concurrentEdit', fields: ['subject'] }),
      ],
    });
    const after = await ledger('appeals', [v1.id]);
    expect(after.audit).toEqual([
      `${v1.id} appeal.create`,
      `${v1.id} appeal.update`,
      `${v1.id} appeal.update`,
    ]);
    const seq = await lastSeq();

    // The newer push itself, replayed on its now stale v1: everything in it is already there.
    const again = await pushRows(
      targets.head1,
      'appeals',
      [{ newDocumentState: { ...v1, subject: v2.subject }, assumedMasterState: v1 }],
      'refusals=1',
    );
    expect(again.body).toEqual({ conflicts: [v3], refusals: [] });
    expect(await ledger('appeals', [v1.id])).toEqual(after);
    expect(await lastSeq()).toBe(seq);
  });

  it('keeps the later assignment when an earlier one arrives after it', async () => {
    const v1 = await appealWithChat();
    const later = await editAppeal(server.pool, targets.supervisor, v1.id, {
      assigneeId: org.users.operator1.id,
      status: 'in_progress',
      updatedAt: Date.now(),
    });
    expect(later.body.refusals).toEqual([]);
    const v2 = await masterOf(server.pool, 'sync_appeals', v1.id);
    expect(v2.assigneeId).toBe(org.users.operator1.id);
    const before = await ledger('appeals', [v1.id]);

    const earlier = await pushRows(
      targets.head1,
      'appeals',
      [
        {
          newDocumentState: { ...v1, assigneeId: org.users.head1.id, updatedAt: v1.updatedAt + 1 },
          assumedMasterState: v1,
        },
      ],
      'refusals=1',
    );
    expect(earlier.status).toBe(200);
    const v3 = await masterOf(server.pool, 'sync_appeals', v1.id);
    expect(v3.assigneeId).toBe(org.users.operator1.id);
    expect(earlier.body.conflicts).toEqual([v3]);
    expect(earlier.body.refusals).toEqual([
      expect.objectContaining({ id: v1.id, fields: expect.arrayContaining(['assigneeId']) }),
    ]);
    expect(await ledger('appeals', [v1.id])).toEqual(before);
  });
});

// ── An old checkpoint after a scope exit ──────────────────────────────────────────────────────────

/** Every page from `checkpoint` with `limit` documents a page: all states received, in order. */
async function pullPages(target: SyncTarget, collection: string, checkpoint: unknown, limit: number) {
  const states: Json[] = [];
  let cursor = checkpoint;
  for (let page = 0; page < 1000; page++) {
    const { status, body } = await pullOnce(target, collection, cursor, limit);
    expect(status).toBe(200);
    states.push(...body.documents);
    cursor = body.checkpoint;
    if (body.documents.length < limit) return { states, checkpoint: cursor };
  }
  throw new Error('the pull never ended');
}

describe('an old checkpoint after a scope exit', () => {
  it('gets the exit and never the content, however often and in whatever pages it is replayed; the new department gets the appeal once', async () => {
    const tag = randomUUID().slice(0, 8);
    const x = await appealWithChat({ subject: `Тема ${tag}`, text: `Текст обращения ${tag}` });
    const answer = { ...staffMessage(orgId, x, org.users.operator1.id), text: `Ответ ${tag}` };
    expect(
      (await pushRows(targets.operator1, 'messages', rowsOf([answer]), 'refusals=1')).body.refusals,
    ).toEqual([]);
    const old = {
      appeals: (await pullPages(targets.operator1, 'appeals', null, 1000)).checkpoint,
      messages: (await pullPages(targets.operator1, 'messages', null, 1000)).checkpoint,
    };
    const oldOfD2 = (await pullPages(targets.operator2, 'appeals', null, 1000)).checkpoint;

    expect(
      (await editAppeal(server.pool, targets.supervisor, x.id, { departmentId: org.departments.d2.id })).body
        .refusals,
    ).toEqual([]);
    const moved = await masterOf(server.pool, 'sync_appeals', x.id);
    const secrets = [x.subject, x.text, answer.text];

    for (const [collection, id] of [
      ['appeals', x.id],
      ['messages', answer.id],
    ] as const) {
      for (const [from, limit] of [
        [old[collection], 1000],
        [old[collection], 1000],
        [old[collection], 1],
        [null, 1],
        [null, 1000],
      ] as const) {
        const { states } = await pullPages(targets.operator1, collection, from, limit);
        const mine = states.filter((d: Json) => d.id === id);
        expect(mine.length, `${collection} from ${JSON.stringify(from)} by ${limit}`).toBe(1);
        expect(mine[0]._deleted).toBe(true);
        const text = JSON.stringify(states);
        for (const secret of secrets) expect(text).not.toContain(secret);
      }
    }

    const forD2 = await pullPages(targets.operator2, 'appeals', oldOfD2, 1);
    expect(forD2.states.filter((d: Json) => d.id === x.id)).toEqual([moved]);
    // Pulling on from where it ended brings nothing twice.
    expect((await pullOnce(targets.operator2, 'appeals', forD2.checkpoint, 1000)).body.documents).toEqual([]);
  });

  it('refuses a push on the state seen before the exit and writes nothing', async () => {
    const x = await appealWithChat();
    const seen = await masterOf(server.pool, 'sync_appeals', x.id);
    await editAppeal(server.pool, targets.supervisor, x.id, { departmentId: org.departments.d2.id });
    const before = await ledger('appeals', [x.id]);
    const seq = await lastSeq();

    const late = await pushRows(
      targets.operator1,
      'appeals',
      [{ newDocumentState: { ...seen, text: 'Дополнение после переназначения' }, assumedMasterState: seen }],
      'refusals=1',
    );
    expect(late.status).toBe(200);
    expect(late.body.refusals).toEqual([{ id: x.id, code: 'sync:refusal.outOfScope' }]);
    expect(late.body.conflicts).toHaveLength(1);
    expect(late.body.conflicts[0]).toMatchObject({ id: x.id, _deleted: true });
    expect(await ledger('appeals', [x.id])).toEqual(before);
    expect(await lastSeq()).toBe(seq);
  });
});

// ── A poisoned document in a batch ────────────────────────────────────────────────────────────────

describe('a poisoned document in a batch', () => {
  it('is refused alone: the other appeals land with consecutive registration numbers and one audit row each', async () => {
    const d1 = org.departments.d1.id;
    const good = [
      newFormalAppeal(orgId, d1),
      newFormalAppeal(orgId, d1),
      newFormalAppeal(orgId, d1),
    ] as const;
    const poisoned = {
      invalid: { ...newFormalAppeal(orgId, org.departments.d1.id), subject: 42 },
      foreign: newFormalAppeal(orgId, org.departments.d2.id),
      unstorable: newFormalAppeal(orgId, org.departments.d1.id, { text: 'Текст с \u0000 внутри' }),
    };
    const batch = [good[0], poisoned.invalid, good[1], poisoned.foreign, poisoned.unstorable, good[2]];
    const before = await ledger('appeals', []);

    const { status, body } = await pushRows(targets.operator1, 'appeals', rowsOf(batch), 'refusals=1');
    expect(status).toBe(200);
    const codes = Object.fromEntries(body.refusals.map((r: Json) => [r.id, r.code]));
    expect(codes).toEqual({
      [poisoned.invalid.id]: 'sync:refusal.invalidDocument',
      [poisoned.foreign.id]: 'sync:refusal.outOfScope',
      [poisoned.unstorable.id]: 'sync:refusal.invalidDocument',
    });

    const ids = batch.map((a) => a.id as string);
    const after = await ledger('appeals', ids);
    expect(after.ids).toEqual(good.map((a) => a.id).sort());
    expect(after.audit.sort()).toEqual(good.map((a) => `${a.id} appeal.create`).sort());
    expect(new Set(Object.values(after.seqs)).size).toBe(3);
    expect(after.numbersIssued).toBe(before.numbersIssued + 3);
    const numbers = good
      .map((a) => Number(after.docs[a.id].registrationNumber.split('-').at(-1)))
      .sort((a, b) => a - b);
    expect(numbers).toEqual([numbers[0], numbers[0]! + 1, numbers[0]! + 2]);
  });

  it('is refused alone among answers: one outbox row for each answer that landed, none for the refused', async () => {
    const mine = await appealWithChat();
    const theirs = await (async () => {
      const conversationId = `conv-${randomUUID().slice(0, 8)}`;
      await insertConversation(server.pool, orgId, conversationId);
      const [appeal] = await createAppeals(server.pool, targets.supervisor, [
        newFormalAppeal(orgId, org.departments.d2.id, { conversationId }),
      ]);
      return appeal;
    })();
    const good = [
      staffMessage(orgId, mine, org.users.operator1.id),
      staffMessage(orgId, mine, org.users.operator1.id),
    ] as const;
    const poisoned = {
      outOfScope: staffMessage(orgId, theirs, org.users.operator1.id),
      noEmail: {
        ...staffMessage(orgId, mine, org.users.operator1.id),
        replyVia: 'email',
        conversationId: '',
      },
      forged: staffMessage(orgId, mine, org.users.operator2.id),
      unstorable: { ...staffMessage(orgId, mine, org.users.operator1.id), text: 'Ответ \ud800 с обрывком' },
    };
    const batch = [
      poisoned.outOfScope,
      good[0],
      poisoned.noEmail,
      poisoned.forged,
      good[1],
      poisoned.unstorable,
    ];

    const { status, body } = await pushRows(targets.operator1, 'messages', rowsOf(batch), 'refusals=1');
    expect(status).toBe(200);
    const codes = Object.fromEntries(body.refusals.map((r: Json) => [r.id, r.code]));
    expect(codes).toEqual({
      [poisoned.outOfScope.id]: 'sync:refusal.outOfScope',
      [poisoned.noEmail.id]: 'sync:refusal.replyViaEmail',
      [poisoned.forged.id]: 'sync:refusal.roleMayNotChange',
      [poisoned.unstorable.id]: 'sync:refusal.invalidDocument',
    });
    const after = await ledger(
      'messages',
      batch.map((m) => m.id),
    );
    const landed = good.map((m) => m.id).sort();
    expect(after.ids).toEqual(landed);
    expect(after.outbox).toEqual(landed);
    expect(after.audit.sort()).toEqual(good.map((m) => `${m.id} message.create`).sort());
  });

  it('does not hold the desktop’s replication: the good appeal lands, the poisoned ones come back as tombstones (real RxDB)', async () => {
    const db = await desktop('poisoned');
    const { state, pushes } = lossyReplication(db.appeals, targets.operator1, 0);
    await state.awaitInitialReplication();
    const good = newFormalAppeal(orgId, org.departments.d1.id);
    const foreign = newFormalAppeal(orgId, org.departments.d2.id);
    const unstorable = newFormalAppeal(orgId, org.departments.d1.id, { text: 'Текст с \u0000 внутри' });
    await db.appeals.bulkInsert([foreign, good, unstorable]);
    await state.awaitInSync();

    expect(pushes.every((p) => p.status === 200)).toBe(true);
    const after = await ledger('appeals', [good.id, foreign.id, unstorable.id]);
    expect(after.ids).toEqual([good.id]);
    await vi.waitFor(async () => {
      expect((await db.appeals.findOne(good.id).exec(true)).registrationNumber).toBe(
        after.docs[good.id].registrationNumber,
      );
      expect(await db.appeals.findOne(foreign.id).exec()).toBeNull();
      expect(await db.appeals.findOne(unstorable.id).exec()).toBeNull();
    });
    await state.cancel();
  });
});
