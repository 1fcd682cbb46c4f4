/**
 * The demo organisation opens on a working inbox: appeals of every regime across channels and
 * departments, registered and with deadlines from the server, and scoped like any other appeal.
 */
import { demoPassword, seedDemo } from '../../../server/src/accounts/seed-demo';
import { checkAnswerTemplate } from '../../../shared/domain/answer-templates';
import { startTestServer, type TestServer } from '../setup/db';
import { type Json, pullAll, type SyncTarget } from '../sync/client';

let server: TestServer;

async function signIn(login: string): Promise<SyncTarget> {
  const response = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: demoPassword }),
  });
  const { accessToken } = await response.json();
  return { url: server.url, headers: { authorization: `Bearer ${accessToken}` } };
}

beforeAll(async () => {
  server = await startTestServer();
  await seedDemo(server.pool);
});
afterAll(() => server.close());

describe('demo appeals', () => {
  it('gives the supervisor appeals of every regime, formal ones registered with a legal deadline', async () => {
    const appeals: Json[] = await pullAll(await signIn('demo-supervisor'), 'appeals');
    expect(appeals.length).toBeGreaterThanOrEqual(15);
    expect(new Set(appeals.map((a) => a.regime))).toEqual(new Set(['incident', 'portal', 'formal']));
    const formal = appeals.filter((a) => a.regime === 'formal');
    const numbers = formal.map((a) => a.registrationNumber);
    expect(numbers.every((n) => /^ОГ-\d{4}-\d{6}$/.test(n))).toBe(true);
    expect(new Set(numbers).size).toBe(formal.length);
    expect(formal.every((a) => a.status === 'registered' || a.status === 'in_progress')).toBe(true);
    expect(formal.every((a) => /^\d{4}-\d{2}-\d{2}$/.test(a.legalDeadline))).toBe(true);
    expect(appeals.some((a) => a.departmentId === '')).toBe(true);
  });

  it("shows the operator only the roads department's appeals, with the citizens' messages", async () => {
    const operator = await signIn('demo-operator');
    const appeals: Json[] = await pullAll(operator, 'appeals');
    expect(appeals.length).toBeGreaterThan(0);
    expect(new Set(appeals.map((a) => a.departmentId)).size).toBe(1);
    expect(appeals.some((a) => a.status === 'in_progress' && a.assigneeId !== '')).toBe(true);
    const messages: Json[] = await pullAll(operator, 'messages');
    const withThread = appeals.filter((a) => a.conversationId !== '');
    expect(withThread.length).toBeGreaterThan(0);
    for (const appeal of withThread) {
      expect(messages.some((m) => m.appealId === appeal.id && m.direction === 'in')).toBe(true);
    }
    expect(messages.every((m) => appeals.some((a) => a.id === m.appealId))).toBe(true);
  });

  it('queues nothing for delivery: the demo has no outbound messages', async () => {
    const messages: Json[] = await pullAll(await signIn('demo-supervisor'), 'messages');
    expect(messages.every((m) => m.direction === 'in')).toBe(true);
  });
});

describe('demo answer templates', () => {
  it('gives every desk the organisation’s templates and each department its own, all with known placeholders', async () => {
    const all: Json[] = await pullAll(await signIn('demo-supervisor'), 'answerTemplates');
    expect(all.length).toBeGreaterThanOrEqual(6);
    expect(all.every((t) => checkAnswerTemplate(t).ok && !t.personal)).toBe(true);
    expect(all.filter((t) => t.departmentId === null).length).toBeGreaterThanOrEqual(2);
    const departments = await server.pool.query<{ id: string; code: string }>(
      'SELECT d.id, d.code FROM departments d WHERE d.org_id = $1',
      [all[0].orgId],
    );
    const roads = departments.rows.find((d) => d.code === 'ДТ')!.id;
    // The operator works in «Дороги и транспорт»: the organisation's templates and the roads ones.
    const operator: Json[] = await pullAll(await signIn('demo-operator'), 'answerTemplates');
    expect(operator.length).toBeLessThan(all.length);
    expect(operator.every((t) => t.departmentId === null || t.departmentId === roads)).toBe(true);
    expect(operator.some((t) => t.departmentId === roads && t.categoryCode === 'roads')).toBe(true);
  });

  it('seeds again without duplicating or overwriting a template an official changed', async () => {
    const before = await server.pool.query('SELECT id, seq FROM sync_answer_templates ORDER BY id');
    await server.pool.query(
      `UPDATE sync_answer_templates SET doc = jsonb_set(doc, '{title}', '"Изменён"') WHERE id = 'demo-template-snow'`,
    );
    await seedDemo(server.pool);
    const after = await server.pool.query('SELECT id, seq, doc FROM sync_answer_templates ORDER BY id');
    expect(after.rows.map((r) => [r.id, r.seq])).toEqual(before.rows.map((r) => [r.id, r.seq]));
    expect(after.rows.find((r) => r.id === 'demo-template-snow').doc.title).toBe('Изменён');
  });
});
