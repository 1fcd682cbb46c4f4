import { expect, test } from '../support/officials';
import { apiLogin, appealOnServer, departmentsByCode, uniqueSubject } from '../support/okno-api';
import { openAppealFromInbox, seedAppeal } from './support';

const operatorName = 'Исполнитель Иванова А. С.';

test.describe('the резолюция of an appeal', () => {
  test('a head names a co-executor and sets a task with a due date; the operator marks it done at another computer', async ({
    officials,
  }) => {
    const supervisor = await apiLogin('demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const subject = uniqueSubject('Разбита детская площадка');
    const seeded = await seedAppeal(supervisor, { departmentId: departments.ДТ!, subject });
    const due = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);

    // The operator is at work while the head writes the резолюция: being named is news to them.
    const operator = await officials.signIn('demo-operator');
    const head = await officials.signIn('demo-head');
    await openAppealFromInbox(head, subject);
    const panel = head.getByRole('region', { name: 'Резолюция и работа по обращению' });
    await panel.getByRole('combobox', { name: 'Добавить соисполнителя' }).click();
    await head.getByRole('option', { name: operatorName }).click();
    await expect(panel.getByText(operatorName).first()).toBeVisible();
    await panel.getByRole('textbox', { name: 'Текст поручения' }).fill('Осмотреть площадку и составить акт');
    await panel.getByRole('combobox', { name: 'Кому' }).click();
    await head.getByRole('option', { name: operatorName }).click();
    await panel.getByLabel('Срок исполнения').fill(due);
    await panel.getByRole('button', { name: 'Дать поручение' }).click();
    await expect(panel.getByTestId('appeal-task')).toContainText('Осмотреть площадку и составить акт');

    // Not assigned to the operator, yet theirs to work on: in «Мои», announced under the bell, marked unread.
    await operator.getByRole('button', { name: /^Мои( \d+)?$/ }).click();
    const row = operator.getByTestId('inbox-row').filter({ hasText: subject });
    await expect(row).toBeVisible({ timeout: 15_000 });
    await expect(row.getByTestId('inbox-row-unread')).toHaveCount(1);
    await operator.getByRole('button', { name: /^Уведомления: \d+ нов/ }).click();
    const notices = operator.getByTestId('notification').filter({ hasText: subject });
    await expect(notices.filter({ hasText: 'Вы назначены соисполнителем' })).toHaveCount(1);
    await expect(notices.filter({ hasText: 'Вам дано поручение' })).toHaveCount(1);
    await operator.keyboard.press('Escape');
    await openAppealFromInbox(operator, subject);
    const task = operator
      .getByRole('region', { name: 'Резолюция и работа по обращению' })
      .getByTestId('appeal-task')
      .filter({ hasText: 'Осмотреть площадку' });
    await expect(task).toContainText('Начальник отдела Петров В. Н. → Исполнитель Иванова А. С.');
    // The box follows the stored task (a local write a moment later), so it is clicked, then awaited.
    const done = task.getByRole('checkbox', { name: 'Отметить выполненным' });
    await done.click();
    await expect(done).toBeChecked();
    await expect(task).toContainText('Выполнено');

    await expect
      .poll(async () => (await appealOnServer(supervisor, seeded.id))?.tasks?.[0]?.doneAt ?? null, {
        timeout: 20_000,
      })
      .toEqual(expect.any(Number));
    const stored = await appealOnServer(supervisor, seeded.id);
    expect(stored.tasks).toEqual([
      expect.objectContaining({
        text: 'Осмотреть площадку и составить акт',
        dueDate: due,
        setById: expect.any(String),
      }),
    ]);
    expect(stored.coExecutorIds).toHaveLength(1);
  });
});
