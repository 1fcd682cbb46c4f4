import { runCommand, seedAppeal } from '../appeal/support';
import { findInInbox, inboxRow } from '../support/inbox-page';
import { expect, test } from '../support/officials';
import { apiLogin, departmentsByCode, pullAll, uniqueSubject } from '../support/okno-api';

test.describe('supervisor reassignment', () => {
  test('a supervisor moves an appeal from department 1 to department 2; the dept-1 operator loses it within seconds', async ({
    officials,
  }) => {
    const supervisor = await apiLogin('demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const subject = uniqueSubject('Сломана остановка');
    const seeded = await seedAppeal(supervisor, { departmentId: departments.ДТ!, subject });

    // The dept-1 operator has the appeal in the inbox, at another computer.
    const operatorPage = await officials.signIn('demo-operator');
    await findInInbox(operatorPage, subject);
    const operatorRow = inboxRow(operatorPage, subject);

    const page = await officials.signIn('demo-supervisor');
    await runCommand(page, 'Панель руководителя');
    await expect(page.getByRole('heading', { name: 'Контроль по отделам' })).toBeVisible();
    const row = page.getByTestId('queue-row').filter({ hasText: subject });
    await expect(row.getByTestId('queue-department')).toHaveText('Дороги и транспорт');

    // From the keyboard: the queue is sorted by deadline and other journeys' appeals sync in above this
    // one, so the row may move between the mouse going down and up (and the click would be lost).
    const pick = row.getByRole('checkbox', { name: `Выбрать обращение «${subject}»` });
    await pick.press('Space');
    await expect(pick).toBeChecked();
    await page.getByRole('combobox', { name: 'Передать в отдел' }).click();
    await page.getByRole('option', { name: 'ЖКХ' }).click();
    await page.getByRole('button', { name: 'Передать 1 обращение' }).click();
    await expect(page.getByText('Передано 1 обращение.')).toBeVisible();
    await expect(row.getByTestId('queue-department')).toHaveText('ЖКХ');
    await expect(operatorRow).toHaveCount(0, { timeout: 5_000 });
    await operatorPage.context().close();

    // The push reaches the server; the dept-1 operator no longer sees the appeal, dept 2's head does.
    const operator = await apiLogin('demo-operator');
    await expect
      .poll(
        async () => (await pullAll(supervisor, 'appeals')).find((a) => a.id === seeded.id)?.departmentId,
        {
          timeout: 15_000,
        },
      )
      .toBe(departments.ЖКХ);
    expect((await pullAll(operator, 'appeals')).some((a) => a.id === seeded.id)).toBe(false);
    const head = await apiLogin('demo-head');
    expect((await pullAll(head, 'appeals')).some((a) => a.id === seeded.id)).toBe(true);
  });
});
