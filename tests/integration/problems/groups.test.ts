/**
 * Several citizens, one problem (issue 13): candidates with their evidence, scope (another
 * organisation's appeals and the same applicant's appeals are never candidates), grouping and
 * ungrouping by a person, audited on each appeal and replicated as `problemId`.
 */
import { randomUUID } from 'node:crypto';
import type { Appeal } from '../../../shared/model/appeal';
import type { Json } from '../channels/support';
import { loginAs, seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import type { SyncTarget } from '../sync/client';
import {
  createAppeals,
  editAppeal,
  insertConversation,
  loginAll,
  masterOf,
  newFormalAppeal,
  type RoleKey,
} from '../sync/fixtures';

let server: TestServer;
let org: TestOrg;
let other: TestOrg;
let as: Record<RoleKey, SyncTarget>;
let otherSupervisor: SyncTarget;

beforeAll(async () => {
  server = await startTestServer();
  org = await seedTestOrg(server.pool);
  other = await seedTestOrg(server.pool);
  as = await loginAll(server, org);
  otherSupervisor = { url: server.url, headers: (await loginAs(server, other.users.supervisor)).headers };
});
afterAll(async () => {
  await server?.close();
});

let phoneSeq = 1000;

/** An incident of a citizen of its own (own chat, own phone) about `text`. */
async function citizenWrites(
  text: string,
  options: {
    orgOf?: TestOrg;
    as?: SyncTarget;
    department?: 'd1' | 'd2';
    receivedAt?: number;
    phone?: string;
  } = {},
): Promise<Json> {
  const owner = options.orgOf ?? org;
  const conversationId = randomUUID();
  await insertConversation(server.pool, owner.organisation.id, conversationId);
  const base = newFormalAppeal(owner.organisation.id, owner.departments[options.department ?? 'd1'].id);
  const receivedAt = options.receivedAt ?? Date.now() - 60_000;
  const appeal: Appeal = {
    ...base,
    regime: 'incident',
    channel: 'vk',
    status: 'new',
    subject: text.slice(0, 60),
    text,
    category: 'housing',
    subcategory: null,
    conversationId,
    receivedAt,
    updatedAt: receivedAt,
    applicant: {
      ...base.applicant,
      identification: 'none',
      passportMasked: null,
      contacts: {
        phone: options.phone ?? `+7916555${String(phoneSeq++).padStart(4, '0')}`,
        email: null,
        postalAddress: null,
      },
    },
  };
  const [stored] = await createAppeals(server.pool, options.as ?? as.supervisor, [appeal]);
  return stored;
}

async function api(target: SyncTarget, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...target.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

const candidatesOf = async (target: SyncTarget, id: string) =>
  (await api(target, 'GET', `/api/v1/appeals/${id}/problem-candidates`)).body;

it('names another citizen’s appeal about the same address as a candidate, with its evidence', async () => {
  const first = await citizenWrites('На Ленина 5 третий день нет горячей воды в подъезде');
  const second = await citizenWrites('ул. Ленина, д. 5 — нет горячей воды уже три дня, дети моются холодной');
  const unrelated = await citizenWrites('ул. Мира, д. 12 — не вывозят мусор с площадки');
  const body = await candidatesOf(as.operator1, second.id);
  expect(body.problem).toBeNull();
  const ids = body.candidates.map((c: Json) => c.id);
  expect(ids).toContain(first.id);
  expect(ids).not.toContain(unrelated.id);
  const evidence = body.candidates.find((c: Json) => c.id === first.id).evidence;
  expect(evidence).toContainEqual({ kind: 'place', match: 'house', place: 'ул. Ленина, 5' });
  expect(evidence).toContainEqual({ kind: 'category', category: 'housing' });
  expect(evidence).toContainEqual({ kind: 'days', days: 0 });
  const similar = evidence.find((e: Json) => e.kind === 'text');
  expect(similar.similarity).toBeGreaterThanOrEqual(0.3);
});

it('never names another organisation’s appeal, the same applicant’s appeal or one out of the window', async () => {
  const text = 'на Гагарина 14 не горят фонари во дворе, темно';
  const mine = await citizenWrites(text, { phone: '+79160001122' });
  const sameCitizen = await citizenWrites('Гагарина, 14: фонари во дворе так и не горят', {
    phone: '+79160001122',
  });
  const elsewhere = await citizenWrites(text, { orgOf: other, as: otherSupervisor });
  const old = await citizenWrites(text, { receivedAt: Date.now() - 9 * 86_400_000 });
  const neighbour = await citizenWrites('Гагарина, 14 — фонари не горят, во дворе темно');
  const ids = (await candidatesOf(as.supervisor, mine.id)).candidates.map((c: Json) => c.id);
  expect(ids).toContain(neighbour.id);
  expect(ids).not.toContain(sameCitizen.id);
  expect(ids).not.toContain(elsewhere.id);
  expect(ids).not.toContain(old.id);
  // And the other organisation, asking about its own appeal, sees none of ours; ours is 404 to it.
  const theirs = (await candidatesOf(otherSupervisor, elsewhere.id)).candidates.map((c: Json) => c.id);
  expect(theirs).not.toContain(mine.id);
  expect((await api(otherSupervisor, 'GET', `/api/v1/appeals/${mine.id}/problem-candidates`)).status).toBe(
    404,
  );
});

it('lists only candidates inside an operator’s departments', async () => {
  const inD2 = await citizenWrites('на Садовой 9 прорвало трубу, течет по улице', { department: 'd2' });
  const inD1 = await citizenWrites('ул. Садовая, 9 — прорыв трубы, вода течет по улице');
  const ids = (await candidatesOf(as.operator1, inD1.id)).candidates.map((c: Json) => c.id);
  expect(ids).not.toContain(inD2.id);
  const wide = (await candidatesOf(as.supervisor, inD1.id)).candidates.map((c: Json) => c.id);
  expect(wide).toContain(inD2.id);
});

it('groups appeals only when a person asks, audits each and replicates problemId; ungrouping takes it back', async () => {
  const a = await citizenWrites('на Пирогова 3 яма на дороге, машины бьют колеса');
  const b = await citizenWrites('ул. Пирогова, 3 — огромная яма на проезжей части');
  const c = await citizenWrites('Пирогова, 3: яма на дороге у дома, опасно');
  expect((await masterOf(server.pool, 'sync_appeals', a.id)).problemId ?? null).toBeNull();

  const grouped = await api(as.operator1, 'POST', '/api/v1/problems', { appealIds: [a.id, b.id] });
  expect(grouped.status).toBe(200);
  const problemId = grouped.body.problem.id;
  expect(grouped.body.problem).toMatchObject({ count: 2 });
  expect(grouped.body.problem.members.map((m: Json) => m.id).sort()).toEqual([a.id, b.id].sort());
  const before = await masterOf(server.pool, 'sync_appeals', a.id);
  expect(before.problemId).toBe(problemId);
  // A desktop cannot take an appeal out of its group by pushing problemId: the field is the server's.
  const pushed = await editAppeal(server.pool, as.operator1, a.id, {
    problemId: null,
    updatedAt: Date.now(),
  });
  expect(pushed.status).toBe(200);
  expect((await masterOf(server.pool, 'sync_appeals', a.id)).problemId).toBe(problemId);

  // A third appeal joins the same group.
  const joined = await api(as.operator1, 'POST', '/api/v1/problems', { appealIds: [c.id, a.id] });
  expect(joined.body.problem).toMatchObject({ id: problemId, count: 3 });
  // The grouped appeal's candidates no longer list its group's members; its group is shown.
  const view = await candidatesOf(as.operator1, a.id);
  expect(view.problem).toMatchObject({ id: problemId, count: 3 });
  expect(view.candidates.map((x: Json) => x.id)).not.toContain(b.id);

  const audit = await server.pool.query(
    `SELECT entity_id, actor_user_id, fields FROM audit_log WHERE action = 'problem.member_add' AND entity_id = ANY($1)`,
    [[a.id, b.id, c.id]],
  );
  expect(audit.rows).toHaveLength(3);
  expect(audit.rows[0]).toMatchObject({
    actor_user_id: org.users.operator1.id,
    fields: { problemId: { old: null, new: problemId } },
  });

  // What a desktop pulls carries the group.
  const pulled = await fetch(`${server.url}/api/v1/sync/appeals/pull?limit=1000`, {
    headers: as.operator1.headers,
  });
  const docs = ((await pulled.json()) as { documents: Json[] }).documents;
  expect(docs.find((d) => d.id === b.id)?.problemId).toBe(problemId);

  expect((await api(as.operator1, 'DELETE', `/api/v1/problems/${problemId}/members/${c.id}`)).status).toBe(
    200,
  );
  expect((await masterOf(server.pool, 'sync_appeals', c.id)).problemId).toBeNull();
  // Two left; taking one more out dissolves the group.
  await api(as.operator1, 'DELETE', `/api/v1/problems/${problemId}/members/${b.id}`);
  expect((await masterOf(server.pool, 'sync_appeals', a.id)).problemId).toBeNull();
  expect((await api(as.operator1, 'GET', `/api/v1/problems/${problemId}`)).status).toBe(404);
  const removed = await server.pool.query(
    `SELECT entity_id, fields FROM audit_log WHERE action = 'problem.member_remove' AND entity_id = ANY($1)`,
    [[a.id, b.id, c.id]],
  );
  expect(removed.rows).toHaveLength(3);
});

it('refuses a group of one, foreign or out-of-scope appeals and appeals of two groups, changing nothing', async () => {
  const a = await citizenWrites('на Толстого 7 не работает лифт');
  const b = await citizenWrites('Толстого, 7 — лифт стоит неделю');
  const inD2 = await citizenWrites('Толстого, 7: лифт не работает', { department: 'd2' });
  const foreign = await citizenWrites('Толстого, 7 лифт', { orgOf: other, as: otherSupervisor });
  expect((await api(as.operator1, 'POST', '/api/v1/problems', { appealIds: [a.id] })).status).toBe(400);
  expect(
    (await api(as.operator1, 'POST', '/api/v1/problems', { appealIds: [a.id, a.id] })).body.error.code,
  ).toBe('too_few_appeals');
  expect(
    (await api(as.operator1, 'POST', '/api/v1/problems', { appealIds: [a.id, foreign.id] })).status,
  ).toBe(404);
  expect((await api(as.operator1, 'POST', '/api/v1/problems', { appealIds: [a.id, inD2.id] })).status).toBe(
    403,
  );
  expect((await masterOf(server.pool, 'sync_appeals', a.id)).problemId ?? null).toBeNull();

  const first = await api(as.supervisor, 'POST', '/api/v1/problems', { appealIds: [a.id, b.id] });
  const c = await citizenWrites('Толстого 7 лифт сломан');
  const d = await citizenWrites('на Толстого 7 лифт опять сломан');
  await api(as.supervisor, 'POST', '/api/v1/problems', { appealIds: [c.id, d.id] });
  const clash = await api(as.supervisor, 'POST', '/api/v1/problems', { appealIds: [a.id, c.id] });
  expect(clash.status).toBe(409);
  expect(clash.body.error.code).toBe('different_problems');
  expect((await masterOf(server.pool, 'sync_appeals', c.id)).problemId).not.toBe(first.body.problem.id);
});

it('an executor’s answer to all waits for the head’s approval where the organisation wants it, and nothing is sent', async () => {
  const a = await citizenWrites('на Чехова 11 не работает уличное освещение');
  const b = await citizenWrites('ул. Чехова, 11 — темно, фонари не горят');
  await server.pool.query(
    `INSERT INTO quality_approval_rules (org_id, department_id, regime) VALUES ($1, $2, 'incident')`,
    [org.organisation.id, org.departments.d1.id],
  );
  try {
    const grouped = await api(as.operator1, 'POST', '/api/v1/problems', { appealIds: [a.id, b.id] });
    const answered = await api(as.operator1, 'POST', `/api/v1/problems/${grouped.body.problem.id}/answer`, {
      text: 'Освещение на Чехова, 11 восстановят завтра.',
    });
    expect(answered.status).toBe(200);
    const messages = await server.pool.query(
      `SELECT id, doc FROM sync_messages WHERE appeal_id = ANY($1) AND doc->'author'->>'kind' = 'staff'`,
      [[a.id, b.id]],
    );
    expect(messages.rows).toHaveLength(2);
    for (const row of messages.rows)
      expect(row.doc).toMatchObject({
        deliveryStatus: 'pending',
        deliveryError: 'quality:approval.awaiting',
      });
    const outbox = await server.pool.query('SELECT 1 FROM outbox_messages WHERE message_id = ANY($1)', [
      messages.rows.map((row) => row.id),
    ]);
    expect(outbox.rowCount).toBe(0);
  } finally {
    await server.pool.query('DELETE FROM quality_approval_rules WHERE org_id = $1', [org.organisation.id]);
  }
});
