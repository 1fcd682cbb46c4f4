import type { RxCollection } from 'rxdb';
import type { OrgDeadlineSettings } from '../../../shared/domain/deadlines';
import { openStatuses } from '../../../shared/domain/status-machine';
import type { Appeal } from '../../../shared/model/appeal';
import { forwardingClock } from '../../../shared/model/running-clocks';
import type { Department } from '../../../shared/model/staff';
import { dueSoonMs } from '../../app/time-left';

export interface DepartmentLoad {
  departmentId: string;
  /** null for the row of appeals not routed to any department. */
  name: string | null;
  open: number;
  overdue: number;
  dueSoon: number;
  /** Answered appeals waiting for closure: no running deadline, never overdue (issue 11, defect 7). */
  awaitingClosure: number;
}

/** The appeals collection as far as counting needs it (RxDB's `count()`). */
export type CountableAppeals = Pick<RxCollection<Appeal>, 'count'>;

interface Counts {
  open: number;
  overdue: number;
  dueSoon: number;
  awaitingClosure: number;
}

/**
 * The statuses whose deadline runs: every open status but `answered`, whose answer is given — it waits
 * for closure and is counted apart (defect 7).
 */
const runningStatuses = openStatuses.filter((status) => status !== 'answered');

/**
 * Open, overdue and due-soon appeals of one department (or of everyone with `null`), counted by index:
 * one count per running status over `[departmentId,status,dueAt]` (`[status,dueAt]` for everyone), so the
 * cost does not grow with the number of appeals. Overdue: `dueAt` has passed; due soon: within `dueSoonMs`.
 * Answered appeals are one more count of their own, never open work nor overdue.
 */
async function countOpen(
  appeals: CountableAppeals,
  departmentId: string | null,
  now: number,
): Promise<Counts> {
  const awaitingClosure = appeals
    .count({
      selector: departmentId === null ? { status: 'answered' } : { departmentId, status: 'answered' },
    })
    .exec();
  const perStatus = await Promise.all(
    runningStatuses.map((status) => {
      const base = departmentId === null ? { status } : { departmentId, status };
      return Promise.all([
        appeals.count({ selector: base }).exec(),
        appeals.count({ selector: { ...base, dueAt: { $lt: now } } }).exec(),
        appeals.count({ selector: { ...base, dueAt: { $gte: now, $lt: now + dueSoonMs } } }).exec(),
      ]);
    }),
  );
  return perStatus.reduce(
    (sum, [open, overdue, dueSoon]) => ({
      open: sum.open + open,
      overdue: sum.overdue + overdue,
      dueSoon: sum.dueSoon + dueSoon,
      awaitingClosure: sum.awaitingClosure,
    }),
    { open: 0, overdue: 0, dueSoon: 0, awaitingClosure: await awaitingClosure },
  );
}

/**
 * Counts per department, every department listed (with zeros), sorted by name, then a row for the
 * open appeals of no known department (unrouted, or routed to a department the user does not see
 * by name) when there are any — the difference between everyone's counts and the departments' sum.
 */
export async function departmentLoad(
  appeals: CountableAppeals,
  departments: readonly Pick<Department, 'id' | 'name'>[],
  now: number,
): Promise<DepartmentLoad[]> {
  const sorted = [...departments].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  const [total, ...rows] = await Promise.all([
    countOpen(appeals, null, now),
    ...sorted.map((department) => countOpen(appeals, department.id, now)),
  ]);
  const load: DepartmentLoad[] = sorted.map((department, i) => ({
    departmentId: department.id,
    name: department.name,
    ...(rows[i] as Counts),
  }));
  const rest = {
    open: total!.open - load.reduce((sum, row) => sum + row.open, 0),
    overdue: total!.overdue - load.reduce((sum, row) => sum + row.overdue, 0),
    dueSoon: total!.dueSoon - load.reduce((sum, row) => sum + row.dueSoon, 0),
    awaitingClosure: total!.awaitingClosure - load.reduce((sum, row) => sum + row.awaitingClosure, 0),
  };
  if (rest.open > 0 || rest.awaitingClosure > 0) load.push({ departmentId: '', name: null, ...rest });
  return load;
}

/** The appeals collection as far as the forwarding count needs it (the registered appeals, by index). */
export type FindableAppeals = Pick<RxCollection<Appeal>, 'find'>;

/**
 * «Просрочена переадресация»: per department, the registered appeals whose 7-day forwarding clock
 * (59-FZ art. 8 part 3, shared/model/running-clocks.ts) has run out with nobody having taken them into
 * work — apart from the answer-term overdue count, which they are not in yet. Key `''` counts the rest
 * (unrouted, or of a department not in `departmentIds`), as the load's unrouted row does. Reads only
 * the appeals in status `registered` (the status index): they wait days, so they are few.
 */
export async function forwardingOverdue(
  appeals: FindableAppeals,
  departmentIds: readonly string[],
  org: OrgDeadlineSettings,
  now: number,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = { '': 0 };
  for (const id of departmentIds) counts[id] = 0;
  const registered = await appeals.find({ selector: { status: 'registered' } }).exec();
  for (const doc of registered) {
    if (!forwardingClock(doc, org, now)?.overdue) continue;
    const key = Object.hasOwn(counts, doc.departmentId) ? doc.departmentId : '';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/**
 * A reassignment list in order: open appeals, most urgent first. The unassigned queue (the default)
 * keeps only appeals nobody works on yet (unrouted, or routed without an assignee), never an answered one
 * (its answer is given; it waits for closure, defect 7); a department's list (`anyAssignee`) keeps all of
 * its open appeals.
 */
export function unassignedQueue<T extends Pick<Appeal, 'status' | 'assigneeId' | 'dueAt' | 'receivedAt'>>(
  appeals: readonly T[],
  anyAssignee = false,
): T[] {
  return appeals
    .filter(
      (appeal) =>
        openStatuses.includes(appeal.status) &&
        (anyAssignee || (appeal.assigneeId === '' && appeal.status !== 'answered')),
    )
    .sort((a, b) => a.dueAt - b.dueAt || a.receivedAt - b.receivedAt);
}
