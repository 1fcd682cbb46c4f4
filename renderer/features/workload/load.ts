import { openStatuses } from '../../../shared/domain/status-machine';
import type { Appeal } from '../../../shared/model/appeal';
import { noDueAt } from '../../../shared/model/primitives';
import type { UserProfile } from '../../../shared/model/staff';
import { dueSoonMs } from '../../app/time-left';

export interface PersonLoad {
  /** `''` for the row of open appeals nobody is assigned to. */
  userId: string;
  name: string | null;
  open: number;
  overdue: number;
  dueSoon: number;
}

type Counted = Pick<Appeal, 'assigneeId' | 'status' | 'dueAt'>;

/**
 * Open, overdue and due-soon appeals per person: every person of the viewer's departments (with
 * zeros, so a free colleague shows), by name, then the unassigned ones. An appeal assigned to someone
 * outside the list still counts, under that person's id. Answered appeals wait for closure and have no
 * running deadline: they count as open, never as overdue.
 */
export function personLoad(
  appeals: readonly Counted[],
  people: readonly Pick<UserProfile, 'id' | 'displayName'>[],
  now: number,
): PersonLoad[] {
  const rows = new Map<string, PersonLoad>();
  const row = (userId: string, name: string | null) => {
    let found = rows.get(userId);
    if (!found) {
      found = { userId, name, open: 0, overdue: 0, dueSoon: 0 };
      rows.set(userId, found);
    }
    return found;
  };
  for (const person of [...people].sort((a, b) => a.displayName.localeCompare(b.displayName, 'ru')))
    row(person.id, person.displayName);
  for (const appeal of appeals) {
    if (!openStatuses.includes(appeal.status)) continue;
    const counted = row(appeal.assigneeId, null);
    counted.open += 1;
    if (appeal.status === 'answered' || appeal.dueAt === noDueAt) continue;
    if (appeal.dueAt < now) counted.overdue += 1;
    else if (appeal.dueAt < now + dueSoonMs) counted.dueSoon += 1;
  }
  const unassigned = rows.get('');
  rows.delete('');
  return [...rows.values(), ...(unassigned && unassigned.open > 0 ? [unassigned] : [])];
}
