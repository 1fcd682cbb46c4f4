import { seedAppeal } from '../appeal/support';
import { expect, test } from '../support/officials';
import {
  apiLogin,
  departmentsByCode,
  type Json,
  pullAll,
  uniqueSubject,
  userIdByLogin,
} from '../support/okno-api';

const operatorName = 'Исполнитель Иванова А. С.';

test.describe('workload and bulk assignment', () => {
  test('a head assigns three appeals to a person with a reason, undoes it, then assigns for good', async ({
    officials,
  }) => {
    test.setTimeout(120_000);
    const supervisor = await apiLogin('demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const subjects = [1, 2, 3].map((n) => uniqueSubject(`Нагрузка: яма во дворе ${n}`));
    const seeded: Json[] = [];
    for (const subject of subjects)
      seeded.push(await seedAppeal(supervisor, { departmentId: departments.ДТ!, subject }));
    const operatorId = await userIdByLogin(supervisor, operatorName);
    const onServer = async () =>
      (await pullAll(supervisor, 'appeals')).filter((a) => seeded.some((s) => s.id === a.id));

    const page = await officials.signIn('demo-head');
    await page.getByRole('navigation', { name: 'Разделы' }).getByText('Нагрузка', { exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Нагрузка исполнителей' })).toBeVisible();
    await expect(page.getByTestId('workload-row').filter({ hasText: operatorName })).toBeVisible();
    await page.getByTestId('workload-row').getByRole('button', { name: 'Не назначены' }).click();

    const pickAll = async () => {
      for (const subject of subjects) {
        const pick = page.getByRole('checkbox', { name: `Выбрать: ${subject}` });
        await pick.press('Space');
        await expect(pick).toBeChecked();
      }
      await expect(page.getByText('Выбрано 3 обращения')).toBeVisible();
      await page.getByRole('combobox', { name: 'Исполнитель' }).click();
      await page.getByRole('option', { name: operatorName }).click();
      await page.getByRole('textbox', { name: 'Причина' }).fill('Перераспределение на время отпуска');
      await page.getByRole('button', { name: 'Назначить…' }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toContainText(`Назначить 3 обращения: ${operatorName}?`);
      await expect(dialog).toContainText('Перераспределение на время отпуска');
      await dialog.getByRole('button', { name: 'Назначить', exact: true }).click();
      await expect(page.getByText(`Назначено 3 обращения: ${operatorName}`)).toBeVisible();
    };

    // First time: undone within the window. Nothing reaches the server, then or later.
    await pickAll();
    await page.getByRole('button', { name: 'Отменить' }).click();
    await expect(page.getByText('Назначение отменено, обращения не изменены.')).toBeVisible();
    await page.waitForTimeout(11_000);
    expect((await onServer()).map((a) => a.assigneeId)).toEqual(['', '', '']);
    for (const subject of subjects)
      await expect(page.getByRole('checkbox', { name: `Выбрать: ${subject}` })).toBeVisible();

    // Second time: the window ends and the move is made, with its reason, as the head.
    await pickAll();
    await expect
      .poll(async () => (await onServer()).map((a) => a.assigneeId), { timeout: 30_000 })
      .toEqual([operatorId, operatorId, operatorId]);
    const head = await apiLogin('demo-head');
    for (const appeal of await onServer()) {
      expect(appeal.assignmentNote).toMatchObject({
        byId: head.user.id,
        reason: 'Перераспределение на время отпуска',
      });
      expect(appeal.status).toBe('in_progress');
    }
    await page.getByTestId('workload-row').getByRole('button', { name: operatorName }).click();
    for (const subject of subjects)
      await expect(page.getByRole('checkbox', { name: `Выбрать: ${subject}` })).toBeVisible();
  });
});
