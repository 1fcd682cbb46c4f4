/**
 * «Все обращения заявителя» and repeats (issue 11; issue 13, "Repeats and duplicates"):
 * `GET /api/v1/appeals/:id/applicant-appeals` finds the same person on the server by passport
 * (keyed hash), phone, e-mail or social profile and lists only what the caller may see;
 * `POST|DELETE /api/v1/appeals/:id/repeat` marks and unmarks a repeat, audited on the appeal.
 */
import { randomUUID } from 'node:crypto';
import { writeServerDocs } from '../../../server/src/sync/server-writes';
import type { Appeal } from '../../../shared/model';
import { seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import { type Json, pullAll, pushRows, type SyncTarget } from '../sync/client';
import {
  createAppeals,
  editAppeal,
  loginAll,
  masterOf,
  newFormalAppeal,
  type RoleKey,
} from '../sync/fixtures';

const hour = 3_600_000;
let phoneCounter = 0;
/** A phone no other test uses, so the tests do not see one another's applicants. */
const uniquePhone = () =>
  `+7 (916) ${String(1_000_000 + ((phoneCounter++ * 7919 + process.pid) % 8_999_999)).padStart(7, '0')}`;

describe('all appeals of an applicant', () => {
  let server: TestServer;
  let org: TestOrg;
  let as: Record<RoleKey, SyncTarget>;

  beforeAll(async () => {
    server = await startTestServer();
    org = await seedTestOrg(server.pool);
    as = await loginAll(server, org);
  });
  afterAll(async () => {
    await server.close();
  });

  async function appealOf(
    department: 'd1' | 'd2',
    contacts: Partial<Appeal['applicant']['contacts']>,
    overrides: Partial<Appeal> = {},
  ): Promise<Json> {
    const base = newFormalAppeal(org.organisation.id, org.departments[department].id, overrides);
    const appeal = {
      ...base,
      applicant: {
        ...base.applicant,
        contacts: { phone: null, email: null, postalAddress: 'г. Тверь, ул. Советская, д. 1', ...contacts },
      },
    };
    const [stored] = await createAppeals(server.pool, department === 'd1' ? as.operator1 : as.operator2, [
      appeal,
    ]);
    return stored;
  }

  async function history(target: SyncTarget, id: string) {
    const response = await fetch(`${server.url}/api/v1/appeals/${id}/applicant-appeals`, {
      headers: target.headers,
    });
    return { status: response.status, body: (await response.json()) as Json };
  }

  function mark(target: SyncTarget, id: string, previousId: string, method: 'POST' | 'DELETE' = 'POST') {
    return fetch(`${server.url}/api/v1/appeals/${id}/repeat`, {
      method,
      headers: { ...target.headers, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
      ...(method === 'POST' ? { body: JSON.stringify({ previousId }) } : {}),
    });
  }

  it('finds the same person by phone in any notation, and shows an operator only their departments’ appeals', async () => {
    const phone = uniquePhone();
    const digits = phone.replace(/\D/g, '').slice(1);
    const earlier = await appealOf('d1', { phone: `8${digits}` }, { receivedAt: Date.now() - 5 * hour });
    const elsewhere = await appealOf('d2', { phone: `+7${digits}` }, { receivedAt: Date.now() - 4 * hour });
    const latest = await appealOf('d1', { phone }, { receivedAt: Date.now() - hour });
    const stranger = await appealOf('d1', { phone: uniquePhone() });

    const operator = await history(as.operator1, latest.id);
    expect(operator.status).toBe(200);
    expect(operator.body.appeals.map((a: Json) => a.id)).toEqual([earlier.id]);
    expect(operator.body.appeals[0].evidence).toContain('phone');
    expect(JSON.stringify(operator.body)).not.toContain(elsewhere.id);
    expect(JSON.stringify(operator.body)).not.toContain(stranger.id);

    const supervisor = await history(as.supervisor, latest.id);
    expect(supervisor.body.appeals.map((a: Json) => a.id)).toEqual([elsewhere.id, earlier.id]);
  });

  it('another department’s operator gets nothing for an appeal outside their scope', async () => {
    const appeal = await appealOf('d1', { phone: uniquePhone() });
    const answer = await history(as.operator2, appeal.id);
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('forbidden');
    expect((await history(as.operator2, randomUUID())).status).toBe(404);
    expect((await mark(as.operator2, appeal.id, appeal.id)).status).toBe(403);
    expect((await mark(as.operator1, appeal.id, appeal.id)).status).toBe(409);
  });

  it('finds the same person by e-mail and by the social profile of their chat', async () => {
    const email = `citizen-${randomUUID()}@example.ru`;
    const byMail = await appealOf(
      'd1',
      { email: email.toUpperCase() },
      { receivedAt: Date.now() - 3 * hour },
    );
    const conversations = [randomUUID(), randomUUID()];
    await writeServerDocs(
      server.pool,
      'conversations',
      org.organisation.id,
      conversations.map((id, i) => ({
        id,
        orgId: org.organisation.id,
        channel: 'vk',
        peer: { chatId: `chat-${id}`, userId: 'vk-user-424242', communityId: null },
        applicantId: '',
        applicantDisplayName: 'Мария',
        subject: `Чат ${i}`,
        lastMessageAt: Date.now(),
        updatedAt: Date.now(),
        _deleted: false,
      })),
    );
    const inChat = await appealOf(
      'd1',
      {},
      { conversationId: conversations[0]!, receivedAt: Date.now() - 2 * hour },
    );
    const latest = await appealOf(
      'd1',
      { email },
      { conversationId: conversations[1]!, receivedAt: Date.now() - hour },
    );
    const answer = await history(as.head1, latest.id);
    const evidence = Object.fromEntries(answer.body.appeals.map((a: Json) => [a.id, a.evidence]));
    expect(evidence[byMail.id]).toContain('email');
    expect(evidence[inChat.id]).toContain('social');
  });

  it('finds the same person by a passport recorded on two reception appeals (keyed hash, never the number)', async () => {
    const reception = async (receivedAt: number) => {
      const appeal = await appealOf('d1', { phone: uniquePhone() }, { channel: 'reception', receivedAt });
      await server.pool.query(
        `UPDATE sync_appeals SET doc = jsonb_set(doc, '{applicant}', doc->'applicant' ||
           '{"identification":"in-person-document","passportMasked":"46 ** ***321"}') WHERE id = $1`,
        [appeal.id],
      );
      const recorded = await fetch(`${server.url}/api/v1/appeals/${appeal.id}/passport`, {
        method: 'POST',
        headers: { ...as.operator1.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ series: '46 07', number: '654321' }),
      });
      expect(recorded.status).toBe(200);
      return appeal;
    };
    const first = await reception(Date.now() - 3 * hour);
    const second = await reception(Date.now() - hour);
    const answer = await history(as.operator1, second.id);
    const found = answer.body.appeals.find((a: Json) => a.id === first.id);
    expect(found.evidence).toContain('passport');
    expect(JSON.stringify(answer.body)).not.toContain('654321');
  });

  it('suggests an earlier open appeal on the same subject as repeated, names the evidence, and a person marks it', async () => {
    const phone = uniquePhone();
    const earlier = await appealOf(
      'd1',
      { phone },
      { subject: 'Нет горячей воды в доме', category: 'utilities', receivedAt: Date.now() - 3 * hour },
    );
    const unrelated = await appealOf(
      'd1',
      { phone },
      { subject: 'Запись в детский сад', category: 'education', receivedAt: Date.now() - 2 * hour },
    );
    const latest = await appealOf(
      'd1',
      { phone },
      { subject: 'Горячей воды нет третий день', category: 'utilities', receivedAt: Date.now() - hour },
    );
    const suggested = await history(as.operator1, latest.id);
    const byId = Object.fromEntries(suggested.body.appeals.map((a: Json) => [a.id, a]));
    expect(byId[earlier.id]).toMatchObject({ repeatCandidate: true });
    expect(byId[earlier.id].evidence).toEqual(expect.arrayContaining(['phone', 'category', 'subject']));
    expect(byId[unrelated.id]).toMatchObject({ repeatCandidate: false, evidence: ['phone'] });
    expect(suggested.body.repeatOf).toBeNull();

    const marked = await mark(as.operator1, latest.id, earlier.id);
    expect(marked.status).toBe(200);
    expect(((await marked.json()) as Json).repeatOf).toMatchObject({ previousId: earlier.id });
    expect((await mark(as.operator1, latest.id, earlier.id)).status).toBe(409);
    const after = await history(as.operator1, latest.id);
    expect(after.body.repeatOf).toMatchObject({
      previousId: earlier.id,
      evidence: expect.arrayContaining(['phone']),
    });
    expect((await history(as.operator1, earlier.id)).body.repeatedBy).toEqual([latest.id]);

    const entries = await fetch(`${server.url}/api/v1/appeals/${latest.id}/history`, {
      headers: as.operator1.headers,
    });
    const actions = ((await entries.json()) as Json).entries.map((e: Json) => e.action);
    expect(actions).toContain('appeal.repeat_mark');

    const unmarked = await mark(as.operator1, latest.id, earlier.id, 'DELETE');
    expect(unmarked.status).toBe(200);
    expect((await history(as.operator1, latest.id)).body.repeatOf).toBeNull();
  });

  it('the repeat mark replicates as repeatOf through the server writer; a desktop may not push it', async () => {
    const phone = uniquePhone();
    const earlier = await appealOf(
      'd1',
      { phone },
      { subject: 'Яма во дворе', receivedAt: Date.now() - 3 * hour },
    );
    const other = await appealOf(
      'd1',
      { phone },
      { subject: 'Свет в подъезде', receivedAt: Date.now() - 2 * hour },
    );
    const latest = await appealOf('d1', { phone }, { subject: 'Яма во дворе не заделана' });
    const pulled = async (target: SyncTarget) =>
      (await pullAll(target, 'appeals')).find((doc: Json) => doc.id === latest.id);
    expect((await pulled(as.operator1)).repeatOf).toBeNull();
    const seen = await masterOf(server.pool, 'sync_appeals', latest.id);

    expect((await mark(as.operator1, latest.id, earlier.id)).status).toBe(200);
    // Every desktop in scope pulls the mark; the appeal's edit instant (the later-edit rule) stays.
    expect(await pulled(as.operator1)).toMatchObject({ repeatOf: earlier.id, updatedAt: seen.updatedAt });
    expect((await pulled(as.supervisor)).repeatOf).toBe(earlier.id);

    // A desktop that had not pulled the mark yet pushes another field: taken, the mark kept, no refusal.
    const stale = await pushRows(
      as.operator1,
      'appeals',
      [{ newDocumentState: { ...seen, subject: 'Яма во дворе дома 5' }, assumedMasterState: seen }],
      'refusals=1',
    );
    expect(stale.status).toBe(200);
    expect(JSON.stringify(stale.body.refusals ?? [])).not.toContain('repeatOf');
    expect(await masterOf(server.pool, 'sync_appeals', latest.id)).toMatchObject({
      subject: 'Яма во дворе дома 5',
      repeatOf: earlier.id,
    });

    // A desktop may not change it: refused as server-owned, the server's mark stays.
    const pushed = await editAppeal(server.pool, as.operator1, latest.id, { repeatOf: other.id });
    expect(pushed.status).toBe(200);
    expect(pushed.body.refusals).toEqual([
      expect.objectContaining({ code: 'sync:refusal.serverOwned', fields: ['repeatOf'] }),
    ]);
    expect((await masterOf(server.pool, 'sync_appeals', latest.id)).repeatOf).toBe(earlier.id);
    // Nor can a new appeal arrive marked.
    const [created] = await createAppeals(server.pool, as.operator1, [
      { ...newFormalAppeal(org.organisation.id, org.departments.d1.id), repeatOf: earlier.id },
    ]);
    expect(created.repeatOf).toBeNull();

    expect((await mark(as.operator1, latest.id, earlier.id, 'DELETE')).status).toBe(200);
    expect((await pulled(as.operator1)).repeatOf).toBeNull();
  });

  it('warns a reception clerk before saving: the typed phone finds the applicant’s open appeal on the subject, in scope only', async () => {
    const phone = uniquePhone();
    const earlier = await appealOf(
      'd1',
      { phone },
      { subject: 'Не вывозят мусор с площадки', category: 'waste', receivedAt: Date.now() - 3 * hour },
    );
    const elsewhere = await appealOf(
      'd2',
      { phone },
      { subject: 'Мусор', receivedAt: Date.now() - 2 * hour },
    );
    const ask = (target: SyncTarget, body: unknown) =>
      fetch(`${server.url}/api/v1/applicants/appeals`, {
        method: 'POST',
        headers: { ...target.headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const typed = `8${phone.replace(/\D/g, '').slice(1)}`;
    const answer = await ask(as.operator1, {
      phone: typed,
      subject: 'Мусор не вывозят неделю',
      category: 'waste',
    });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as Json;
    expect(body.appeals.map((a: Json) => a.id)).toEqual([earlier.id]);
    expect(body.appeals[0]).toMatchObject({ repeatCandidate: true });
    expect(body.appeals[0].evidence).toEqual(expect.arrayContaining(['phone', 'category']));
    expect(JSON.stringify(body)).not.toContain(elsewhere.id);
    const none = await ask(as.operator1, { subject: 'без контактов' });
    expect(none.status).toBe(400);
    expect(((await none.json()) as Json).error.code).toBe('contacts_required');
  });

  it('refuses to mark as a repeat an appeal of another person, or one outside the caller’s scope', async () => {
    const mine = await appealOf('d1', { phone: uniquePhone() });
    const someoneElse = await appealOf('d1', { phone: uniquePhone() });
    const refused = await mark(as.operator1, mine.id, someoneElse.id);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as Json).error.code).toBe('not_same_applicant');
    const phone = uniquePhone();
    const theirs = await appealOf('d2', { phone }, { receivedAt: Date.now() - 2 * hour });
    const ours = await appealOf('d1', { phone });
    expect((await mark(as.operator1, ours.id, theirs.id)).status).toBe(403);
    const rows = await server.pool.query('SELECT 1 FROM appeal_repeats WHERE appeal_id = ANY($1)', [
      [mine.id, ours.id],
    ]);
    expect(rows.rowCount).toBe(0);
  });
});
