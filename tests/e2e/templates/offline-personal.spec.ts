/**
 * «Шаблоны ответов» offline (issue 10): the demo operator, cut off from the server, writes a personal
 * template with the placeholder palette; it is in their list at once, reaches the server when the
 * link is back (the author is the operator, the template personal), the demo head never receives it,
 * and the operator's composer offers it for an appeal of their department. The demo templates of
 * «Дороги и транспорт» and of the whole organisation are there too; the other departments' are not.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { cutServer, restoreServer, signInToInbox } from '../support/inbox-page';
import { apiLogin, pullAll } from '../support/okno-api';

test.describe('answer templates offline', () => {
  test('an operator writes a personal template offline; it syncs as theirs alone', async ({ page }) => {
    test.setTimeout(90_000);
    const title = `Мой ответ о ямах ${randomUUID().slice(0, 8)}`;
    await signInToInbox(page, 'demo-operator');
    await page.getByTestId('nav-templates').click();
    // The demo set: the organisation's and the roads department's, not the other departments'.
    await expect(page.getByRole('cell', { name: 'Обращение зарегистрировано', exact: true })).toBeVisible();
    await expect(
      page.getByRole('cell', { name: 'Ямочный ремонт включён в план работ', exact: true }),
    ).toBeVisible();
    await expect(page.getByText('Отключение горячей воды')).toHaveCount(0);

    await cutServer(page);
    await page.getByTestId('templates-new').click();
    await expect(page.getByTestId('template-personal')).toBeChecked();
    await page.getByTestId('template-title').fill(title);
    await page.getByTestId('template-body').fill('Добрый день, ');
    await page.getByTestId('template-placeholder-applicantName').click();
    await page.getByTestId('template-body').press('End');
    await page.getByTestId('template-body').pressSequentially('! Яма будет заделана до {{fio}}.');
    await page.getByTestId('template-save').click();
    // The desktop says why before saving: the placeholder is not one it knows.
    await expect(page.getByTestId('template-problem')).toHaveText(
      'Неизвестная подстановка «fio»: уберите её или выберите из списка подстановок.',
    );
    await page
      .getByTestId('template-body')
      .fill('Добрый день, {{applicantName}}! Яма будет заделана до {{legalDeadline}}.');
    await page.getByTestId('template-save').click();
    await expect(page.getByTestId('template-editor')).toHaveCount(0);
    await expect(page.getByRole('cell', { name: title, exact: true })).toBeVisible();

    await restoreServer(page);
    const operator = await apiLogin('demo-operator');
    let stored: { authorId: string; personal: boolean } | undefined;
    await expect
      .poll(
        async () => {
          stored = (await pullAll(operator, 'answerTemplates')).find((t) => t.title === title);
          return stored !== undefined;
        },
        { timeout: 30_000, message: 'the template pushed once the link is back' },
      )
      .toBe(true);
    expect(stored).toMatchObject({ personal: true, authorId: operator.user.id });
    const head = await apiLogin('demo-head');
    expect((await pullAll(head, 'answerTemplates')).some((t) => t.title === title)).toBe(false);
  });
});
