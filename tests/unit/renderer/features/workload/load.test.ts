import { dueSoonMs } from '../../../../../renderer/app/time-left';
import { personLoad } from '../../../../../renderer/features/workload/load';
import { noDueAt } from '../../../../../shared/model/primitives';

const now = Date.UTC(2027, 2, 10, 9, 0);
const people = [
  { id: 'u-petrov', displayName: 'Петров П. П.' },
  { id: 'u-ivanova', displayName: 'Иванова И. И.' },
];
const appeal = (assigneeId: string, dueAt: number, status = 'in_progress') =>
  ({ assigneeId, dueAt, status }) as const;

describe('load per person', () => {
  it('counts open, overdue and due-soon appeals per person, by name, then the unassigned ones', () => {
    const rows = personLoad(
      [
        appeal('u-petrov', now - 1),
        appeal('u-petrov', now + dueSoonMs - 1),
        appeal('u-petrov', now + dueSoonMs + 1),
        appeal('', now - 5),
        appeal('u-petrov', now - 1, 'closed'),
      ] as never,
      people,
      now,
    );
    expect(rows).toEqual([
      { userId: 'u-ivanova', name: 'Иванова И. И.', open: 0, overdue: 0, dueSoon: 0 },
      { userId: 'u-petrov', name: 'Петров П. П.', open: 3, overdue: 1, dueSoon: 1 },
      { userId: '', name: null, open: 1, overdue: 1, dueSoon: 0 },
    ]);
  });

  it('counts an answered appeal, which waits for closure, as open but never overdue', () => {
    const [row] = personLoad(
      [appeal('u-ivanova', now - 1, 'answered'), appeal('u-ivanova', noDueAt)] as never,
      [people[1]!],
      now,
    );
    expect(row).toMatchObject({ open: 2, overdue: 0, dueSoon: 0 });
  });
});
