import { closedStatuses } from '../../../shared/domain/status-machine';
import type { Appeal } from '../../../shared/model/appeal';
import type { Department } from '../../../shared/model/staff';
import { type AppealStatus, appealStatuses } from '../../../shared/model/vocabulary';

/** Statuses of appeals still being worked on (the query selects these). */
export const openStatuses: AppealStatus[] = appealStatuses.filter(
  (status) => !(closedStatuses as readonly AppealStatus[]).includes(status),
);

/** "Due soon": the next step falls within this window (the inbox's "Срок ≤ 3 дней"). */
export const dueSoonMs = 3 * 86_400_000;

export interface DepartmentLoad {
  departmentId: string;
  /** null for the row of appeals not routed to any department. */
  name: string | null;
  open: number;
  overdue: number;
  dueSoon: number;
}

type LoadFields = Pick<Appeal, 'departmentId' | 'status' | 'dueAt'>;

/**
 * Open, overdue and due-soon counts per department, every department listed (with zeros), then a row
 * for unrouted appeals when there are any. Overdue: `dueAt` has passed; due soon: within `dueSoonMs`.
 */
export function departmentLoad(
  appeals: readonly LoadFields[],
  departments: readonly Pick<Department, 'id' | 'name'>[],
  now: number,
): DepartmentLoad[] {
  const rows = new Map<string, DepartmentLoad>(
    [...departments]
      .sort((a, b) => a.name.localeCompare(b.name, 'ru'))
      .map((d) => [d.id, { departmentId: d.id, name: d.name, open: 0, overdue: 0, dueSoon: 0 }]),
  );
  for (const appeal of appeals) {
    if (!openStatuses.includes(appeal.status)) continue;
    let row = rows.get(appeal.departmentId);
    if (!row) {
      row = { departmentId: appeal.departmentId, name: null, open: 0, overdue: 0, dueSoon: 0 };
      rows.set(appeal.departmentId, row);
    }
    row.open += 1;
    if (appeal.dueAt < now) row.overdue += 1;
    else if (appeal.dueAt < now + dueSoonMs) row.dueSoon += 1;
  }
  return [...rows.values()];
}

/** The unassigned queue: open appeals nobody works on yet (unrouted, or routed without an assignee), most urgent first. */
export function unassignedQueue<T extends Pick<Appeal, 'status' | 'assigneeId' | 'dueAt' | 'receivedAt'>>(
  appeals: readonly T[],
): T[] {
  return appeals
    .filter((appeal) => openStatuses.includes(appeal.status) && appeal.assigneeId === '')
    .sort((a, b) => a.dueAt - b.dueAt || a.receivedAt - b.receivedAt);
}
