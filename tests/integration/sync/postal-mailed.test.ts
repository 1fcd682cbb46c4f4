/**
 * A postal answer is marked mailed: the server stores a postal answer `pending` with the reason
 * "print and mail" (nothing electronic delivers it); the official who mailed the letter pushes it
 * `sent` — the one change a desktop may make to a stored message. Real HTTP and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { outboundMessage, type ReplyRoute } from '../../../renderer/features/appeal/composer/answer';
import { entityHistory } from '../../../server/src/audit/audit';
import type { Appeal } from '../../../shared/model/appeal';
import { postalPrintRequired } from '../../../shared/model/conversation';
import { seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import { type Json, pullAll, pullOnce, pushRows, type SyncTarget } from './client';
import {
  createAppeals,
  insertConversation,
  loginAll,
  masterOf,
  newFormalAppeal,
  type RoleKey,
} from './fixtures';

let server: TestServer;
let org: TestOrg;
let targets: Record<RoleKey, SyncTarget>;
let appeal: Json;

beforeAll(async () => {
  server = await startTestServer();
  org = await seedTestOrg(server.pool);
  targets = await loginAll(server, org);
  const orgId = org.organisation.id;
  const conversationId = `conv-${randomUUID().slice(0, 8)}`;
  await insertConversation(server.pool, orgId, conversationId);
  const formal = newFormalAppeal(orgId, org.departments.d1.id, { conversationId });
  const contacts = {
    phone: '+79161234567',
    email: 'ivanova@example.ru',
    postalAddress: 'г. Тверь, ул. Советская, д. 1, кв. 2',
  };
  [appeal] = await createAppeals(server.pool, targets.supervisor, [
    { ...formal, applicant: { ...formal.applicant, contacts } },
  ]);
});
afterAll(async () => {
  await server?.close();
});

const messageMaster = (id: string) => masterOf(server.pool, 'sync_messages', id);

async function push(role: RoleKey, newDocumentState: Json, assumedMasterState: Json = null) {
  const { status, body } = await pushRows(
    targets[role],
    'messages',
    [{ newDocumentState, assumedMasterState }],
    'refusals=1',
  );
  expect(status).toBe(200);
  return body as { conflicts: Json[]; refusals: Json[] };
}

/** Operator 1 (department d1) answers the appeal by the route, as the desktop's composer writes it; returns the stored master. */
async function answered(route: ReplyRoute): Promise<Json> {
  const message = outboundMessage({
    id: randomUUID(),
    appeal: appeal as unknown as Appeal,
    route,
    text: `Ответ заявителю (${route}).`,
    author: { userId: org.users.operator1.id, displayName: 'Оператор' },
    now: Date.now(),
  });
  expect((await push('operator1', { ...message, _deleted: false })).refusals).toEqual([]);
  return messageMaster(message.id);
}

/** What a desktop pushes when the official clicks «Письмо отправлено почтой». */
const markedMailed = (master: Json, patch: Json = {}) => ({
  ...master,
  deliveryStatus: 'sent',
  deliveryError: null,
  updatedAt: Math.max(Date.now(), master.updatedAt + 1),
  ...patch,
});

const auditActions = async (messageId: string) =>
  (await entityHistory(server.pool, org.organisation.id, 'message', messageId)).map((entry) => entry.action);

it('stores the operator’s mark: the postal answer becomes sent, the supervisor pulls it, the audit has it', async () => {
  const master = await answered('post');
  expect(master).toMatchObject({ deliveryStatus: 'pending', deliveryError: postalPrintRequired });
  const before = await pullOnce(targets.supervisor, 'messages', null, 1000);
  expect(before.status).toBe(200);

  const mark = markedMailed(master);
  expect(await push('operator1', mark, master)).toEqual({ conflicts: [], refusals: [] });

  const stored = await messageMaster(master.id);
  expect(stored).toEqual({
    ...master,
    deliveryStatus: 'sent',
    deliveryError: null,
    updatedAt: mark.updatedAt,
  });
  // A new seq: a desktop that already pulled the pending answer gets the mark.
  const after = await pullOnce(targets.supervisor, 'messages', before.body.checkpoint, 1000);
  expect(after.body.documents).toEqual([expect.objectContaining({ id: master.id, deliveryStatus: 'sent' })]);
  expect((await pullAll(targets.operator1, 'messages')).find((doc) => doc.id === master.id)).toMatchObject({
    deliveryStatus: 'sent',
    deliveryError: null,
  });

  const history = await entityHistory(server.pool, org.organisation.id, 'message', master.id);
  expect(history.at(-1)).toMatchObject({
    action: 'message.postalMailed',
    actorUserId: org.users.operator1.id,
    fields: {
      deliveryStatus: { old: 'pending', new: 'sent' },
      deliveryError: { old: postalPrintRequired, new: null },
    },
    details: { collection: 'messages', appealId: appeal.id, conversationId: appeal.conversationId },
  });
  // Still nothing to send electronically.
  const outbox = await server.pool.query('SELECT 1 FROM outbox_messages WHERE message_id = $1', [master.id]);
  expect(outbox.rowCount).toBe(0);
});

it('is idempotent: the same mark pushed again is a no-op with no second audit entry', async () => {
  const master = await answered('post');
  const mark = markedMailed(master);
  expect(await push('operator1', mark, master)).toEqual({ conflicts: [], refusals: [] });
  const seq = async () =>
    (await server.pool.query('SELECT seq FROM sync_messages WHERE id = $1', [master.id])).rows[0].seq;
  const seqOnce = await seq();
  expect(await push('operator1', mark, master)).toEqual({ conflicts: [], refusals: [] });
  expect(await seq()).toBe(seqOnce);
  expect(await auditActions(master.id)).toEqual(['message.create', 'message.postalMailed']);
});

it('is taken from a supervisor too: anyone who can see the appeal may mark it', async () => {
  const master = await answered('post');
  expect(await push('supervisor', markedMailed(master), master)).toEqual({ conflicts: [], refusals: [] });
  expect(await messageMaster(master.id)).toMatchObject({ deliveryStatus: 'sent', deliveryError: null });
});

describe('refused, and the stored answer stays as it was', () => {
  it('from an operator of another department: out of scope, answered with a tombstone', async () => {
    const master = await answered('post');
    const body = await push('operator2', markedMailed(master), master);
    expect(body.refusals).toEqual([{ id: master.id, code: 'sync:refusal.outOfScope' }]);
    expect(body.conflicts).toEqual([expect.objectContaining({ id: master.id, _deleted: true })]);
    expect(await messageMaster(master.id)).toEqual(master);
    expect(await auditActions(master.id)).toEqual(['message.create']);
  });

  it('when the text changes at the same time: immutable', async () => {
    const master = await answered('post');
    const body = await push('operator1', markedMailed(master, { text: 'Исправленный ответ.' }), master);
    expect(body.refusals).toEqual([{ id: master.id, code: 'sync:refusal.immutable' }]);
    expect(body.conflicts).toEqual([master]);
    expect(await messageMaster(master.id)).toEqual(master);
  });

  it.each([
    ['a channel', 'original', 'channel'],
    ['an e-mail', 'email', 'email'],
  ] as const)('for %s answer: immutable (its delivery is the outbox’s)', async (_, route, via) => {
    const created = await answered(route);
    // The outbox may already have tried it; the desktop marks whatever state it last pulled.
    const master = await messageMaster(created.id);
    const body = await push('operator1', markedMailed(master), master);
    expect(body.refusals).toEqual([{ id: master.id, code: 'sync:refusal.immutable' }]);
    expect(await messageMaster(master.id)).toMatchObject({
      replyVia: via,
      deliveryStatus: master.deliveryStatus,
    });
    expect(await auditActions(master.id)).toEqual(['message.create']);
  });

  it('for a postal answer that is no longer pending: immutable', async () => {
    const pending = await answered('post');
    expect((await push('operator1', markedMailed(pending), pending)).refusals).toEqual([]);
    const sent = await messageMaster(pending.id);
    const body = await push('operator1', markedMailed(sent, { updatedAt: sent.updatedAt + 1_000 }), sent);
    expect(body.refusals).toEqual([{ id: sent.id, code: 'sync:refusal.immutable' }]);
    expect(body.conflicts).toEqual([sent]);
    expect(await messageMaster(sent.id)).toEqual(sent);
    expect(await auditActions(sent.id)).toEqual(['message.create', 'message.postalMailed']);
  });
});
