/**
 * Issue 12: what only a network can say about a message — the citizen edited it (`editedAt`,
 * `earlierVersions`), an administrator posted it in the network's own interface (`postedInNetwork`)
 * — is the server's to write. A desktop pushing an answer with any of them is refused, nothing is
 * stored and nothing is sent; the same answer without them is taken.
 */
import { randomUUID } from 'node:crypto';
import { seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import { pushRows, type SyncTarget } from './client';
import {
  createAppeals,
  insertConversation,
  loginAll,
  newFormalAppeal,
  type RoleKey,
  staffMessage,
} from './fixtures';

let server: TestServer;
let org: TestOrg;
let targets: Record<RoleKey, SyncTarget>;

beforeAll(async () => {
  server = await startTestServer();
  org = await seedTestOrg(server.pool);
  targets = await loginAll(server, org);
});
afterAll(async () => {
  await server?.close();
});

async function appealWithChat() {
  const conversationId = `conv-${randomUUID().slice(0, 8)}`;
  await insertConversation(server.pool, org.organisation.id, conversationId);
  const [appeal] = await createAppeals(server.pool, targets.supervisor, [
    newFormalAppeal(org.organisation.id, org.departments.d1.id, { conversationId }),
  ]);
  return appeal;
}

describe('issue 12: a desktop cannot write the network-owned fields of a message', () => {
  it.each([
    ['postedInNetwork', { postedInNetwork: true }],
    ['editedAt', { editedAt: Date.now() }],
    ['earlierVersions', { earlierVersions: [{ text: 'Прежний текст', until: Date.now() }] }],
  ])('an answer pushed with %s is refused, and nothing is stored or sent', async (field, extra) => {
    const appeal = await appealWithChat();
    const answer = { ...staffMessage(org.organisation.id, appeal, org.users.operator1.id), ...extra };
    const { body } = await pushRows(
      targets.operator1,
      'messages',
      [{ newDocumentState: { ...answer, _deleted: false } }],
      'refusals=1',
    );
    expect(body.refusals).toEqual([
      expect.objectContaining({ id: answer.id, code: 'sync:refusal.roleMayNotChange', fields: [field] }),
    ]);
    const stored = await server.pool.query('SELECT 1 FROM sync_messages WHERE id = $1', [answer.id]);
    const queued = await server.pool.query('SELECT 1 FROM outbox_messages WHERE message_id = $1', [
      answer.id,
    ]);
    expect([stored.rowCount, queued.rowCount]).toEqual([0, 0]);
  });

  it('the same answer without them is stored and queued', async () => {
    const appeal = await appealWithChat();
    const answer = staffMessage(org.organisation.id, appeal, org.users.operator1.id);
    const { body } = await pushRows(
      targets.operator1,
      'messages',
      [{ newDocumentState: { ...answer, _deleted: false } }],
      'refusals=1',
    );
    expect(body).toEqual({ conflicts: [], refusals: [] });
    const queued = await server.pool.query('SELECT 1 FROM outbox_messages WHERE message_id = $1', [
      answer.id,
    ]);
    expect(queued.rowCount).toBe(1);
  });
});
