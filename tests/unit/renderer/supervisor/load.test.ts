import { departmentLoad, dueSoonMs, unassignedQueue } from '../../../../renderer/features/supervisor/load';
import type { Appeal } from '../../../../shared/model/appeal';
import { noDueAt } from '../../../../shared/model/primitives';

const now = Date.UTC(2025, 5, 1, 9);
const day = 86_400_000;
type Row = Pick<Appeal, 'departmentId' | 'status' | 'dueAt' | 'assigneeId' | 'receivedAt'>;
const appeal = (departmentId: string, status: Appeal['status'], dueAt: number, assigneeId = ''): Row => ({
  departmentId,
  status,
  dueAt,
  assigneeId,
  receivedAt: 0,
});

const departments = [
  { id: 'd-roads', name: 'Дороги и транспорт' },
  { id: 'd-housing', name: 'ЖКХ' },
  { id: 'd-social', name: 'Социальная защита' },
];

describe('supervisor counts', () => {
  const appeals = [
    appeal('d-roads', 'in_progress', now - 1),
    appeal('d-roads', 'registered', now + day),
    appeal('d-roads', 'in_progress', now + dueSoonMs + 1),
    appeal('d-roads', 'closed', now - day),
    appeal('d-housing', 'documents_requested', now + 2 * day),
    appeal('d-housing', 'merged', now),
    appeal('', 'new', noDueAt),
  ];

  it('counts open, overdue and due-soon appeals per department, closed ones not at all', () => {
    expect(departmentLoad(appeals, departments, now)).toEqual([
      { departmentId: 'd-roads', name: 'Дороги и транспорт', open: 3, overdue: 1, dueSoon: 1 },
      { departmentId: 'd-housing', name: 'ЖКХ', open: 1, overdue: 0, dueSoon: 1 },
      { departmentId: 'd-social', name: 'Социальная защита', open: 0, overdue: 0, dueSoon: 0 },
      { departmentId: '', name: null, open: 1, overdue: 0, dueSoon: 0 },
    ]);
  });

  it('queues open appeals without an assignee, most urgent first', () => {
    const queue = unassignedQueue([...appeals, appeal('d-social', 'in_progress', now, 'user-1')]);
    expect(queue.map((a) => [a.departmentId, a.dueAt])).toEqual([
      ['d-roads', now - 1],
      ['d-roads', now + day],
      ['d-housing', now + 2 * day],
      ['d-roads', now + dueSoonMs + 1],
      ['', noDueAt],
    ]);
  });
});
