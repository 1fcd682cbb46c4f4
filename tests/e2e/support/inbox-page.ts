import { expect, type Page } from '@playwright/test';
import { demoPassword } from '../../../server/src/accounts/seed-demo';

/** Signs in through the login screen and waits for the inbox. */
export async function signInToInbox(page: Page, login: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel(/^Пароль/).fill(demoPassword);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await expect(page.getByRole('listbox', { name: 'Список обращений' })).toBeVisible();
}

export const inboxRow = (page: Page, subject: string) =>
  page
    .getByTestId('inbox-row')
    .filter({ has: page.getByTestId('inbox-row-subject').getByText(subject, { exact: false }) });

export async function search(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Поиск по обращениям' }).fill(text);
}
