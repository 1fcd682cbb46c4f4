/**
 * Authorisation matrix: every role × own/foreign department × pull, push, stream, reveal and
 * history. Zero foreign documents may ever reach a client (another organisation's user included).
 */
import { savePassport } from '../../../server/src/personal-data';
import { writeServerDocs } from '../../../server/src/sync/server-writes';
import { loginAs, seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import { type Json, openStream, pullAll, pushRows, type SyncTarget } from './client';
import {
  createAppeals,
  editAppeal,
  insertConversation,
  loginAll,
  masterOf,
  newFormalAppeal,
  type RoleKey,
  roleKeys,
  staffMessage,
} from './fixtures';

let server: TestServer;
let org: TestOrg;
let targets: Record<RoleKey, SyncTarget>;
let stranger: SyncTarget;
let appealIn: Record<'d1' | 'd2', Json>;
let messageIn: Record<'d1' | 'd2', string>;

/** Which department's documents each role sees. */
const visible: Record<RoleKey, ('d1' | 'd2')[]> = {
  operator1: ['d1'],
  head1: ['d1'],
  operator2: ['d2'],
  head2: ['d2'],
  supervisor: ['d1', 'd2'],
  admin: ['d1', 'd2'],
};
const ownAndForeign = (role: RoleKey) =>
  (['d1', 'd2'] as const).map((dept) => ({ dept, own: visible[role].includes(dept) }));

beforeAll(async () => {
  server = await startTestServer();
  org = await seedTestOrg(server.pool);
  targets = await loginAll(server, org);
  const otherOrg = await seedTestOrg(server.pool);
  const strangerSession = await loginAs(server, otherOrg.users.supervisor);
  stranger = { url: server.url, headers: strangerSession.headers };
  const orgId = org.organisation.id;
  await insertConversation(server.pool, orgId, 'conv-d1');
  await insertConversation(server.pool, orgId, 'conv-d2');
  const [a1, a2] = await createAppeals(server.pool, targets.supervisor, [
    newFormalAppeal(orgId, org.departments.d1.id, { conversationId: 'conv-d1' }),
    newFormalAppeal(orgId, org.departments.d2.id, { conversationId: 'conv-d2' }),
  ]);
  appealIn = { d1: a1, d2: a2 };
  const m1 = staffMessage(orgId, a1, org.users.supervisor.id);
  const m2 = staffMessage(orgId, a2, org.users.supervisor.id);
  await pushRows(targets.supervisor, 'messages', [{ newDocumentState: m1 }, { newDocumentState: m2 }]);
  messageIn = { d1: m1.id, d2: m2.id };
  for (const dept of ['d1', 'd2'] as const) {
    // Each appeal's applicant has a passport on file (linked server-side, as the passport API does).
    const applicantId = `applicant-${dept}`;
    await savePassport(server.pool, server.config, { orgId, applicantId, series: '4503', number: '123456' });
    await server.pool.query(
      `UPDATE sync_appeals SET doc = jsonb_set(doc, '{applicant,applicantId}', to_jsonb($2::text)) WHERE id = $1`,
      [appealIn[dept].id, applicantId],
    );
    appealIn[dept] = { ...appealIn[dept], applicant: { ...appealIn[dept].applicant, applicantId } };
  }
});
afterAll(async () => {
  await server?.close();
});

describe.each(roleKeys)('%s', (role) => {
  it('pulls exactly the appeals, messages and conversations of its scope', async () => {
    const ids = (docs: Json[]) => docs.map((d) => d.id).sort();
    const appeals = await pullAll(targets[role], 'appeals');
    expect(ids(appeals)).toEqual(visible[role].map((d) => appealIn[d].id).sort());
    const messages = await pullAll(targets[role], 'messages');
    expect(ids(messages)).toEqual(visible[role].map((d) => messageIn[d]).sort());
    const conversations = await pullAll(targets[role], 'conversations');
    expect(ids(conversations)).toEqual(visible[role].map((d) => `conv-${d}`).sort());
  });

  it('sees the whole organisation in departments and users, nothing of another organisation', async () => {
    const departments = await pullAll(targets[role], 'departments');
    expect(departments.map((d) => d.id).sort()).toEqual(
      [org.departments.d1.id, org.departments.d2.id].sort(),
    );
    const users = await pullAll(targets[role], 'users');
    expect(users).toHaveLength(6);
    expect(users.every((u) => u.orgId === org.organisation.id && !('passwordHash' in u))).toBe(true);
  });

  it.each(ownAndForeign(role))(
    'pushes to the $dept appeal only when it is its own ($own)',
    async ({ dept, own }) => {
      const id = appealIn[dept].id;
      const subject = `${role} edits ${dept} ${Date.now()}`;
      const { status, body, master } = await editAppeal(server.pool, targets[role], id, { subject });
      expect(status).toBe(200);
      const after = await masterOf(server.pool, 'sync_appeals', id);
      if (own) {
        expect(body.conflicts).toEqual([]);
        expect(after.subject).toBe(subject);
      } else {
        // The answer is a tombstone of what the client sent as its last known state, never the real document.
        expect(body.conflicts).toEqual([{ ...master, _deleted: true }]);
        expect(body.refusals).toEqual([{ id, code: 'sync:refusal.outOfScope' }]);
        expect(after).toEqual(master);
      }
    },
  );

  it.each(ownAndForeign(role))(
    'reads the history of the $dept appeal only when it is its own ($own)',
    async ({ dept, own }) => {
      const response = await fetch(`${server.url}/api/v1/appeals/${appealIn[dept].id}/history`, {
        headers: targets[role].headers,
      });
      expect(response.status).toBe(own ? 200 : 403);
      if (own) {
        const body = (await response.json()) as Json;
        expect(body.entries[0]).toMatchObject({ action: 'appeal.create', entity: 'appeal' });
      }
    },
  );

  it.each(ownAndForeign(role))(
    'reveals the passport of the $dept applicant when role and scope allow',
    async ({ dept, own }) => {
      const applicantId = appealIn[dept].applicant.applicantId;
      const response = await fetch(`${server.url}/api/v1/applicants/${applicantId}/passport/reveal`, {
        method: 'POST',
        headers: { ...targets[role].headers, 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'проверка' }),
      });
      const mayReveal = role !== 'operator1' && role !== 'operator2';
      expect(response.status).toBe(!mayReveal ? 403 : own ? 200 : 404);
    },
  );
});

describe('documents the server writes', () => {
  it('reach only the departments of the conversation’s appeals', async () => {
    const inbound = {
      ...staffMessage(org.organisation.id, { id: '', conversationId: 'conv-d1' }, org.users.supervisor.id),
      direction: 'in',
      author: { kind: 'applicant', userId: null, displayName: 'Мария' },
      replyVia: null,
      deliveryStatus: 'delivered',
    };
    await writeServerDocs(server.pool, 'messages', org.organisation.id, [inbound]);
    const seen = async (role: RoleKey) =>
      (await pullAll(targets[role], 'messages')).some((m) => m.id === inbound.id);
    expect(await seen('operator1')).toBe(true);
    expect(await seen('supervisor')).toBe(true);
    expect(await seen('operator2')).toBe(false);
    expect(await seen('head2')).toBe(false);
  });
});

describe('streams', () => {
  it('deliver each role the changes of its scope and nothing else', async () => {
    const received = new Map<RoleKey, Set<string>>(roleKeys.map((r) => [r, new Set()]));
    const strangerSeen = new Set<string>();
    const collect = (into: Set<string>) => (data: unknown) => {
      if (data !== 'RESYNC') for (const doc of (data as Json).documents) into.add(doc.id);
    };
    const streams = roleKeys.map((role) =>
      openStream(
        `${server.url}/api/v1/sync/appeals/stream`,
        targets[role].headers,
        collect(received.get(role)!),
      ),
    );
    streams.push(
      openStream(`${server.url}/api/v1/sync/appeals/stream`, stranger.headers, collect(strangerSeen)),
    );
    await Promise.all(streams.map((s) => s.opened));
    await editAppeal(server.pool, targets.supervisor, appealIn.d1.id, { text: 'Уточнение по d1' });
    await editAppeal(server.pool, targets.supervisor, appealIn.d2.id, { text: 'Уточнение по d2' });
    await vi.waitFor(
      () => {
        for (const role of roleKeys) expect(received.get(role)!.size).toBe(visible[role].length);
      },
      { timeout: 3000, interval: 50 },
    );
    for (const role of roleKeys) {
      expect([...received.get(role)!].sort()).toEqual(visible[role].map((d) => appealIn[d].id).sort());
    }
    expect(strangerSeen.size).toBe(0);
    for (const s of streams) s.close();
  });

  it('refuse a request without a valid token', async () => {
    const response = await fetch(`${server.url}/api/v1/sync/appeals/stream`);
    expect(response.status).toBe(401);
  });
});

describe('another organisation', () => {
  it('pulls nothing of this organisation', async () => {
    for (const collection of ['appeals', 'messages', 'conversations', 'departments', 'users']) {
      const docs = await pullAll(stranger, collection);
      expect(docs.every((d) => d.orgId !== org.organisation.id)).toBe(true);
    }
  });

  it('cannot push into this organisation: it gets back only a tombstone of what it sent', async () => {
    const master = appealIn.d1;
    const sent = { ...master, subject: 'чужой' };
    const { body } = await pushRows(stranger, 'appeals', [
      { newDocumentState: sent, assumedMasterState: master },
    ]);
    expect(body).toEqual([{ ...master, _deleted: true }]);
    const ours = await server.pool.query('SELECT doc FROM sync_appeals WHERE org_id = $1 AND id = $2', [
      org.organisation.id,
      master.id,
    ]);
    expect(ours.rows[0].doc.subject).not.toBe('чужой');
  });
});
