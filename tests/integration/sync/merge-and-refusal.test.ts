/**
 * Merge rules for concurrent offline edits and the reasons a refused change carries
 * (server/src/sync/README.md, "Merge rules" and "Refusals").
 */
import { loadOrgRules } from '../../../server/src/appeals/registration';
import { computeDeadlines } from '../../../shared/domain/deadlines';
import { seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import { type Json, pushRows, type SyncTarget } from './client';
import { createAppeals, editAppeal, loginAll, masterOf, newFormalAppeal, type RoleKey } from './fixtures';

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

async function registeredAppeal(): Promise<Json> {
  const [appeal] = await createAppeals(server.pool, targets.supervisor, [
    newFormalAppeal(org.organisation.id, org.departments.d1.id),
  ]);
  return appeal;
}

/** The engine's deadlines of a registered formal appeal, with the organisation's settings. */
async function formalTerm(
  appeal: Json,
  extensionDays: number,
): Promise<{ legalDeadline: string; controlDate: string }> {
  const rules = await loadOrgRules(server.pool, org.organisation.id);
  const { legalDeadline, controlDate } = computeDeadlines({
    regime: 'formal',
    receivedAt: new Date(appeal.receivedAt).toISOString(),
    registeredAt: new Date(appeal.registeredAt).toISOString(),
    ...(extensionDays > 0 ? { extensionDays } : {}),
    org: rules.deadlines,
  });
  return { legalDeadline, controlDate };
}

/** Pushes `patch` on top of a stale `assumed` state, as a desktop that was offline would. */
function pushStale(target: SyncTarget, assumed: Json, patch: Record<string, unknown>) {
  return pushRows(
    target,
    'appeals',
    [{ newDocumentState: { ...assumed, ...patch }, assumedMasterState: assumed }],
    'refusals=1',
  );
}

describe('registration and deadlines', () => {
  it('registers a formal appeal on creation and computes its deadlines', async () => {
    const appeal = await registeredAppeal();
    expect(appeal).toMatchObject({
      status: 'registered',
      registrationNumber: expect.stringMatching(/^ОГ-\d{4}-\d{6}$/),
    });
    expect(appeal.legalDeadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(appeal.dueAt).toBeGreaterThan(appeal.registeredAt);
  });

  it('registers first, then applies what the desktop did offline to the new appeal', async () => {
    const offline = newFormalAppeal(org.organisation.id, org.departments.d1.id, {
      status: 'in_progress',
      assigneeId: org.users.operator1.id,
    });
    const { body } = await pushRows(
      targets.operator1,
      'appeals',
      [{ newDocumentState: { ...offline, _deleted: false } }],
      'refusals=1',
    );
    expect(body.refusals).toEqual([]);
    expect(body.conflicts[0]).toMatchObject({
      status: 'in_progress',
      assigneeId: org.users.operator1.id,
      registrationNumber: expect.stringMatching(/^ОГ-/),
    });
  });

  it('issue 8: moves the deadline by the extension a head grants, to the day the engine computes', async () => {
    const appeal = await registeredAppeal();
    const { body } = await editAppeal(server.pool, targets.head1, appeal.id, {
      extension: { days: 30, reason: 'Запрошены документы в другом органе', noticeQueuedAt: null },
    });
    expect(body.refusals).toEqual([]);
    const after = await masterOf(server.pool, 'sync_appeals', appeal.id);
    expect(after.extension).toMatchObject({ days: 30 });
    // The engine says where the term ends: 30 more days are not 30 days later when the term without
    // them already ended in holidays (registered 06.12.2026, it moved from 05.01 to 11.01.2027).
    const term = await formalTerm(appeal, 0);
    const extended = await formalTerm(appeal, 30);
    expect(appeal).toMatchObject(term);
    expect(after).toMatchObject(extended);
    expect(extended.legalDeadline > term.legalDeadline).toBe(true);
  });
});

describe('concurrent edits', () => {
  it('merges changes to different fields and returns the merged state', async () => {
    const assumed = await registeredAppeal();
    await editAppeal(server.pool, targets.head1, assumed.id, { subject: 'Исправленная тема' });
    const { body } = await pushStale(targets.operator1, assumed, {
      category: 'roads',
      updatedAt: Date.now(),
    });
    const after = await masterOf(server.pool, 'sync_appeals', assumed.id);
    expect(after).toMatchObject({ subject: 'Исправленная тема', category: 'roads' });
    expect(body.conflicts).toEqual([after]);
    expect(body.refusals).toEqual([]);
  });

  it('keeps the server’s text when both changed it, and tells the loser which fields', async () => {
    const assumed = await registeredAppeal();
    await editAppeal(server.pool, targets.head1, assumed.id, { text: 'Текст начальника' });
    const { body } = await pushStale(targets.operator1, assumed, { text: 'Текст исполнителя', urgent: true });
    const after = await masterOf(server.pool, 'sync_appeals', assumed.id);
    expect(after).toMatchObject({ text: 'Текст начальника', urgent: true });
    expect(body.conflicts).toEqual([after]);
    expect(body.refusals).toEqual([
      { id: assumed.id, code: 'sync:refusal.concurrentEdit', fields: ['text'] },
    ]);
  });

  it('gives the assignee to the later edit', async () => {
    const assumed = await registeredAppeal();
    await editAppeal(server.pool, targets.head1, assumed.id, {
      assigneeId: org.users.head1.id,
      updatedAt: Date.now() - 10_000,
    });
    await pushStale(targets.head1, assumed, { assigneeId: org.users.operator1.id, updatedAt: Date.now() });
    expect((await masterOf(server.pool, 'sync_appeals', assumed.id)).assigneeId).toBe(org.users.operator1.id);
  });

  it('keeps the server’s status unless the client’s transition is legal from it', async () => {
    const assumed = await registeredAppeal();
    // The head took it into work meanwhile; the operator's offline "answered" is legal from in_progress.
    await editAppeal(server.pool, targets.head1, assumed.id, {
      status: 'in_progress',
      assigneeId: org.users.head1.id,
    });
    const legal = await pushStale(targets.operator1, assumed, { status: 'answered', answeredAt: Date.now() });
    expect(legal.body.refusals).toEqual([]);
    expect((await masterOf(server.pool, 'sync_appeals', assumed.id)).status).toBe('answered');

    const other = await registeredAppeal();
    await editAppeal(server.pool, targets.head1, other.id, {
      status: 'forwarded',
      forwardedTo: { bodyName: 'Министерство', at: Date.now() },
    });
    const illegal = await pushStale(targets.operator1, other, {
      status: 'in_progress',
      assigneeId: org.users.operator1.id,
    });
    expect((await masterOf(server.pool, 'sync_appeals', other.id)).status).toBe('forwarded');
    expect(illegal.body.refusals[0]).toMatchObject({ id: other.id, code: 'sync:refusal.statusTransition' });
  });
});

describe('refusals', () => {
  it('refuses a status move the machine does not allow, with its reason', async () => {
    const appeal = await registeredAppeal();
    const { body } = await editAppeal(server.pool, targets.operator1, appeal.id, { status: 'closed' });
    expect(body.conflicts).toEqual([appeal]);
    expect(body.refusals).toEqual([
      {
        id: appeal.id,
        code: 'sync:refusal.statusTransition',
        // The machine's own reason: closing from `registered` is only an art. 11 outcome, and none was given.
        params: { reason: 'domain:transition.art11OutcomeInvalid', from: 'registered', to: 'closed' },
        fields: ['status'],
      },
    ]);
  });

  it('refuses an operator’s reassignment but keeps the rest of the change', async () => {
    const appeal = await registeredAppeal();
    const { body } = await editAppeal(server.pool, targets.operator1, appeal.id, {
      departmentId: org.departments.d2.id,
      subject: 'Новая тема',
    });
    const after = await masterOf(server.pool, 'sync_appeals', appeal.id);
    expect(after).toMatchObject({ departmentId: org.departments.d1.id, subject: 'Новая тема' });
    expect(body.conflicts).toEqual([after]);
    expect(body.refusals[0]).toMatchObject({
      code: 'sync:refusal.statusTransition',
      params: { reason: 'domain:transition.roleNotAllowed' },
    });
  });

  it('never takes server-owned fields from a client', async () => {
    const appeal = await registeredAppeal();
    const { body } = await editAppeal(server.pool, targets.supervisor, appeal.id, {
      registrationNumber: 'ОГ-1999-000001',
      legalDeadline: '2099-01-01',
      text: 'Уточнённый текст',
    });
    const after = await masterOf(server.pool, 'sync_appeals', appeal.id);
    expect(after).toMatchObject({
      registrationNumber: appeal.registrationNumber,
      legalDeadline: appeal.legalDeadline,
      text: 'Уточнённый текст',
    });
    expect(body.refusals).toEqual([
      { id: appeal.id, code: 'sync:refusal.serverOwned', fields: ['registrationNumber', 'legalDeadline'] },
    ]);
  });

  it('refuses deletion by anyone but an admin', async () => {
    const appeal = await registeredAppeal();
    const { body } = await editAppeal(server.pool, targets.supervisor, appeal.id, { _deleted: true });
    expect(body.conflicts).toEqual([appeal]);
    expect(body.refusals[0]).toMatchObject({ code: 'sync:refusal.roleMayNotChange', fields: ['_deleted'] });
  });

  it('refuses writes to read-only collections with the master state', async () => {
    const [department] = (
      await server.pool.query('SELECT doc FROM sync_departments WHERE id = $1', [org.departments.d1.id])
    ).rows.map((r) => r.doc);
    const { body } = await pushRows(
      targets.admin,
      'departments',
      [{ newDocumentState: { ...department, name: 'Переименован' }, assumedMasterState: department }],
      'refusals=1',
    );
    expect(body).toEqual({
      conflicts: [department],
      refusals: [{ id: department.id, code: 'sync:refusal.readOnly' }],
    });
  });

  it('records every accepted change in the history with old and new values', async () => {
    const appeal = await registeredAppeal();
    await editAppeal(server.pool, targets.operator1, appeal.id, { subject: 'Тема 2' });
    const response = await fetch(`${server.url}/api/v1/appeals/${appeal.id}/history`, {
      headers: targets.head1.headers,
    });
    const { entries } = (await response.json()) as Json;
    expect(entries.map((e: Json) => e.action)).toEqual(['appeal.create', 'appeal.update']);
    expect(entries[0].details.actions).toContain('register');
    expect(entries[1]).toMatchObject({
      actorUserId: org.users.operator1.id,
      fields: { subject: { old: appeal.subject, new: 'Тема 2' } },
    });
  });
});
