import { expect, test } from '@playwright/test';
import { hasCyrillic, looksLikeI18nKey, visibleTexts } from '../support/visible-text';

test.describe('language of the login screen', () => {
  test('is Russian by default, and switching to English replaces every visible string', async ({ page }) => {
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
    });
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Вход в систему' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');

    const russian = await visibleTexts(page);
    expect(russian.filter(looksLikeI18nKey)).toEqual([]);
    expect(russian).toContain('Окно');
    expect(russian.filter(hasCyrillic).length).toBeGreaterThan(5);

    await page.getByRole('combobox', { name: 'Язык интерфейса' }).click();
    await page.getByRole('option', { name: 'Английский' }).click();

    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    const english = await visibleTexts(page);
    expect(english.filter(looksLikeI18nKey)).toEqual([]);
    expect(english.filter(hasCyrillic)).toEqual([]);
    expect(english).toContain('Okno');
    expect(cspViolations).toEqual([]);
  });

  test('remembers the chosen language after a reload', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('combobox', { name: 'Язык интерфейса' }).click();
    await page.getByRole('option', { name: 'Английский' }).click();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Interface language' })).toHaveText('English');
  });

  test('shows the "fill in your login and password" error in the current language', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(page.getByRole('alert')).toHaveText('Введите логин и пароль.');
    await page.getByRole('combobox', { name: 'Язык интерфейса' }).click();
    await page.getByRole('option', { name: 'Английский' }).click();
    await expect(page.getByRole('alert')).toHaveText('Enter your login and password.');
  });
});
