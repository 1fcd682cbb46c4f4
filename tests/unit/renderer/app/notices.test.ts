import { decideNotices, unreadAppealIds } from '../../../../renderer/app/notices';

const since = Date.UTC(2027, 2, 10, 6, 0);
const now = since + 4 * 3_600_000;
const dayEnd = Date.UTC(2027, 2, 10, 21, 0);
const appeal = (id: string, dueAt: number, status = 'in_progress') =>
  ({ id, subject: `Тема ${id}`, dueAt, status, closedAt: null }) as const;
const inbound = (appealId: string, createdAt: number) =>
  ({
    appealId,
    direction: 'in',
    createdAt,
    updatedAt: createdAt,
    deliveryStatus: 'delivered',
    author: { kind: 'applicant', userId: null, displayName: 'Мария' },
  }) as const;
const base = { userId: 'me', now, dayEnd, marks: { since, seen: {}, assignedAt: {} } };

describe('in-app notices', () => {
  it('tells of a new message from the citizen until the appeal is opened, and marks it unread in the list', () => {
    const input = {
      ...base,
      mine: [appeal('a', dayEnd + 10 * 86_400_000)],
      messages: [inbound('a', now - 60_000)],
    };
    const notices = decideNotices(input as never);
    expect(notices).toEqual([{ kind: 'message', appealId: 'a', subject: 'Тема a', at: now - 60_000 }]);
    expect(unreadAppealIds(notices)).toEqual(new Set(['a']));
    const opened = { ...input, marks: { ...base.marks, seen: { a: now } } };
    expect(decideNotices(opened as never)).toEqual([]);
  });

  it('does not call messages from before the marks started news', () => {
    const input = {
      ...base,
      mine: [appeal('a', dayEnd + 86_400_000_0)],
      messages: [inbound('a', since - 1)],
    };
    expect(decideNotices(input as never)).toEqual([]);
  });

  it('tells of an assignment, an appeal due today, an overdue one and an answer not delivered', () => {
    const failed = {
      appealId: 'd',
      direction: 'out',
      createdAt: now - 5000,
      updatedAt: now - 1000,
      deliveryStatus: 'failed',
      author: { kind: 'staff', userId: 'me', displayName: 'Я' },
    };
    const notices = decideNotices({
      ...base,
      marks: { since, seen: {}, assignedAt: { a: now - 10 } },
      mine: [
        appeal('a', dayEnd + 86_400_000 * 5),
        appeal('b', dayEnd - 60_000),
        appeal('c', now - 1),
        appeal('d', dayEnd + 86_400_000 * 9),
      ],
      messages: [failed],
    } as never);
    expect(notices.map((n) => [n.kind, n.appealId])).toEqual(
      expect.arrayContaining([
        ['assigned', 'a'],
        ['dueToday', 'b'],
        ['overdue', 'c'],
        ['undelivered', 'd'],
      ]),
    );
    expect(notices).toHaveLength(4);
  });

  it('an answered appeal waiting for closure is neither due today nor overdue', () => {
    expect(
      decideNotices({ ...base, mine: [appeal('a', now - 1, 'answered')], messages: [] } as never),
    ).toEqual([]);
  });
});

describe('in-app notices of the резолюция', () => {
  const task = (assigneeId: string, setAt: number, setById = 'head', doneAt: number | null = null) => ({
    id: `t-${assigneeId}-${setAt}`,
    setById,
    assigneeId,
    text: 'Проверить на месте',
    dueDate: '2027-03-12',
    setAt,
    doneAt,
  });
  const shared = (id: string, coExecutorIds: string[], tasks: ReturnType<typeof task>[]) => ({
    ...appeal(id, dayEnd + 5 * 86_400_000),
    coExecutorIds,
    tasks,
  });

  it('tells of being made a co-executor and of a task given, until the appeal is opened, and marks them unread', () => {
    const input = {
      ...base,
      marks: { since, seen: {}, assignedAt: { 'co:co': now - 20 } },
      mine: [],
      shared: [
        shared('co', ['someone', 'me'], []),
        shared('task', [], [task('me', now - 30), task('me', now - 40, 'head', now - 5)]),
        shared('old-task', [], [task('me', since - 1)]),
        shared('own-task', [], [task('me', now - 50, 'me')]),
        shared('not-yet-noted', ['me'], []),
      ],
      messages: [],
    };
    const notices = decideNotices(input as never);
    expect(notices).toEqual([
      { kind: 'coExecutor', appealId: 'co', subject: 'Тема co', at: now - 20 },
      { kind: 'task', appealId: 'task', subject: 'Тема task', at: now - 30 },
    ]);
    expect(unreadAppealIds(notices)).toEqual(new Set(['co', 'task']));
    const opened = { ...input, marks: { ...input.marks, seen: { co: now, task: now } } };
    expect(decideNotices(opened as never)).toEqual([]);
  });
});
