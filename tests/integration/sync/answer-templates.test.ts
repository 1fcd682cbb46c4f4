/**
 * Answer templates (issue 10, «Шаблоны ответов») over the real sync routes and PostgreSQL: who may
 * write which template (shared/domain/answer-templates.ts, enforced by server/src/answer-templates/
 * writer.ts), what each desktop pulls, and the tombstones an official gets when a template leaves
 * their sight. Organisation: operator1/head1 in d1, operator2/head2 in d2, supervisor, admin.
 */
import { randomUUID } from 'node:crypto';
import { updateUser } from '../../../server/src/accounts/users';
import { seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import { type Json, pullAll, pullOnce, pushRows, type SyncTarget } from './client';
import { loginAll, type RoleKey } from './fixtures';

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

type Dept = 'd1' | 'd2' | null;

function template(dept: Dept, personal: boolean, overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    orgId: org.organisation.id,
    title: `Шаблон ${randomUUID().slice(0, 8)}`,
    body: 'Уважаемый(ая) {{applicantName}}! Ваше обращение № {{registrationNumber}} рассмотрено.',
    categoryCode: null,
    departmentId: dept === null ? null : org.departments[dept].id,
    authorId: null,
    personal,
    updatedAt: Date.now(),
    _deleted: false,
    ...overrides,
  };
}

type Doc = ReturnType<typeof template>;

/** Pushes one row asking for reasons; answers the refusal (or null) and the conflict sent back. */
async function push(who: RoleKey, doc: Doc, assumed: Doc | null = null) {
  const { status, body } = await pushRows(
    targets[who],
    'answerTemplates',
    [{ newDocumentState: doc, assumedMasterState: assumed }],
    'refusals=1',
  );
  expect(status).toBe(200);
  return { refusal: (body.refusals[0] ?? null) as Json, conflict: (body.conflicts[0] ?? null) as Json };
}

async function stored(id: string): Promise<Json | null> {
  const result = await server.pool.query(
    'SELECT doc, department_ids, personal_of FROM sync_answer_templates WHERE org_id = $1 AND id = $2',
    [org.organisation.id, id],
  );
  return result.rows[0] ?? null;
}

/** The stored state, as a desktop holds it after its push: the assumed master of its next edit. */
async function master(id: string): Promise<Doc> {
  return (await stored(id)).doc;
}

async function visibleIds(who: RoleKey): Promise<string[]> {
  const docs: Json[] = await pullAll(targets[who], 'answerTemplates');
  return docs.filter((d) => !d._deleted).map((d) => d.id);
}

describe('who may write which answer template', () => {
  it('an operator writes personal templates; the author is the pushing official, whatever was sent', async () => {
    const mine = template(null, true, { authorId: org.users.head1.id });
    const { refusal, conflict } = await push('operator1', mine);
    expect(refusal).toBeNull();
    const row = await stored(mine.id);
    expect(row.doc.authorId).toBe(org.users.operator1.id);
    expect(row.personal_of).toBe(org.users.operator1.id);
    // The desktop adopts the server's author.
    expect(conflict.authorId).toBe(org.users.operator1.id);
  });

  it('an operator shares into their own department, not another one and not the organisation', async () => {
    const personal = template('d1', true, { authorId: org.users.operator1.id });
    expect((await push('operator1', personal)).refusal).toBeNull();
    const pushed = await master(personal.id);
    expect((await push('operator1', { ...pushed, personal: false }, pushed)).refusal).toBeNull();
    expect((await stored(personal.id)).department_ids).toEqual([org.departments.d1.id]);

    const elsewhere = await push('operator1', template('d2', false));
    expect(elsewhere.refusal).toMatchObject({
      code: 'sync:refusal.template',
      params: { problem: 'notYourDepartment' },
    });
    const organisationWide = await push('operator1', template(null, false));
    expect(organisationWide.refusal).toMatchObject({ params: { problem: 'organisationTemplate' } });
    // Nothing of the refused rows was stored; the desktop gets a tombstone of its new document.
    expect(organisationWide.conflict._deleted).toBe(true);
  });

  it('a head edits the shared templates of their department; an operator may not, another department’s head never sees them', async () => {
    expect((await push('head1', template('d1', false, { id: 'shared-d1' }))).refusal).toBeNull();
    const shared = await master('shared-d1');
    const byOperator = { ...shared, body: 'Правка оператора', updatedAt: Date.now() + 1 };
    expect((await push('operator1', byOperator, shared)).refusal).toMatchObject({
      params: { problem: 'sharedByHead' },
    });
    const byOtherHead = await push('head2', { ...shared, body: 'Правка чужого' }, shared);
    expect(byOtherHead.refusal).toMatchObject({ code: 'sync:refusal.outOfScope' });
    expect(byOtherHead.conflict._deleted).toBe(true);
    const byHead = {
      ...shared,
      body: 'Уважаемый(ая) {{applicantName}}! Ответ отдела.',
      updatedAt: Date.now() + 2,
    };
    expect((await push('head1', byHead, shared)).refusal).toBeNull();
    expect((await stored(shared.id)).doc.body).toBe(byHead.body);
  });

  it('organisation-wide templates are the supervisor’s and the administrator’s, not a head’s', async () => {
    expect((await push('head1', template(null, false))).refusal).toMatchObject({
      params: { problem: 'organisationTemplate' },
    });
    expect((await push('supervisor', template(null, false, { id: 'general-1' }))).refusal).toBeNull();
    const general = await master('general-1');
    const edited = { ...general, title: 'Общий ответ (ред.)', updatedAt: Date.now() + 1 };
    expect((await push('admin', edited, general)).refusal).toBeNull();
    const audit = await server.pool.query(
      `SELECT action, fields FROM audit_log WHERE org_id = $1 AND entity_id = $2 ORDER BY id`,
      [org.organisation.id, general.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['answerTemplate.create', 'answerTemplate.update']);
    expect(audit.rows[1].fields).toEqual({ title: { old: general.title, new: 'Общий ответ (ред.)' } });

    // «Журнал администратора» lists shared templates' changes by title, never a personal template's.
    await push('operator1', template('d1', true, { id: 'personal-for-journal' }));
    const response = await fetch(`${server.url}/api/v1/admin/journal?kind=templates&limit=100`, {
      headers: targets.admin.headers,
    });
    expect(response.status).toBe(200);
    const { entries } = (await response.json()) as { entries: Json[] };
    const mine = entries.filter((e) => e.entityId === general.id);
    expect(mine.map((e) => [e.action, e.entityLabel])).toEqual([
      ['answerTemplate.update', 'Общий ответ (ред.)'],
      ['answerTemplate.create', 'Общий ответ (ред.)'],
    ]);
    expect(mine[0].actorId).toBe(org.users.admin.id);
    expect(entries.some((e) => e.entityId === 'personal-for-journal')).toBe(false);
  });

  it('another official’s personal template is out of scope, even for an administrator, and its text is never sent back', async () => {
    const secret = template('d1', true, { body: 'Личная заготовка {{subject}}' });
    expect((await push('operator1', secret)).refusal).toBeNull();
    const master = (await stored(secret.id)).doc;
    for (const who of ['head1', 'admin'] as const) {
      const { refusal, conflict } = await push(who, { ...master, _deleted: true }, master);
      expect(refusal).toMatchObject({ code: 'sync:refusal.outOfScope' });
      expect(conflict._deleted).toBe(true);
    }
    expect((await stored(secret.id)).doc._deleted).toBe(false);
  });

  it('refuses an unknown placeholder by its name, and a title or body out of bounds', async () => {
    const unknown = await push(
      'supervisor',
      template(null, false, { body: 'Уважаемый {{fio}}, {{subject}}' }),
    );
    expect(unknown.refusal).toEqual({
      id: expect.any(String),
      code: 'sync:refusal.template',
      params: { problem: 'unknownPlaceholder', name: 'fio' },
    });
    expect(
      (await push('supervisor', template(null, false, { title: 'Т'.repeat(201) }))).refusal,
    ).toMatchObject({
      params: { problem: 'titleTooLong', max: 200 },
    });
    expect((await push('supervisor', template(null, false, { body: ' ' }))).refusal).toMatchObject({
      params: { problem: 'bodyEmpty' },
    });
    expect(
      (await push('supervisor', template(null, false, { departmentId: 'no-such-department' }))).refusal,
    ).toMatchObject({ params: { problem: 'notYourDepartment' } });
  });
});

describe('what each desktop pulls', () => {
  it('the organisation’s templates, those of the official’s departments, and of personal ones only their own', async () => {
    const general = template(null, false);
    const d1Shared = template('d1', false);
    const d2Shared = template('d2', false);
    await push('supervisor', general);
    await push('head1', d1Shared);
    await push('head2', d2Shared);
    const own = template('d1', true);
    await push('operator1', own);

    const operator1 = await visibleIds('operator1');
    expect(operator1).toEqual(expect.arrayContaining([general.id, d1Shared.id, own.id]));
    expect(operator1).not.toContain(d2Shared.id);
    const operator2 = await visibleIds('operator2');
    expect(operator2).toEqual(expect.arrayContaining([general.id, d2Shared.id]));
    expect(operator2).not.toEqual(expect.arrayContaining([d1Shared.id]));
    for (const who of ['head1', 'supervisor', 'admin'] as const) {
      expect(await visibleIds(who)).not.toContain(own.id);
    }
    expect(await visibleIds('supervisor')).toEqual(expect.arrayContaining([d1Shared.id, d2Shared.id]));
  });

  it('an official who could see a template gets its tombstone when it moves to another department', async () => {
    await push('supervisor', template('d1', false, { id: 'moving-1' }));
    const moving = await master('moving-1');
    const before = await pullOnce(targets.operator2, 'answerTemplates', null, 1000);
    await push(
      'supervisor',
      { ...moving, departmentId: org.departments.d2.id, updatedAt: Date.now() + 1 },
      moving,
    );
    const after = await pullOnce(targets.operator1, 'answerTemplates', null, 1000);
    const seen = after.body.documents.filter((d: Json) => d.id === moving.id);
    expect(seen.at(-1)._deleted).toBe(true);
    const forOperator2 = await pullOnce(targets.operator2, 'answerTemplates', before.body.checkpoint, 1000);
    expect(forOperator2.body.documents.find((d: Json) => d.id === moving.id)?._deleted).toBe(false);
  });

  it('an official moved to another department loses the first one’s templates and receives the second one’s', async () => {
    const d1Shared = template('d1', false);
    const d2Shared = template('d2', false);
    await push('head1', d1Shared);
    await push('head2', d2Shared);
    const first = await pullOnce(targets.operator1, 'answerTemplates', null, 1000);
    expect(first.body.documents.map((d: Json) => d.id)).toContain(d1Shared.id);
    await updateUser(server.pool, {
      orgId: org.organisation.id,
      id: org.users.operator1.id,
      departments: [org.departments.d2.code],
    });
    try {
      const next = await pullOnce(targets.operator1, 'answerTemplates', first.body.checkpoint, 1000);
      const byId = new Map(next.body.documents.map((d: Json) => [d.id, d]));
      expect((byId.get(d1Shared.id) as Json)?._deleted).toBe(true);
      expect((byId.get(d2Shared.id) as Json)?._deleted).toBe(false);
    } finally {
      await updateUser(server.pool, {
        orgId: org.organisation.id,
        id: org.users.operator1.id,
        departments: [org.departments.d1.code],
      });
    }
  });
});
