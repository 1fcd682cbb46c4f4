/**
 * «Подсказки» (issue 13): a supervisor maps a portal subcategory the triage model suggests to another
 * of the organisation's working subcategories; the next appeal's suggestion shows the new one at once,
 * on the server and on the appeal card; the row goes back to the default. The supervisor also turns
 * automatic routing on for one category at a threshold and off again. The journey leaves the shared
 * demo organisation as it found it (mapping and routing reset in `finally`).
 */
import { openAppealFromInbox, runCommand } from '../appeal/support';
import { expect, test } from '../support/officials';
import {
  type ApiSession,
  apiLogin,
  appealOnServer,
  createAppeals,
  departmentsByCode,
  uniqueSubject,
} from '../support/okno-api';

const portal = 'Безнадзорные животные';
const command = 'Подсказки: точность, автоматическое распределение, соответствие категорий';

async function putBack(session: ApiSession) {
  const headers = { authorization: `Bearer ${session.accessToken}` };
  await session.request.delete(`/api/v1/triage/category-map?portal=${encodeURIComponent(portal)}`, {
    headers,
  });
  await session.request.put('/api/v1/triage/auto-routing/landscaping', {
    headers,
    data: { threshold: null },
  });
}

test.describe('«Подсказки»: the category mapping and automatic routing', () => {
  test('a supervisor maps «Безнадзорные животные» to «Помощь пожилым»; a new appeal is suggested so at once; then back to the default', async ({
    officials,
  }) => {
    test.setTimeout(90_000);
    const supervisor = await apiLogin('demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    try {
      const page = await officials.signIn('demo-supervisor');
      await runCommand(page, command);
      await expect(page.getByRole('heading', { level: 1, name: 'Подсказки' })).toBeVisible();
      await expect(page.getByTestId('triage-accuracy')).toContainText('Точность подсказки отдела за 30 дней');

      // Automatic routing for «Благоустройство» above 95 %, then off again.
      const landscaping = page.getByTestId('triage-threshold-landscaping');
      await landscaping.getByLabel('Включено: Благоустройство').check();
      await landscaping.getByLabel('Порог, %: Благоустройство').fill('95');
      await landscaping.getByRole('button', { name: 'Сохранить' }).click();
      await expect(page.getByTestId('triage-control-notice')).toHaveText('Сохранено: Благоустройство');
      await expect(page.getByTestId('triage-threshold-landscaping')).toContainText('порог 95 %');
      await page
        .getByTestId('triage-threshold-landscaping')
        .getByLabel('Включено: Благоустройство')
        .uncheck();
      await page
        .getByTestId('triage-threshold-landscaping')
        .getByRole('button', { name: 'Сохранить' })
        .click();
      await expect(page.getByTestId('triage-threshold-landscaping')).toContainText('выключено');

      // The mapping row of the portal subcategory, found by its name.
      await page.getByTestId('triage-map-filter').fill(portal);
      const row = page.locator(`[data-testid="triage-map-row"][data-portal="${portal}"]`);
      await expect(row.getByRole('combobox')).toHaveText('Благоустройство › Безнадзорные животные');
      await row.getByRole('combobox').click();
      await page.getByRole('option', { name: 'Социальная поддержка › Помощь пожилым', exact: true }).click();
      await expect(page.getByTestId('triage-control-notice')).toHaveText(
        `«${portal}» → Социальная поддержка › Помощь пожилым`,
      );
      await expect(row).toContainText('изменено');
      await expect(row).toContainText('по умолчанию: Благоустройство › Безнадзорные животные');

      // «Журнал администратора» has the change, old → new in words.
      const admin = await officials.signIn('demo-admin');
      await admin.getByTestId('nav-admin').click();
      await admin.getByRole('tab', { name: 'Журнал администратора' }).click();
      await expect(admin.getByText('Изменено соответствие категории портала').first()).toBeVisible();
      await expect(
        admin
          .getByText(
            `${portal}: Благоустройство › Безнадзорные животные → Социальная поддержка › Помощь пожилым`,
          )
          .first(),
      ).toBeVisible();
      await expect(
        admin.getByText('порог автоматического распределения «Благоустройство»: 0.95').first(),
      ).toBeVisible();
      await admin.context().close();

      // A new appeal about stray dogs: its suggestion already uses the organisation's mapping.
      const subject = uniqueSubject('Стая бездомных собак у остановки');
      const [created] = await createAppeals(supervisor, [
        {
          subject,
          text: 'Стая бездомных собак у остановки на улице Лесной, нападают на прохожих',
          departmentId: departments.ДТ!,
        },
      ]);
      await expect
        .poll(async () => (await appealOnServer(supervisor, created.id))?.triage?.category?.[0])
        .toMatchObject({ value: portal, subcategory: 'social-support.elderly-care' });
      await page.getByTestId('triage-control').getByRole('button', { name: 'Назад' }).click();
      await openAppealFromInbox(page, subject);
      await expect(page.getByTestId('triage-category')).toContainText(
        'Социальная поддержка › Помощь пожилым',
      );

      // Back to the default, from the screen.
      await page.goBack();
      await runCommand(page, command);
      await page.getByTestId('triage-map-filter').fill(portal);
      await row.getByRole('button', { name: 'Вернуть по умолчанию' }).click();
      await expect(page.getByTestId('triage-control-notice')).toHaveText(
        `«${portal}»: снова по умолчанию (Благоустройство › Безнадзорные животные)`,
      );
      await expect(row).not.toContainText('изменено');
    } finally {
      await putBack(supervisor);
    }
  });
});
