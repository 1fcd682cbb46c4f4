import { type CDPSession, expect, type Page, test } from '@playwright/test';
import { search, signInToInbox } from '../support/inbox-page';
import { createAppeals, departmentsByCode, signIn } from '../support/okno-api';

/**
 * A key as the Russian layout sends it: the Cyrillic letter as `key`, the position as `code`
 * (Playwright's own keyboard speaks the US layout only).
 */
async function pressRussian(
  cdp: CDPSession,
  key: string,
  code: string,
  keyCode: number,
  modifiers: { ctrl?: boolean } = {},
) {
  const common = { key, code, windowsVirtualKeyCode: keyCode, modifiers: modifiers.ctrl ? 2 : 0 };
  await cdp.send('Input.dispatchKeyEvent', {
    type: 'keyDown',
    ...common,
    text: modifiers.ctrl ? undefined : key,
  });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common });
}

const list = (page: Page) => page.getByRole('listbox', { name: 'Список обращений' });
const selected = (page: Page) => page.locator('[data-testid="inbox-row"][aria-selected="true"]');
const palette = (page: Page) => page.getByRole('dialog').filter({ has: page.locator('#palette-list') });

test.describe('shortcuts by key position work in the Russian layout', () => {
  test('о/л move, Ctrl+Л opens the palette on any screen, «.» searches, к answers', async ({
    page,
    request,
  }) => {
    const supervisor = await signIn(request, 'demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const tag = `раскладка${Date.now().toString(36)}`;
    await createAppeals(
      supervisor,
      ['Первая', 'Вторая', 'Третья'].map((word) => ({
        subject: `${word} заявка ${tag}`,
        text: `${word} заявка: прошу помочь`,
        departmentId: departments.ДТ!,
      })),
    );
    await signInToInbox(page, 'demo-operator');
    const cdp = await page.context().newCDPSession(page);
    await search(page, tag);
    await expect(page.getByTestId('inbox-count')).toHaveText('Найдено: 3');
    await list(page).focus();

    const first = await selected(page).getByTestId('inbox-row-subject').textContent();
    await pressRussian(cdp, 'о', 'KeyJ', 74);
    await expect(selected(page)).not.toHaveText(first ?? '');
    await pressRussian(cdp, 'л', 'KeyK', 75);
    await expect(selected(page).getByTestId('inbox-row-subject')).toHaveText(first ?? '');

    // Ctrl+Л is Ctrl+K: the palette, which finds «Новая карточка личного приёма» by «прием».
    await pressRussian(cdp, 'л', 'KeyK', 75, { ctrl: true });
    await expect(palette(page)).toBeVisible();
    await palette(page).getByRole('combobox').fill('прием');
    await expect(palette(page).getByRole('option', { name: 'Новая карточка личного приёма' })).toBeVisible();
    await palette(page).getByRole('combobox').fill('приёма');
    await palette(page).getByRole('option', { name: 'Новая карточка личного приёма' }).click();
    await expect(page.getByTestId('nav-reception')).toHaveAttribute('aria-current', 'page');

    // On the reception screen too: the palette takes the official back to the inbox.
    await page.getByTestId('nav-reception').focus();
    await pressRussian(cdp, 'л', 'KeyK', 75, { ctrl: true });
    await palette(page).getByRole('combobox').fill('входящие');
    await palette(page).getByRole('option', { name: 'Перейти во входящие' }).click();
    await expect(list(page)).toBeFocused();

    // «.» is where «/» is: the search box.
    await pressRussian(cdp, '.', 'Slash', 191);
    await expect(page.getByRole('searchbox', { name: 'Поиск по обращениям' })).toBeFocused();
    await list(page).focus();
    // «к» is where «r» is: the selected appeal opens with the answer composer.
    await pressRussian(cdp, 'к', 'KeyR', 82);
    await expect(page.getByRole('heading', { level: 1, name: first ?? '' })).toBeVisible();
  });

  test('defect 14: no tooltip is left on the login screen after signing out, and the window has an icon', async ({
    page,
  }) => {
    await signInToInbox(page, 'demo-operator');
    await page.getByRole('button', { name: 'Включить тёмную тему' }).hover();
    await expect(page.getByRole('tooltip', { name: 'Включить тёмную тему' })).toBeVisible();
    await page.getByRole('button', { name: 'Выйти' }).click();
    await expect(page.getByRole('button', { name: 'Войти', exact: true })).toBeVisible();
    await page.waitForTimeout(1_000);
    await expect(page.getByRole('tooltip')).toHaveCount(0);

    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(icon).toBeTruthy();
    const response = await page.request.get(new URL(icon!, page.url()).toString());
    expect(response.ok()).toBe(true);
    expect(response.headers()['content-type']).toContain('svg');
  });
});
