import { randomToken } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createOknoDatabase, type OknoDatabase } from '../../../../../renderer/db/database';
import {
  type InboxFilters,
  type InboxView,
  inboxLanes,
  inboxViews,
  noFilters,
} from '../../../../../renderer/features/inbox/inbox-query';

// The plans RxDB itself makes for these queries (RxQuery adds `_deleted: false`, which every index leads with).
let db: OknoDatabase;
beforeAll(async () => {
  db = await createOknoDatabase({
    name: `plan${randomToken(8).toLowerCase()}`,
    storage: getRxStorageMemory(),
  });
});
afterAll(() => db.remove());

const user = { id: 'user-1', departmentIds: ['dept-a', 'dept-b'] };
const now = Date.UTC(2026, 2, 10, 9);

function plansOf(view: InboxView, filters: InboxFilters = noFilters) {
  return inboxLanes(view, filters, user, now).map((lane) => ({
    lane,
    plan: db.appeals.find(lane.query).getPreparedQuery().queryPlan,
  }));
}

const expectedIndex = {
  status: ['_deleted', 'status', 'dueAt', 'id'],
  department: ['_deleted', 'departmentId', 'status', 'dueAt', 'id'],
  assignee: ['_deleted', 'assigneeId', 'status', 'dueAt', 'id'],
  regime: ['_deleted', 'regime', 'dueAt', 'id'],
  channel: ['_deleted', 'channel', 'dueAt', 'id'],
} as const;

describe('every inbox view is served by an index of the appeals schema', () => {
  it.each(inboxViews)('view «%s»: each lane uses its index and gets deadline order from it', (view) => {
    for (const { lane, plan } of plansOf(view)) {
      expect(plan.index).toEqual(expectedIndex[lane.index]);
      expect(plan.sortSatisfiedByIndex).toBe(true);
      // The range is pinned to the lane's equality prefix: not a scan of the whole index.
      expect(plan.startKeys[1]).toBe(plan.endKeys[1]);
    }
  });

  it('uses the assignee index for «Мои» and «Новые без исполнителя», the department index for «Отдел»', () => {
    // «Мои» also lists the appeals one co-executes or has an open task in: status lanes with a condition
    // (no index holds an array), measured at 10,000 appeals in mine-shared.bench (see inbox-query.ts).
    expect(new Set(plansOf('mine').map(({ lane }) => lane.index))).toEqual(new Set(['assignee', 'status']));
    expect(plansOf('mine').filter(({ lane }) => lane.index === 'assignee')).toHaveLength(6);
    expect(new Set(plansOf('unassigned').map(({ lane }) => lane.index))).toEqual(new Set(['assignee']));
    expect(new Set(plansOf('department').map(({ lane }) => lane.index))).toEqual(new Set(['department']));
    // Two departments × the six statuses of open work (answered ones wait in «Ждут закрытия»).
    expect(plansOf('department')).toHaveLength(2 * 6);
  });

  it('fully satisfies a status lane with a deadline window by the index range (fast counts)', () => {
    const [first] = plansOf('all', { ...noFilters, statuses: ['in_progress'], deadline: 'within3Days' });
    expect(first!.plan.selectorSatisfiedByIndex).toBe(true);
    expect(first!.plan.startKeys.slice(0, 2)).toEqual([false, 'in_progress']);
    expect(first!.plan.endKeys.slice(0, 3)).toEqual([false, 'in_progress', now + 3 * 24 * 3_600_000]);
  });

  it('narrows by regime or channel with their own indexes when no status, department or assignee is chosen', () => {
    expect(plansOf('all', { ...noFilters, regimes: ['incident'] }).map(({ plan }) => plan.index)).toEqual([
      expectedIndex.regime,
    ]);
    expect(plansOf('all', { ...noFilters, channels: ['vk'] }).map(({ plan }) => plan.index)).toEqual([
      expectedIndex.channel,
    ]);
  });

  it('takes several values of a filter: a lane per value where the index leads with it, `$in` where it rides along', () => {
    const plans = plansOf('all', {
      ...noFilters,
      statuses: ['new', 'in_progress'],
      channels: ['vk', 'telegram'],
    });
    expect(plans.map(({ lane }) => lane.query.selector?.status)).toEqual(['new', 'in_progress']);
    for (const { lane, plan } of plans) {
      expect(plan.index).toEqual(expectedIndex.status);
      expect(plan.sortSatisfiedByIndex).toBe(true);
      expect(lane.query.selector?.channel).toEqual({ $in: ['vk', 'telegram'] });
    }
    const byRegime = plansOf('all', { ...noFilters, regimes: ['incident', 'portal'] });
    expect(byRegime.map(({ plan }) => plan.index)).toEqual([expectedIndex.regime, expectedIndex.regime]);
    const byAssignee = plansOf('all', { ...noFilters, assigneeIds: ['u-1', ''] });
    expect(new Set(byAssignee.map(({ lane }) => lane.query.selector?.assigneeId))).toEqual(
      new Set(['u-1', '']),
    );
    expect(byAssignee.every(({ plan }) => plan.sortSatisfiedByIndex)).toBe(true);
  });

  it('keeps a category filter as a condition on the index range', () => {
    for (const { plan } of plansOf('department', { ...noFilters, categories: ['roads'] })) {
      expect(plan.index).toEqual(expectedIndex.department);
      expect(plan.sortSatisfiedByIndex).toBe(true);
    }
  });
});

describe('the "today" deadline window', () => {
  // 22:30 in Vladivostok (UTC+10) on 10 March is 12:30 UTC: "today" there ends in 1.5 hours.
  const late = Date.UTC(2026, 2, 10, 12, 30);
  const upTo = (timeZone: string) => {
    const [lane] = inboxLanes('all', { ...noFilters, deadline: 'today' }, { ...user, timeZone }, late);
    return (lane!.query.selector!.dueAt as { $lte: number }).$lte;
  };

  it('ends at the organisation’s midnight, whatever the computer’s time zone', () => {
    expect(upTo('Asia/Vladivostok')).toBe(Date.UTC(2026, 2, 10, 13, 59, 59, 999));
    expect(upTo('Europe/Kaliningrad')).toBe(Date.UTC(2026, 2, 10, 21, 59, 59, 999));
  });

  it('falls back to UTC for a time zone the computer does not know', () => {
    expect(upTo('Mars/Olympus')).toBe(Date.UTC(2026, 2, 10, 23, 59, 59, 999));
  });
});

describe('answered appeals wait for closure in their own view', () => {
  const statusesOf = (view: InboxView) =>
    inboxLanes(view, noFilters, user, now).flatMap((lane) => {
      const status = lane.query.selector?.status;
      return typeof status === 'string' ? [status] : ((status as { $in?: string[] })?.$in ?? []);
    });

  it('defect 7: an answered appeal is not among «Все открытые» nor any view of open work', () => {
    for (const view of inboxViews.filter((v) => v !== 'answered'))
      expect(statusesOf(view)).not.toContain('answered');
  });

  it('«Ждут закрытия» holds the answered ones, served by the status index', () => {
    expect(statusesOf('answered')).toEqual(['answered']);
    expect(plansOf('answered').map(({ plan }) => plan.index)).toEqual([expectedIndex.status]);
  });
});
