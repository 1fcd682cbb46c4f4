import { expect, test } from '@playwright/test';
import { demoPassword } from '../../../server/src/accounts/seed-demo';

// Against the real server (embedded PostgreSQL, demo organisation seeded by OKNO_DEMO=1).
test.describe('signing in', () => {
  test('a demo operator signs in from the demo accounts hint and sees the app shell with their name', async ({
    page,
  }) => {
    await page.goto('/');
    const hint = page.getByTestId('demo-accounts');
    await expect(hint).toContainText('demo-operator');
    await hint.getByRole('button', { name: 'Подставить учётную запись demo-operator' }).click();
    await expect(page.getByLabel('Логин')).toHaveValue('demo-operator');
    await page.getByRole('button', { name: 'Войти', exact: true }).click();

    await expect(page.getByTestId('user-name')).toHaveText('Исполнитель Иванова А. С.');
    await expect(page.getByTestId('user-role')).toHaveText('Исполнитель');
    await expect(page.getByRole('status', { name: 'Состояние синхронизации' })).toBeVisible();
    const profile = page.getByTestId('profile');
    await expect(profile).toContainText('Администрация г. Демо');
    await expect(profile).toContainText('demo-operator');
    await expect(page.getByRole('heading', { name: 'Вход в систему' })).toHaveCount(0);
  });

  test('a supervisor signs in by typing the login and password', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Логин').fill('demo-supervisor');
    await page.getByLabel(/^Пароль/).fill(demoPassword);
    await page.getByLabel(/^Пароль/).press('Enter');
    await expect(page.getByTestId('user-name')).toHaveText('Куратор ЦУР Сидорова Е. М.');
    await expect(page.getByTestId('user-role')).toHaveText('Куратор ЦУР');
  });

  test('a wrong password shows a clear error, in the chosen language, and no shell', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Логин').fill('demo-operator');
    await page.getByLabel(/^Пароль/).fill('not-the-password');
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText('Неверный логин или пароль.');
    await expect(page.getByTestId('user-name')).toHaveCount(0);

    await page.getByRole('combobox', { name: 'Язык интерфейса' }).click();
    await page.getByRole('option', { name: 'Английский' }).click();
    await expect(page.getByRole('alert')).toHaveText('Wrong login or password.');
  });

  test('signing out returns to the login screen', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Логин').fill('demo-head');
    await page.getByLabel(/^Пароль/).fill(demoPassword);
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await expect(page.getByTestId('user-name')).toHaveText('Начальник отдела Петров В. Н.');
    await page.getByRole('button', { name: 'Выйти' }).click();
    await expect(page.getByRole('heading', { name: 'Вход в систему' })).toBeVisible();
  });
});
