import { expect, test } from '@playwright/test';
import { findInInbox, inboxRow, search, signInToInbox, uniqueTail } from '../support/inbox-page';
import { createAppeals, departmentsByCode, signIn, uniqueSubject } from '../support/okno-api';

test.describe('the unified inbox of an operator', () => {
  test('shows only the department’s appeals, finds them by word forms, and opens one', async ({
    page,
    request,
  }) => {
    const supervisor = await signIn(request, 'demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const ours = uniqueSubject('Яма на дороге у школы');
    const theirs = uniqueSubject('Нет отопления в подъезде');
    await createAppeals(supervisor, [
      {
        subject: ours,
        text: 'Глубокие ямы на дорогах возле школы № 5',
        departmentId: departments.ДТ!,
        channel: 'telegram',
      },
      { subject: theirs, text: 'Холодные батареи', departmentId: departments.ЖКХ!, channel: 'vk' },
    ]);

    await signInToInbox(page, 'demo-operator');
    await findInInbox(page, ours);
    await expect(inboxRow(page, ours).getByTestId('deadline-badge')).toHaveText(/Осталось \d+ раб\. ч/);
    await search(page, uniqueTail(theirs));
    await expect(page.getByTestId('inbox-count')).toHaveText('Найдено: 0');
    await expect(inboxRow(page, theirs)).toHaveCount(0);

    // Russian morphology: «дорога» finds «дорогах».
    await search(page, `дорога ${uniqueTail(ours)}`);
    await expect(inboxRow(page, ours)).toBeVisible();
    await expect(page.getByTestId('inbox-count')).toHaveText('Найдено: 1');

    // Keyboard: move into the list and open the appeal with Enter.
    await page.getByRole('listbox', { name: 'Список обращений' }).focus();
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    // Enter on a control is the control's: the theme switches, the selected appeal stays closed.
    await page.getByRole('button', { name: 'Включить тёмную тему' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Включить светлую тему' })).toBeVisible();
    await expect(page.getByRole('heading', { name: ours })).toHaveCount(0);
    await page.getByRole('listbox', { name: 'Список обращений' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: ours })).toBeVisible();
  });
});
