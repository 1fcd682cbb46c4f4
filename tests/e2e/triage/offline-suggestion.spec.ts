/**
 * Offline suggestions at reception (issue 13): the desktop downloads the triage model at sign-in and
 * keeps it; with the network gone, a reception entry still gets category and urgency from its text, and
 * Alt+A applies the suggestion. Measures the model's load and one suggestion in Chromium (User Timing).
 */
import { expect, test } from '@playwright/test';
import { runCommand } from '../appeal/support';
import { signInToInbox } from '../support/inbox-page';

test.describe('reception suggestions offline', () => {
  test('issue 13: with the network gone, a reception entry about hot water gets «Коммунальные услуги» and «Срочно», and Alt+A applies it', async ({
    page,
    context,
  }) => {
    const downloaded = page.waitForResponse(
      (response) => response.url().endsWith('/api/v1/triage/desktop-model') && response.status() === 200,
    );
    await signInToInbox(page, 'demo-operator');
    const model = await downloaded;
    const wire = Number((await model.headerValue('content-length')) ?? 0);
    await runCommand(page, 'Новая карточка личного приёма');
    await expect(page.getByRole('heading', { name: 'Приём обращения' })).toBeVisible();

    await context.setOffline(true);
    await page
      .getByLabel('Содержание обращения')
      .fill('Третий день нет горячей воды в доме, маленький ребёнок');
    const suggestion = page.getByTestId('reception-suggestion');
    await expect(suggestion.getByTestId('reception-suggestion-category')).toContainText(
      'Коммунальные услуги',
    );
    await expect(suggestion.getByTestId('reception-suggestion-urgency')).toContainText('Срочно');
    await page.keyboard.press('Alt+a');
    await expect(page.getByRole('combobox', { name: 'Категория' })).toHaveText('Коммунальные услуги');
    await expect(suggestion).toContainText('Категория и отдел взяты из подсказки');

    const measured = await page.evaluate(() => ({
      load: performance.getEntriesByName('okno-triage-model-load').map((e) => e.duration),
      suggest: performance.getEntriesByName('okno-triage-suggest').map((e) => e.duration),
    }));
    expect(measured.load.length).toBeGreaterThan(0);
    expect(measured.suggest.length).toBeGreaterThan(0);
    test.info().annotations.push({
      type: 'triage-model',
      description: `download ${wire} B on the wire; load ${measured.load.map((d) => d.toFixed(0)).join(', ')} ms; suggestion ${measured.suggest.map((d) => d.toFixed(1)).join(', ')} ms`,
    });
    console.log(test.info().annotations.at(-1)?.description);
    await context.setOffline(false);
  });
});
