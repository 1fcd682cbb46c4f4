/**
 * Defects of issue 11 in the server's authority over an appeal's lifecycle (server/src/appeals/lifecycle.ts):
 * what a desktop writes for an action must be accepted as the desktop wrote it.
 */
import { applyAction } from '../../../shared/domain/status-machine';
import { seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import type { Json, SyncTarget } from '../sync/client';
import {
  createAppeals,
  editAppeal,
  loginAll,
  masterOf,
  newFormalAppeal,
  type RoleKey,
} from '../sync/fixtures';

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

describe('forwarding by competence', () => {
  it('defect 1: a head’s «Направить по компетенции» is accepted without a refusal of forwardedTo', async () => {
    const appeal = await registeredAppeal();
    const head = org.users.head1;
    // The desktop applies the action with its own clock, a moment before the push reaches the server.
    const desktopNow = Date.now() - 5_000;
    const done = applyAction(
      appeal,
      'forward',
      { role: 'head', userId: head.id, departmentIds: [org.departments.d1.id] },
      { bodyName: 'Министерство транспорта Тверской области' },
      desktopNow,
    );
    if (!done.ok) throw new Error(done.error.code);
    const { body } = await editAppeal(server.pool, targets.head1, appeal.id, {
      ...done.value.changes,
      status: done.value.status,
      updatedAt: desktopNow,
    });
    expect(body.refusals).toEqual([]);
    const stored = await masterOf(server.pool, 'sync_appeals', appeal.id);
    expect(stored).toMatchObject({
      status: 'forwarded',
      result: 'forwarded_by_competence',
      forwardedTo: { bodyName: 'Министерство транспорта Тверской области', at: desktopNow },
    });
  });
});

describe('every action a desktop applies with its own clock is accepted as written', () => {
  const head = () => ({
    role: 'head' as const,
    userId: org.users.head1.id,
    departmentIds: [org.departments.d1.id],
  });
  const cases: {
    name: string;
    action: Parameters<typeof applyAction>[1];
    payload: unknown;
    from?: string;
  }[] = [
    { name: 'assign', action: 'assign', payload: { assigneeId: '' } },
    {
      name: 'extend',
      action: 'extend',
      payload: { days: 10, reason: 'Нужен выезд на место' },
      from: 'in_progress',
    },
    { name: 'request documents', action: 'request_documents', payload: undefined, from: 'in_progress' },
    {
      name: 'terminate correspondence',
      action: 'terminate_correspondence',
      payload: { reason: 'Переписка прекращена: ответы даны', classifierCode: '0001.0001.0001.0001' },
      from: 'in_progress',
    },
  ];
  it.each(cases)('$name leaves no refusal', async ({ action, payload, from }) => {
    let appeal = await registeredAppeal();
    if (from === 'in_progress') {
      await editAppeal(server.pool, targets.head1, appeal.id, {
        assigneeId: org.users.operator1.id,
        status: 'in_progress',
        updatedAt: Date.now(),
      });
      appeal = await masterOf(server.pool, 'sync_appeals', appeal.id);
    }
    const desktopNow = Date.now() - 5_000;
    const wanted = action === 'assign' ? { assigneeId: org.users.operator1.id } : payload;
    const done = applyAction(appeal, action, head(), wanted as never, desktopNow);
    if (!done.ok) throw new Error(done.error.code);
    const { body } = await editAppeal(server.pool, targets.head1, appeal.id, {
      ...done.value.changes,
      status: done.value.status,
      updatedAt: desktopNow,
    });
    expect(body.refusals).toEqual([]);
  });
});
