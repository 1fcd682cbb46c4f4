/**
 * Regression tests for the security findings of issue 8 (sync, passports, streams), found by
 * attacking a running server with demo data: department d1 plays «Дороги и транспорт» (A), d2
 * «Социальная защита» (B). Each test is named after its finding.
 */
import { randomUUID } from 'node:crypto';
import { createUser } from '../../../server/src/accounts/users';
import { writeServerDocs } from '../../../server/src/sync/server-writes';
import { schemaValidator } from '../../../server/src/sync/validation';
import { appealSchema } from '../../../shared/schemas/appeals';
import { conversationSchema, messageSchema } from '../../../shared/schemas/messages';
import {
  loginAs,
  seedTestOrg,
  startTestServer,
  type TestOrg,
  type TestServer,
  testPassword,
} from '../setup/db';
import { type Json, openStream, pullAll, pullOnce, pushRows, type SyncTarget } from './client';
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

let server: TestServer;
let org: TestOrg;
let as: Record<RoleKey, SyncTarget>;
const orgId = () => org.organisation.id;

beforeAll(async () => {
  server = await startTestServer({ log: { level: 'error' } });
  org = await seedTestOrg(server.pool);
  as = await loginAll(server, org);
});
afterAll(async () => {
  await server?.close();
});

/** A conversation with one inbound citizen message, and a formal appeal of `dept` born from it. */
async function appealFromChat(
  dept: 'd1' | 'd2',
): Promise<{ appeal: Json; conversationId: string; inboundId: string }> {
  const conversationId = `conv-${randomUUID().slice(0, 8)}`;
  await insertConversation(server.pool, orgId(), conversationId);
  const [appeal] = await createAppeals(server.pool, as.supervisor, [
    newFormalAppeal(orgId(), org.departments[dept].id, { conversationId }),
  ]);
  const inboundId = randomUUID();
  await writeServerDocs(server.pool, 'messages', orgId(), [
    {
      ...staffMessage(orgId(), { id: appeal.id, conversationId }, org.users.supervisor.id),
      id: inboundId,
      direction: 'in',
      author: { kind: 'applicant', userId: null, displayName: 'Мария Иванова' },
      text: 'Секретное сообщение гражданина',
      replyVia: null,
      deliveryStatus: 'delivered',
    },
  ]);
  return { appeal, conversationId, inboundId };
}

const ids = (docs: Json[]) => docs.map((d) => d.id);

describe('finding 1: department scope bypass through conversationId', () => {
  it('finding 1: an operator of B creating an appeal with the conversationId of an A conversation gets neither the conversation, its messages nor a channel to the A citizen', async () => {
    const a = await appealFromChat('d1');
    const forged = newFormalAppeal(orgId(), org.departments.d2.id, { conversationId: a.conversationId });
    const { status, body } = await pushRows(
      as.operator2,
      'appeals',
      [{ newDocumentState: { ...forged, _deleted: false } }],
      'refusals=1',
    );
    expect(status).toBe(200);
    expect(body.refusals).toEqual([
      expect.objectContaining({
        id: forged.id,
        code: 'sync:refusal.serverOwned',
        fields: expect.arrayContaining(['conversationId']),
      }),
    ]);
    const stored = await masterOf(server.pool, 'sync_appeals', forged.id);
    expect(stored.conversationId).toBe('');
    expect(body.conflicts).toEqual([stored]);

    expect(ids(await pullAll(as.operator2, 'conversations'))).not.toContain(a.conversationId);
    expect(ids(await pullAll(as.operator2, 'messages'))).not.toContain(a.inboundId);

    const answer = {
      ...staffMessage(orgId(), { id: forged.id, conversationId: a.conversationId }, org.users.operator2.id),
    };
    const pushed = await pushRows(as.operator2, 'messages', [{ newDocumentState: answer }], 'refusals=1');
    expect(pushed.body.refusals).toEqual([expect.objectContaining({ code: 'sync:refusal.replyViaChannel' })]);
    expect(await masterOf(server.pool, 'sync_messages', answer.id)).toBeNull();
  });

  it('finding 1: an operator of B editing its own appeal cannot link it to an A conversation', async () => {
    const a = await appealFromChat('d1');
    const [own] = await createAppeals(server.pool, as.operator2, [
      newFormalAppeal(orgId(), org.departments.d2.id),
    ]);
    const { body } = await editAppeal(server.pool, as.operator2, own.id, {
      conversationId: a.conversationId,
    });
    expect(body.refusals).toEqual([
      expect.objectContaining({ code: 'sync:refusal.serverOwned', fields: ['conversationId'] }),
    ]);
    expect((await masterOf(server.pool, 'sync_appeals', own.id)).conversationId).toBe('');
    expect(ids(await pullAll(as.operator2, 'conversations'))).not.toContain(a.conversationId);
  });

  it('finding 1: a supervisor cannot relink an appeal to another conversation either', async () => {
    const a = await appealFromChat('d1');
    const b = await appealFromChat('d2');
    const { body } = await editAppeal(server.pool, as.supervisor, b.appeal.id, {
      conversationId: a.conversationId,
    });
    expect(body.refusals).toEqual([
      expect.objectContaining({ code: 'sync:refusal.serverOwned', fields: ['conversationId'] }),
    ]);
    expect((await masterOf(server.pool, 'sync_appeals', b.appeal.id)).conversationId).toBe(b.conversationId);
  });

  it('finding 1: the scope-exit tombstones B receives carry no content, applicant or conversation link', async () => {
    const b = await appealFromChat('d2');
    const start = async (collection: string) => (await pullOnce(as.operator2, collection, null, 1000)).body;
    const before = {
      appeals: await start('appeals'),
      conversations: await start('conversations'),
      messages: await start('messages'),
    };
    expect(ids(before.conversations.documents)).toContain(b.conversationId);
    await editAppeal(server.pool, as.supervisor, b.appeal.id, { departmentId: org.departments.d1.id });

    const exitOf = async (collection: keyof typeof before, id: string) => {
      const { body } = await pullOnce(as.operator2, collection, before[collection].checkpoint, 1000);
      const doc = body.documents.find((d: Json) => d.id === id);
      expect(doc?._deleted).toBe(true);
      return doc;
    };
    const appeal = await exitOf('appeals', b.appeal.id);
    const conversation = await exitOf('conversations', b.conversationId);
    const message = await exitOf('messages', b.inboundId);

    // Still what RxDB's validator accepts, or the stale copy would stay forever (ARCHITECTURE.md).
    expect(schemaValidator(appealSchema)(appeal)).toBeNull();
    expect(schemaValidator(conversationSchema)(conversation)).toBeNull();
    expect(schemaValidator(messageSchema)(message)).toBeNull();

    expect(appeal).toMatchObject({ conversationId: '', text: '', subject: '', attachments: [] });
    expect(appeal.applicant).toMatchObject({
      applicantId: null,
      passportMasked: null,
      contacts: { phone: null },
    });
    expect(conversation).toMatchObject({ peer: { chatId: '' }, applicantDisplayName: '', subject: '' });
    expect(message).toMatchObject({ text: '', conversationId: '', author: { displayName: '' } });
    const leaked = JSON.stringify([appeal, conversation, message]);
    for (const secret of ['Иванова', 'горячей воды', '+79161234567', 'Секретное', 'chat-']) {
      expect(leaked).not.toContain(secret);
    }
    // The conversation's own tombstone names it; nothing else links to it any more.
    expect(JSON.stringify([appeal, message])).not.toContain(b.conversationId);
  });
});

describe('finding 4: refused passport reveals', () => {
  const reveal = (target: SyncTarget, applicantId: string) =>
    fetch(`${server.url}/api/v1/applicants/${applicantId}/passport/reveal`, {
      method: 'POST',
      headers: target.headers,
    });
  const deniedRows = async (applicantId: string, actor: string) =>
    (
      await server.pool.query(
        `SELECT details FROM audit_log WHERE entity = 'applicant' AND entity_id = $1
            AND actor_user_id = $2 AND action = 'passport.reveal_denied'`,
        [applicantId, actor],
      )
    ).rows;

  it('finding 4: a refused passport reveal answered 404 is audited (another department’s applicant, an unknown id)', async () => {
    const a = await receptionAppealWithPassport('d1', { series: '4601', number: '246810' });
    const foreign = await reveal(as.head2, a.applicantId);
    expect(foreign.status).toBe(404);
    expect(await deniedRows(a.applicantId, org.users.head2.id)).toEqual([
      { details: { role: 'head', reason: 'not_visible' } },
    ]);

    const unknown = `nobody-${randomUUID().slice(0, 8)}`;
    expect((await reveal(as.supervisor, unknown)).status).toBe(404);
    expect(await deniedRows(unknown, org.users.supervisor.id)).toEqual([
      { details: { role: 'supervisor', reason: 'not_found' } },
    ]);
  });
});

/** A reception appeal of `dept` with `passport` recorded through the passport API. */
async function receptionAppealWithPassport(
  dept: 'd1' | 'd2',
  passport: { series: string; number: string },
): Promise<{ appealId: string; applicantId: string; knownApplicant: boolean }> {
  const appeal = newFormalAppeal(orgId(), org.departments[dept].id, { channel: 'reception' });
  appeal.applicant = {
    ...appeal.applicant,
    identification: 'in-person-document',
    passportMasked: `${passport.series.slice(0, 2)} ** ***${passport.number.slice(3)}`,
  };
  const target = dept === 'd1' ? as.operator1 : as.operator2;
  await createAppeals(server.pool, target, [appeal]);
  const response = await fetch(`${server.url}/api/v1/appeals/${appeal.id}/passport`, {
    method: 'POST',
    headers: { ...target.headers, 'content-type': 'application/json' },
    body: JSON.stringify(passport),
  });
  expect(response.status).toBe(200);
  const { applicantId } = (await response.json()) as { applicantId: string };
  const audit = await server.pool.query(
    `SELECT details FROM audit_log WHERE entity_id = $1 AND action = 'passport.record'`,
    [appeal.id],
  );
  return { appealId: appeal.id, applicantId, knownApplicant: audit.rows[0].details.knownApplicant };
}

describe('finding 5: existence oracle across departments', () => {
  it('finding 5: recording a passport on an appeal of B does not disclose A’s applicant with the same passport, and B’s head cannot reveal A’s applicant', async () => {
    const passport = { series: '4602', number: '135791' };
    const a = await receptionAppealWithPassport('d1', passport);
    const b = await receptionAppealWithPassport('d2', passport);
    expect(b.applicantId).not.toBe(a.applicantId);
    expect(b.knownApplicant).toBe(false);
    expect((await masterOf(server.pool, 'sync_appeals', b.appealId)).applicant.applicantId).toBe(
      b.applicantId,
    );

    const revealAs = (target: SyncTarget, applicantId: string) =>
      fetch(`${server.url}/api/v1/applicants/${applicantId}/passport/reveal`, {
        method: 'POST',
        headers: target.headers,
      });
    expect((await revealAs(as.head2, a.applicantId)).status).toBe(404);
    expect((await revealAs(as.head2, b.applicantId)).status).toBe(200);
    expect((await revealAs(as.head1, a.applicantId)).status).toBe(200);
  });

  it('finding 5: within the caller’s own scope the applicant on file is still linked', async () => {
    const passport = { series: '4603', number: '975310' };
    const first = await receptionAppealWithPassport('d1', passport);
    const second = await receptionAppealWithPassport('d1', passport);
    expect(second.applicantId).toBe(first.applicantId);
    expect(second.knownApplicant).toBe(true);
  });
});

describe('finding 6: a live replication stream after logout or disabling', () => {
  /** Resolves true when `stream` ends within `ms`. */
  const endsWithin = (stream: { ended: Promise<void> }, ms: number) =>
    Promise.race([
      stream.ended.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
    ]);

  async function watchedStream(target: SyncTarget) {
    const documents: string[] = [];
    let resyncs = 0;
    const stream = openStream(`${server.url}/api/v1/sync/appeals/stream`, target.headers, (data) => {
      if (data === 'RESYNC') resyncs += 1;
      else documents.push(...(data as Json).documents.map((d: Json) => d.id));
    });
    await stream.opened;
    await vi.waitFor(() => expect(resyncs).toBeGreaterThan(0));
    return { stream, documents };
  }

  it('finding 6: logging out ends the session’s streams; nothing is delivered afterwards', async () => {
    const [appeal] = await createAppeals(server.pool, as.supervisor, [
      newFormalAppeal(orgId(), org.departments.d1.id),
    ]);
    const session = await loginAs(server, org.users.operator1);
    const { stream, documents } = await watchedStream({ url: server.url, headers: session.headers });
    const logout = await fetch(`${server.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: session.headers,
    });
    expect(logout.status).toBe(204);
    const ended = await endsWithin(stream, 3000);
    await editAppeal(server.pool, as.supervisor, appeal.id, { subject: 'После выхода' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    stream.close();
    expect(ended).toBe(true);
    expect(documents).not.toContain(appeal.id);
  });

  it('finding 6: disabling a user ends their streams; nothing is delivered afterwards', async () => {
    const [appeal] = await createAppeals(server.pool, as.supervisor, [
      newFormalAppeal(orgId(), org.departments.d1.id),
    ]);
    const login = `leaver-${randomUUID().slice(0, 8)}`;
    const { user } = await createUser(server.pool, {
      orgId: orgId(),
      login,
      displayName: 'Уволенный исполнитель',
      role: 'operator',
      departments: [org.departments.d1.id],
      password: testPassword,
    });
    const session = await loginAs(server, { login, password: testPassword });
    const { stream, documents } = await watchedStream({ url: server.url, headers: session.headers });
    await server.pool.query('UPDATE users SET disabled = true WHERE id = $1', [user.id]);
    const ended = await endsWithin(stream, 3000);
    await editAppeal(server.pool, as.supervisor, appeal.id, { subject: 'После отключения' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    stream.close();
    expect(ended).toBe(true);
    expect(documents).not.toContain(appeal.id);
  });
});

describe('finding 7: updatedAt is the server’s', () => {
  const year2100 = Date.UTC(2100, 0, 1);

  it('finding 7: a push dated 2100 is stored with the server’s clock and does not win the later-edit rule', async () => {
    const [assumed] = await createAppeals(server.pool, as.supervisor, [
      newFormalAppeal(orgId(), org.departments.d1.id),
    ]);
    const before = Date.now();
    const forged = await editAppeal(server.pool, as.operator1, assumed.id, {
      assigneeId: org.users.operator1.id,
      status: 'in_progress',
      updatedAt: year2100,
    });
    expect(forged.body.refusals).toEqual([]);
    const stored = await masterOf(server.pool, 'sync_appeals', assumed.id);
    expect(stored.assigneeId).toBe(org.users.operator1.id);
    expect(stored.updatedAt).toBeGreaterThanOrEqual(before);
    expect(stored.updatedAt).toBeLessThanOrEqual(Date.now());

    // The head, offline since `assumed`, assigns it to herself afterwards: the later edit wins.
    await pushRows(
      as.head1,
      'appeals',
      [
        {
          newDocumentState: { ...assumed, assigneeId: org.users.head1.id, updatedAt: Date.now() },
          assumedMasterState: assumed,
        },
      ],
      'refusals=1',
    );
    expect((await masterOf(server.pool, 'sync_appeals', assumed.id)).assigneeId).toBe(org.users.head1.id);
  });

  it('finding 7: fully refused pushes that differ only in updatedAt write no sequence number and no audit row', async () => {
    const [appeal] = await createAppeals(server.pool, as.supervisor, [
      newFormalAppeal(orgId(), org.departments.d1.id),
    ]);
    const trace = async () => {
      const seq = await server.pool.query('SELECT seq FROM sync_appeals WHERE id = $1', [appeal.id]);
      const audit = await server.pool.query('SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1', [
        appeal.id,
      ]);
      return { seq: seq.rows[0].seq, audit: audit.rows[0].n };
    };
    const start = await trace();
    const refused = await editAppeal(server.pool, as.operator1, appeal.id, {
      registrationNumber: 'ОГ-2000-000001',
      updatedAt: year2100,
    });
    expect(refused.body.refusals).toEqual([expect.objectContaining({ code: 'sync:refusal.serverOwned' })]);
    expect(refused.body.conflicts).toEqual([appeal]);
    const onlyTime = await editAppeal(server.pool, as.operator1, appeal.id, { updatedAt: Date.now() + 5000 });
    expect(onlyTime.body).toEqual({ conflicts: [appeal], refusals: [] });
    const illegal = await editAppeal(server.pool, as.operator1, appeal.id, {
      status: 'closed',
      updatedAt: Date.now(),
    });
    expect(illegal.body.refusals).toEqual([
      expect.objectContaining({ code: 'sync:refusal.statusTransition' }),
    ]);
    expect(await trace()).toEqual(start);
    expect(await masterOf(server.pool, 'sync_appeals', appeal.id)).toEqual(appeal);
  });
});
