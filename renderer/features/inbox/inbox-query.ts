/**
 * Inbox views and filters as RxDB queries that the appeals schema's indexes serve (no full scans at
 * 100,000 appeals). A view is a union of "lanes": each lane fixes the leading fields of one index by
 * equality and ranges over `dueAt`, so the index both bounds the scan and yields the deadline order;
 * the lanes are merged by (dueAt, id). Filters no index leads with (category…) ride along as
 * conditions checked on the index's range.
 *
 *   status lane        ['status', 'dueAt']                  everything open, or one status
 *   department lane    ['departmentId', 'status', 'dueAt']  «Отдел», department filter
 *   assignee lane      ['assigneeId', 'status', 'dueAt']    «Мои», «Новые без исполнителя», assignee filter
 *   shared lanes       ['status', 'dueAt'] + a condition    «Мои»: where the user is a co-executor or has
 *                                                           an open task (arrays no index can hold)
 *   regime / channel   ['regime', 'dueAt'] / ['channel', 'dueAt'] when only those narrow the view
 */
import type { MangoQuery, MangoQuerySelector } from 'rxdb';
import { type Zone, zoneNamed } from '../../../shared/domain/calendar/time-zone';
import { openStatuses } from '../../../shared/domain/status-machine';
import type { Appeal } from '../../../shared/model/appeal';
import type { AppealStatus, Channel, Regime } from '../../../shared/model/vocabulary';
import { dueSoonMs } from '../../app/time-left';

export const inboxViews = [
  'mine',
  'department',
  'unassigned',
  'dueSoon',
  'overdue',
  'all',
  'answered',
  'forwarding',
  'notIncidents',
] as const;
export type InboxView = (typeof inboxViews)[number];

export const deadlineWindows = ['overdue', 'today', 'within3Days', 'within7Days'] as const;
export type DeadlineWindow = (typeof deadlineWindows)[number];

/** Filters with several values each (any of them matches); an empty list does not filter. */
export interface InboxFilters {
  readonly channels: readonly Channel[];
  readonly regimes: readonly Regime[];
  readonly statuses: readonly AppealStatus[];
  readonly departmentIds: readonly string[];
  /** `''` = unassigned. */
  readonly assigneeIds: readonly string[];
  readonly categories: readonly string[];
  readonly deadline: DeadlineWindow | null;
}

export const noFilters: InboxFilters = {
  channels: [],
  regimes: [],
  statuses: [],
  departmentIds: [],
  assigneeIds: [],
  categories: [],
  deadline: null,
};

/** One value as equality (what an index range can pin), several as `$in`. */
const oneOrAny = <T>(values: readonly T[]): T | { $in: T[] } =>
  values.length === 1 ? (values[0] as T) : { $in: [...values] };

export interface InboxUser {
  readonly id: string;
  readonly departmentIds: readonly string[];
  /** The organisation's time zone: "today" ends at its midnight, not the computer's (default UTC). */
  readonly timeZone?: string;
}

export { openStatuses };

/**
 * What the views count as work: every open status but `answered`, whose deadline is met — it waits for
 * closure in its own view («Ждут закрытия»), not among the open work (issue 11, defect 7).
 */
const workingStatuses: readonly AppealStatus[] = openStatuses.filter((status) => status !== 'answered');

/**
 * Where the 7-day forwarding clock runs (59-FZ art. 8 part 3, shared/model/running-clocks.ts): formal
 * appeals registered and not yet taken into work — «Переадресация: срок 7 дней».
 */
const forwardingStatuses: readonly AppealStatus[] = ['registered'];

/**
 * «Не инциденты» (issue 13): a new chat message that triage says is not an incident (thanks, greetings,
 * chatter, a question for information, advertising, abuse) while no person has decided otherwise.
 * A person decides by categorising it (it becomes work: `category` set), taking or routing it into work
 * (status no longer `new`), or closing it as not an incident. Only the incident regime: a portal
 * message and a formal appeal are answered by law whatever their text says. Only a message from a chat
 * (it has a conversation): an incident an official entered by hand (phone, reception) is work a person
 * already judged, whatever triage says of its words.
 */
const nonIncident: MangoQuerySelector<Appeal> = {
  regime: 'incident',
  status: 'new',
  category: null,
  conversationId: { $ne: '' },
  'triage.incident.value': false,
};
/** The working views' side of the same line: any appeal but a non-incident awaiting a person. */
const notNonIncident: MangoQuerySelector<Appeal> = {
  $or: [
    { regime: { $ne: 'incident' } },
    { status: { $ne: 'new' } },
    { category: { $ne: null } },
    { conversationId: '' },
    { 'triage.incident.value': { $ne: false } },
  ],
};

/** Whether an appeal is a non-incident awaiting a person's decision (the view «Не инциденты»). */
export function awaitsIncidentDecision(
  appeal: Pick<Appeal, 'regime' | 'status' | 'category' | 'conversationId'> & {
    readonly triage: { readonly incident: { readonly value: boolean } } | null;
  },
): boolean {
  return (
    appeal.regime === 'incident' &&
    appeal.status === 'new' &&
    appeal.category === null &&
    appeal.conversationId !== '' &&
    appeal.triage?.incident.value === false
  );
}

/** Where a new appeal waits for someone to take it (the regimes' initial and registered states). */
const awaitingStatuses: readonly AppealStatus[] = ['new', 'received', 'registered'];

const hour = 3_600_000;
const day = 24 * hour;

export type LaneIndex = 'status' | 'department' | 'assignee' | 'regime' | 'channel';

export interface Lane {
  readonly index: LaneIndex;
  readonly query: MangoQuery<Appeal>;
  /**
   * A condition no index holds may match rarely across the whole index range (the резолюция's lanes of
   * «Мои», «Не инциденты»): the read walks the range. Once the search index is built, such a view is
   * read from it.
   */
  readonly scans?: true;
}

const laneSort: Record<LaneIndex, MangoQuery<Appeal>['sort']> = {
  status: [{ status: 'asc' }, { dueAt: 'asc' }, { id: 'asc' }],
  department: [{ departmentId: 'asc' }, { status: 'asc' }, { dueAt: 'asc' }, { id: 'asc' }],
  assignee: [{ assigneeId: 'asc' }, { status: 'asc' }, { dueAt: 'asc' }, { id: 'asc' }],
  regime: [{ regime: 'asc' }, { dueAt: 'asc' }, { id: 'asc' }],
  channel: [{ channel: 'asc' }, { dueAt: 'asc' }, { id: 'asc' }],
};

const laneIndexFields: Record<LaneIndex, string[]> = {
  status: ['status', 'dueAt'],
  department: ['departmentId', 'status', 'dueAt'],
  assignee: ['assigneeId', 'status', 'dueAt'],
  regime: ['regime', 'dueAt'],
  channel: ['channel', 'dueAt'],
};

/** The last millisecond of today in the organisation's time zone. */
function endOfDay(now: number, timeZone: string): number {
  let zone: Zone;
  try {
    zone = zoneNamed(timeZone);
  } catch {
    zone = zoneNamed('UTC');
  }
  const local = zone.toLocal(now);
  return zone.toUtc(local - (((local % day) + day) % day) + day - 1);
}

/** The `dueAt` range of a view and a deadline window (both may narrow it). */
function dueRange(
  view: InboxView,
  window: DeadlineWindow | null,
  now: number,
  timeZone: string,
): { $gte?: number; $lt?: number; $lte?: number } {
  const range: { $gte?: number; $lt?: number; $lte?: number } = {};
  const upTo = (limit: number) => {
    range.$lte = Math.min(range.$lte ?? Number.MAX_SAFE_INTEGER, limit);
  };
  if (view === 'overdue') range.$lt = now;
  if (view === 'dueSoon') {
    range.$gte = now;
    upTo(now + dueSoonMs);
  }
  if (window === 'overdue') range.$lt = Math.min(range.$lt ?? now, now);
  if (window === 'today') upTo(endOfDay(now, timeZone));
  if (window === 'within3Days') upTo(now + 3 * day);
  if (window === 'within7Days') upTo(now + 7 * day);
  // Without a deadline (noDueAt) an appeal sorts last and never counts as due soon.
  if (range.$lte === undefined && range.$lt === undefined) range.$gte ??= 0;
  return range;
}

/** The lanes of a view with filters, for `user` at `now`. */
export function inboxLanes(view: InboxView, filters: InboxFilters, user: InboxUser, now: number): Lane[] {
  const statuses: readonly AppealStatus[] =
    filters.statuses.length > 0
      ? filters.statuses
      : view === 'unassigned'
        ? awaitingStatuses
        : view === 'answered'
          ? (['answered'] as const)
          : view === 'forwarding'
            ? forwardingStatuses
            : view === 'notIncidents'
              ? (['new'] as const)
              : workingStatuses;
  const assignees: readonly string[] | null =
    view === 'mine'
      ? [user.id]
      : view === 'unassigned'
        ? ['']
        : filters.assigneeIds.length > 0
          ? filters.assigneeIds
          : null;
  const departments: readonly string[] | null =
    filters.departmentIds.length > 0
      ? filters.departmentIds
      : view === 'department' && user.departmentIds.length > 0
        ? user.departmentIds
        : null;

  const common: MangoQuerySelector<Appeal> = {
    dueAt: dueRange(view, filters.deadline, now, user.timeZone ?? 'UTC'),
  };
  if (filters.categories.length > 0) common.category = oneOrAny(filters.categories);
  // Non-incidents have their own view and stay out of every other (issue 13). A category or another
  // regime filtered for finds none there: a non-incident has no category and is a chat message.
  const notIncidents = view === 'notIncidents';
  if (
    notIncidents &&
    (filters.categories.length > 0 || (filters.regimes.length > 0 && !filters.regimes.includes('incident')))
  )
    return [];
  // Only a `new` appeal can be a non-incident: the other statuses' lanes stay wholly served by their
  // index (fast counts); the view's own lanes name their index, which `regime` would otherwise take.
  const mayBeNew = (status: unknown) =>
    status === 'new' ||
    (typeof status === 'object' && ((status as { $in?: unknown[] }).$in ?? []).includes('new'));
  const lane = (index: LaneIndex, selector: MangoQuerySelector<Appeal>): Lane =>
    notIncidents
      ? {
          index,
          query: {
            selector: { ...selector, ...common, ...nonIncident },
            sort: laneSort[index],
            index: laneIndexFields[index],
          },
          // Chat, no category, triage's verdict: conditions on the whole `new` range, matching rarely.
          scans: true,
        }
      : {
          index,
          query: {
            selector: { ...(mayBeNew(selector.status) ? notNonIncident : {}), ...selector, ...common },
            sort: laneSort[index],
          },
        };
  const withExtra = (selector: MangoQuerySelector<Appeal>, skip: 'regime' | 'channel' | null = null) => ({
    ...selector,
    ...(filters.regimes.length > 0 && skip !== 'regime' ? { regime: oneOrAny(filters.regimes) } : {}),
    ...(filters.channels.length > 0 && skip !== 'channel' ? { channel: oneOrAny(filters.channels) } : {}),
  });

  if (assignees !== null) {
    const inDepartments = departments ? { departmentId: { $in: [...departments] } } : {};
    const own = assignees.flatMap((assigneeId) =>
      statuses.map((status) => lane('assignee', withExtra({ assigneeId, status, ...inDepartments }))),
    );
    if (view !== 'mine') return own;
    // A СЭД резолюция's co-executors and task assignees work on the appeal too: it is theirs as well.
    // Each appeal in exactly one lane (the lanes are merged and counted without de-duplication).
    const shared = (condition: MangoQuerySelector<Appeal>) =>
      statuses.map(
        (status): Lane => ({
          ...lane(
            'status',
            withExtra({ status, assigneeId: { $ne: user.id }, ...inDepartments, ...condition }),
          ),
          scans: true,
        }),
      );
    return [
      ...own,
      ...shared({ coExecutorIds: { $elemMatch: { $eq: user.id } } }),
      ...shared({
        coExecutorIds: { $nin: [user.id] },
        tasks: { $elemMatch: { assigneeId: user.id, doneAt: null } },
      }),
    ];
  }
  if (departments) {
    return departments.flatMap((departmentId) =>
      statuses.map((status) => lane('department', withExtra({ departmentId, status }))),
    );
  }
  if (filters.statuses.length === 0 && (filters.regimes.length > 0 || filters.channels.length > 0)) {
    const statusIn = { status: { $in: [...statuses] } };
    return filters.regimes.length > 0
      ? filters.regimes.map((regime) => lane('regime', withExtra({ regime, ...statusIn }, 'regime')))
      : filters.channels.map((channel) => lane('channel', withExtra({ channel, ...statusIn }, 'channel')));
  }
  return statuses.map((status) => lane('status', withExtra({ status })));
}

/** The same view as one selector, for checking documents in memory (search hits). */
export function inboxSelector(
  view: InboxView,
  filters: InboxFilters,
  user: InboxUser,
  now: number,
): MangoQuerySelector<Appeal> {
  const lanes = inboxLanes(view, filters, user, now);
  if (lanes.length === 0) return { id: { $in: [] } };
  return lanes.length === 1
    ? (lanes[0]!.query.selector ?? {})
    : { $or: lanes.map((l) => l.query.selector ?? {}) };
}

/**
 * The order of «Переадресация: срок 7 дней»: by the forwarding due date, which is the registration day
 * plus 7 days moved off days off — so by `registeredAt`, then id. The window read in deadline order is
 * re-sorted, exact while the view holds fewer appeals than a window (registered appeals wait days, not months).
 */
export function byForwardingDue(
  a: Pick<Appeal, 'registeredAt' | 'id'>,
  b: Pick<Appeal, 'registeredAt' | 'id'>,
): number {
  return (a.registeredAt ?? 0) - (b.registeredAt ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Deadline order: by `dueAt`, then id (the order every lane's index yields). */
export function byDeadline(a: Pick<Appeal, 'dueAt' | 'id'>, b: Pick<Appeal, 'dueAt' | 'id'>): number {
  return a.dueAt - b.dueAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
