/**
 * The резолюция on the server (server/src/appeals/resolution.ts): internal comments, tasks,
 * co-executors and the reason of an assignment, pushed from desktops.
 */
import { seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import { type Json, pushRows, type SyncTarget } from '../sync/client';
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

const comment = (id: string, authorId: string, text: string) => ({
  id,
  authorId,
  text,
  at: Date.now() - 1000,
});
const task = (id: string, setById: string, assigneeId: string) => ({
  id,
  setById,
  assigneeId,
  text: 'Подготовить справку о ремонте',
  dueDate: '2030-01-15',
  setAt: Date.now() - 1000,
  doneAt: null,
});

/** A registered appeal of d1 assigned by head1 to operator1. */
async function assignedAppeal(): Promise<Json> {
  const [appeal] = await createAppeals(server.pool, targets.supervisor, [
    newFormalAppeal(org.organisation.id, org.departments.d1.id),
  ]);
  const { body } = await editAppeal(server.pool, targets.head1, appeal.id, {
    assigneeId: org.users.operator1.id,
    status: 'in_progress',
    assignmentNote: { byId: org.users.head1.id, reason: 'Профильный специалист', at: Date.now() - 500 },
    updatedAt: Date.now(),
  });
  expect(body.refusals).toEqual([]);
  return masterOf(server.pool, 'sync_appeals', appeal.id);
}

describe('internal comments', () => {
  it('are stored on the appeal and never queued for the applicant', async () => {
    const appeal = await assignedAppeal();
    const outboxBefore = await server.pool.query('SELECT count(*)::int AS n FROM outbox_messages');
    const messagesBefore = await server.pool.query('SELECT count(*)::int AS n FROM sync_messages');
    const { body } = await editAppeal(server.pool, targets.operator1, appeal.id, {
      comments: [comment('c-1', org.users.operator1.id, 'Заявитель просил не звонить до 18:00')],
      updatedAt: Date.now(),
    });
    expect(body.refusals).toEqual([]);
    expect((await masterOf(server.pool, 'sync_appeals', appeal.id)).comments).toEqual([
      expect.objectContaining({ id: 'c-1', text: 'Заявитель просил не звонить до 18:00' }),
    ]);
    const outboxAfter = await server.pool.query('SELECT count(*)::int AS n FROM outbox_messages');
    const messagesAfter = await server.pool.query('SELECT count(*)::int AS n FROM sync_messages');
    expect(outboxAfter.rows[0].n).toBe(outboxBefore.rows[0].n);
    expect(messagesAfter.rows[0].n).toBe(messagesBefore.rows[0].n);
  });

  it('two officials commenting on the same state both keep their comments (no concurrent-edit refusal)', async () => {
    const appeal = await assignedAppeal();
    const first = await editAppeal(server.pool, targets.operator1, appeal.id, {
      comments: [comment('c-op', org.users.operator1.id, 'Выезд назначен на четверг')],
      updatedAt: Date.now(),
    });
    expect(first.body.refusals).toEqual([]);
    // head1 pushes from the state before operator1's comment.
    const { body } = await pushRows(
      targets.head1,
      'appeals',
      [
        {
          newDocumentState: {
            ...appeal,
            comments: [comment('c-head', org.users.head1.id, 'Проконтролировать до пятницы')],
            updatedAt: Date.now(),
          },
          assumedMasterState: appeal,
        },
      ],
      'refusals=1',
    );
    expect(body.refusals).toEqual([]);
    const stored = await masterOf(server.pool, 'sync_appeals', appeal.id);
    expect(stored.comments.map((c: Json) => c.id)).toEqual(['c-op', 'c-head']);
  });

  it('refuses a comment in another official’s name and any edit or removal of a stored comment', async () => {
    const appeal = await assignedAppeal();
    await editAppeal(server.pool, targets.operator1, appeal.id, {
      comments: [comment('c-1', org.users.operator1.id, 'Исходный текст')],
      updatedAt: Date.now(),
    });
    const forged = await editAppeal(server.pool, targets.head1, appeal.id, {
      comments: [
        comment('c-1', org.users.operator1.id, 'Исходный текст'),
        comment('c-2', org.users.operator1.id, 'От чужого имени'),
      ],
      updatedAt: Date.now(),
    });
    expect(forged.body.refusals).toEqual([expect.objectContaining({ fields: ['comments'] })]);
    const removed = await editAppeal(server.pool, targets.head1, appeal.id, {
      comments: [],
      updatedAt: Date.now(),
    });
    expect(removed.body.refusals).toEqual([expect.objectContaining({ fields: ['comments'] })]);
    const stored = await masterOf(server.pool, 'sync_appeals', appeal.id);
    expect(stored.comments).toEqual([expect.objectContaining({ id: 'c-1', text: 'Исходный текст' })]);
  });
});

describe('tasks and co-executors', () => {
  it('a head sets a task and names a co-executor; the task’s assignee marks it done', async () => {
    const appeal = await assignedAppeal();
    const set = await editAppeal(server.pool, targets.head1, appeal.id, {
      tasks: [task('t-1', org.users.head1.id, org.users.operator1.id)],
      coExecutorIds: [org.users.operator2.id],
      updatedAt: Date.now(),
    });
    expect(set.body.refusals).toEqual([]);
    const master = await masterOf(server.pool, 'sync_appeals', appeal.id);
    const doneAt = Date.now() - 100;
    const done = await editAppeal(server.pool, targets.operator1, appeal.id, {
      tasks: [{ ...master.tasks[0], doneAt }],
      updatedAt: Date.now(),
    });
    expect(done.body.refusals).toEqual([]);
    const stored = await masterOf(server.pool, 'sync_appeals', appeal.id);
    expect(stored.tasks).toEqual([expect.objectContaining({ id: 't-1', doneAt })]);
    expect(stored.coExecutorIds).toEqual([org.users.operator2.id]);
  });

  it('an operator who is not the assignee sets no task and names no co-executor', async () => {
    const [appeal] = await createAppeals(server.pool, targets.supervisor, [
      newFormalAppeal(org.organisation.id, org.departments.d1.id),
    ]);
    const { body } = await editAppeal(server.pool, targets.operator1, appeal.id, {
      tasks: [task('t-x', org.users.operator1.id, org.users.operator1.id)],
      coExecutorIds: [org.users.operator1.id],
      updatedAt: Date.now(),
    });
    expect(body.refusals).toEqual([expect.objectContaining({ fields: ['tasks', 'coExecutorIds'] })]);
    const stored = await masterOf(server.pool, 'sync_appeals', appeal.id);
    expect(stored).toMatchObject({ tasks: [], coExecutorIds: [] });
  });
});

describe('people the резолюция names', () => {
  it('must be staff of the organisation: a made-up co-executor or task assignee is dropped and refused', async () => {
    const appeal = await assignedAppeal();
    const { body } = await editAppeal(server.pool, targets.head1, appeal.id, {
      coExecutorIds: ['no-such-user'],
      tasks: [task('t-ghost', org.users.head1.id, 'no-such-user')],
      updatedAt: Date.now(),
    });
    expect(body.refusals).toEqual([expect.objectContaining({ fields: ['coExecutorIds', 'tasks'] })]);
    expect(await masterOf(server.pool, 'sync_appeals', appeal.id)).toMatchObject({
      coExecutorIds: [],
      tasks: [],
    });
  });
});

describe('the reason of an assignment', () => {
  it('is stored with the assignment that carried it, in the name of who assigned', async () => {
    const appeal = await assignedAppeal();
    expect(appeal.assignmentNote).toMatchObject({
      byId: org.users.head1.id,
      reason: 'Профильный специалист',
    });
  });

  it('is refused without an assignment, and an assignment without a reason clears the old one', async () => {
    const appeal = await assignedAppeal();
    const alone = await editAppeal(server.pool, targets.head1, appeal.id, {
      assignmentNote: { byId: org.users.head1.id, reason: 'Задним числом', at: Date.now() - 10 },
      updatedAt: Date.now(),
    });
    expect(alone.body.refusals).toEqual([expect.objectContaining({ fields: ['assignmentNote'] })]);
    await editAppeal(server.pool, targets.head1, appeal.id, {
      assigneeId: org.users.head1.id,
      updatedAt: Date.now(),
    });
    expect((await masterOf(server.pool, 'sync_appeals', appeal.id)).assignmentNote).toBeNull();
  });
});

describe('the reason of an assignment, when the assignee changes otherwise', () => {
  it('goes when the appeal moves to another department (no assignee any more)', async () => {
    const appeal = await assignedAppeal();
    const moved = await editAppeal(server.pool, targets.head1, appeal.id, {
      departmentId: org.departments.d2.id,
      assigneeId: '',
      updatedAt: Date.now(),
    });
    expect(moved.body.refusals).toEqual([]);
    expect(await masterOf(server.pool, 'sync_appeals', appeal.id)).toMatchObject({
      assigneeId: '',
      assignmentNote: null,
    });
  });
});

describe('scope exit', () => {
  it('a tombstone for a department that loses the appeal carries no comment or task', async () => {
    const appeal = await assignedAppeal();
    await editAppeal(server.pool, targets.operator1, appeal.id, {
      comments: [comment('c-exit', org.users.operator1.id, 'Внутреннее')],
      updatedAt: Date.now(),
    });
    const exit = await server.pool.query(
      `SELECT okno_sync_exit_doc('appeals', doc) AS doc FROM sync_appeals WHERE id = $1`,
      [appeal.id],
    );
    expect(exit.rows[0].doc).toMatchObject({ comments: [], tasks: [], assignmentNote: null, _deleted: true });
  });
});
