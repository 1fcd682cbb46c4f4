import {
  calendarDateIn,
  isTaskOverdue,
  mayCompleteTask,
  mayDirect,
  mayWithdrawTask,
  newComment,
  newTask,
} from '../../../../shared/domain/resolution';

const task = {
  id: 't-1',
  setById: 'head-1',
  assigneeId: 'op-1',
  text: 'Подготовить справку',
  dueDate: '2027-01-11',
  setAt: 1,
  doneAt: null,
};

describe('the резолюция of an appeal', () => {
  it('is directed by managers and by the appeal’s assignee, not by another operator', () => {
    expect(mayDirect({ assigneeId: 'op-1' }, { role: 'head', userId: 'head-1' })).toBe(true);
    expect(mayDirect({ assigneeId: 'op-1' }, { role: 'operator', userId: 'op-1' })).toBe(true);
    expect(mayDirect({ assigneeId: 'op-1' }, { role: 'operator', userId: 'op-2' })).toBe(false);
    expect(mayDirect({ assigneeId: '' }, { role: 'operator', userId: '' })).toBe(false);
  });

  it('lets a task be completed by its assignee or setter and withdrawn only by its setter or a manager', () => {
    expect(mayCompleteTask(task, { role: 'operator', userId: 'op-1' })).toBe(true);
    expect(mayCompleteTask(task, { role: 'operator', userId: 'op-2' })).toBe(false);
    expect(mayWithdrawTask(task, { role: 'operator', userId: 'op-1' })).toBe(false);
    expect(mayWithdrawTask(task, { role: 'supervisor', userId: 's-1' })).toBe(true);
  });

  it('refuses an empty comment and a task without text, assignee or due date, naming what is missing', () => {
    expect(newComment('c', 'u', '   ', 1)).toEqual({
      ok: false,
      error: { code: 'work:resolution.errors.emptyComment' },
    });
    const input = {
      id: 't',
      setById: 'h',
      assigneeId: 'o',
      text: 'Сделать',
      dueDate: '2027-01-11',
      setAt: 1,
    };
    expect(newTask({ ...input, text: ' ' }).ok).toBe(false);
    expect(newTask({ ...input, assigneeId: '' })).toMatchObject({
      error: { code: 'work:resolution.errors.noTaskAssignee' },
    });
    expect(newTask({ ...input, dueDate: '' })).toMatchObject({
      error: { code: 'work:resolution.errors.badDue' },
    });
    expect(newTask(input)).toMatchObject({ ok: true, value: { doneAt: null, text: 'Сделать' } });
  });

  it('counts a task overdue after its due date in the organisation’s time zone, never once done', () => {
    // 2027-01-11 22:30 UTC is already 12 January in Moscow.
    const today = calendarDateIn('Europe/Moscow', Date.UTC(2027, 0, 11, 22, 30));
    expect(today).toBe('2027-01-12');
    expect(isTaskOverdue(task, today)).toBe(true);
    expect(isTaskOverdue(task, '2027-01-11')).toBe(false);
    expect(isTaskOverdue({ ...task, doneAt: 5 }, today)).toBe(false);
  });
});
