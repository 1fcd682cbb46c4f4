/**
 * The category map's responsible department at reception, offline (issue 13): a supervisor names
 * «Социальная защита» the responsible department of «Здравоохранение › Лекарственное обеспечение» on
 * «Подсказки»; «Журнал администратора» shows the change; a desktop signed in afterwards syncs it with
 * the organisation's part of the triage model, and with the network gone a reception entry about
 * medicines is suggested that department «по справочнику категорий» (the organisation's learner knows
 * nothing of such entries), which Alt+A applies. The journey removes the department in `finally`, so
 * the shared demo organisation is left as it was.
 */
import { runCommand } from '../appeal/support';
import { expect, test } from '../support/officials';
import { type ApiSession, apiLogin } from '../support/okno-api';

const subcategory = 'healthcare.medicines';
const command = 'Подсказки: точность, автоматическое распределение, соответствие категорий';

async function putBack(session: ApiSession) {
  await session.request.delete(`/api/v1/triage/category-map/department?category=${subcategory}`, {
    headers: { authorization: `Bearer ${session.accessToken}` },
  });
}

test.describe('the category map’s responsible department at reception', () => {
  test('issue 13: offline, a reception entry about medicines is suggested the responsible department of its category, «по справочнику категорий»', async ({
    officials,
  }) => {
    test.setTimeout(120_000);
    const supervisor = await apiLogin('demo-supervisor');
    try {
      const control = await officials.signIn('demo-supervisor');
      await runCommand(control, command);
      await expect(control.getByRole('heading', { level: 1, name: 'Подсказки' })).toBeVisible();
      const panel = control.getByTestId('triage-category-departments');
      await expect(panel).toContainText('Ответственные отделы по категориям');
      const row = panel.locator(`[data-testid="triage-category-department"][data-category="${subcategory}"]`);
      await row.getByRole('combobox').click();
      await control.getByRole('option', { name: 'СЗ Социальная защита', exact: true }).click();
      await expect(control.getByTestId('triage-control-notice')).toHaveText(
        'Здравоохранение › Лекарственное обеспечение: ответственный отдел — СЗ Социальная защита',
      );
      await expect(row.getByRole('combobox')).toHaveText('СЗ Социальная защита');
      await control.context().close();

      // «Журнал администратора»: the change in words.
      const admin = await officials.signIn('demo-admin');
      await admin.getByTestId('nav-admin').click();
      await admin.getByRole('tab', { name: 'Журнал администратора' }).click();
      await expect(admin.getByText('Изменён ответственный отдел категории').first()).toBeVisible();
      await expect(
        admin.getByText('ответственный отдел «Здравоохранение › Лекарственное обеспечение»: СЗ').first(),
      ).toBeVisible();
      await admin.context().close();

      // A desktop signed in now syncs the organisation's part with the responsible department…
      const page = await officials.signIn('demo-supervisor');
      await expect
        .poll(() =>
          page.evaluate(async () => {
            const request = indexedDB.open('okno-triage-model');
            const db = await new Promise<IDBDatabase>((resolve, reject) => {
              request.onsuccess = () => resolve(request.result);
              request.onerror = () => reject(request.error);
            });
            if (!db.objectStoreNames.contains('copies')) return '';
            const all = db.transaction('copies').objectStore('copies').getAll();
            const copies = await new Promise<{ organisation?: { body: string } }[]>((resolve) => {
              all.onsuccess = () => resolve(all.result);
            });
            return copies.map((copy) => copy.organisation?.body ?? '').join('');
          }),
        )
        .toContain('"healthcare.medicines"');
      await runCommand(page, 'Новая карточка личного приёма');
      await expect(page.getByRole('heading', { name: 'Приём обращения' })).toBeVisible();

      // …and offline, the entry is suggested it from the category map.
      await page.context().setOffline(true);
      await page
        .getByLabel('Содержание обращения')
        .fill('Третий месяц нет льготных лекарств в аптеке: рецепт выписали, а получить нельзя');
      const suggestion = page.getByTestId('reception-suggestion');
      await expect(suggestion.getByTestId('reception-suggestion-category')).toContainText('Здравоохранение');
      await expect(suggestion.getByTestId('reception-suggestion-department')).toContainText(
        'Отдел: Социальная защита',
      );
      await expect(suggestion.getByTestId('reception-suggestion-department')).toContainText(
        'по справочнику категорий',
      );
      await page.keyboard.press('Alt+a');
      await expect(page.getByRole('combobox', { name: 'Отдел' })).toHaveText('Социальная защита');
      await page.context().setOffline(false);
    } finally {
      await putBack(supervisor);
    }
  });
});
