import { seedAppeal } from '../appeal/support';
import { findInInbox, inboxRow } from '../support/inbox-page';
import { expect, test } from '../support/officials';
import { apiLogin, departmentsByCode, editAppeal, uniqueSubject, userIdByLogin } from '../support/okno-api';

test.describe('in-app notifications', () => {
  test('an appeal assigned to the operator by someone else is announced under the bell and marked unread in the list until opened', async ({
    officials,
  }) => {
    const supervisor = await apiLogin('demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const subject = uniqueSubject('Упало дерево на детской площадке');
    const seeded = await seedAppeal(supervisor, { departmentId: departments.ДТ!, subject });

    const page = await officials.signIn('demo-operator');
    await findInInbox(page, subject);
    const row = inboxRow(page, subject);
    await expect(row.getByTestId('inbox-row-unread')).toHaveCount(0);

    const answer = await editAppeal(supervisor, seeded.id, {
      assigneeId: await userIdByLogin(supervisor, 'Исполнитель Иванова А. С.'),
      status: 'in_progress',
    });
    expect(answer.refusals).toEqual([]);

    await expect(row.getByTestId('inbox-row-unread')).toHaveCount(1, { timeout: 15_000 });
    await page.getByRole('button', { name: /^Уведомления: \d+ нов/ }).click();
    const notice = page.getByTestId('notification').filter({ hasText: subject });
    await expect(notice).toContainText('Вам назначено обращение');
    await notice.click();
    await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();

    await page.keyboard.press('Escape');
    await findInInbox(page, subject);
    await expect(inboxRow(page, subject).getByTestId('inbox-row-unread')).toHaveCount(0);
    await page.getByRole('button', { name: /^Уведомления/ }).click();
    await expect(page.getByTestId('notification').filter({ hasText: subject })).toHaveCount(0);
  });
});
