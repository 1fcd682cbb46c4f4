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

/** Cuts this page off the server (as if the server or the link went down); the app itself stays loaded. */
export async function cutServer(page: Page): Promise<void> {
  await page.route('**/api/v1/**', (route) => route.abort('internetdisconnected'));
}

export async function restoreServer(page: Page): Promise<void> {
  await page.unroute('**/api/v1/**');
  // Retry now instead of waiting for the back-off. From the keyboard: a retry of the back-off or the
  // live stream may get through first and change the chip's label (and drop the "unsynced" chip next
  // to it) and the popover's error line, moving the chip and the button; a mouse click on an element
  // that moves between the button going down and up is lost.
  await page.getByTestId('sync-chip').press('Space');
  await page.getByRole('button', { name: 'Повторить синхронизацию' }).press('Space');
  await page.keyboard.press('Escape');
}

/**
 * The random tail of a test subject (uniqueSubject): typed into the search box it leaves only that
 * appeal. The inbox is virtualised and sorted by deadline, so a row far down the list is not rendered
 * at all; searching is also what an official does to find one appeal.
 */
export const uniqueTail = (subject: string): string => subject.split(' ').at(-1) ?? subject;

/**
 * Finds the appeal with this subject through the search box and waits until the list shows it
 * alone: before the search is applied the row may be visible among others, and a click aimed at it
 * would land on whatever row the filtered list then puts there.
 */
export async function findInInbox(page: Page, subject: string): Promise<void> {
  await search(page, uniqueTail(subject));
  await expect(page.getByTestId('inbox-count')).toHaveText('Найдено: 1');
  await expect(inboxRow(page, subject)).toBeVisible();
}

export async function openFromInbox(page: Page, subject: string): Promise<void> {
  await findInInbox(page, subject);
  await inboxRow(page, subject).dblclick();
}

/** The history entries of an appeal whose status-machine actions include `action`. */
export function entriesWithAction(entries: { details?: { actions?: string[] } }[], action: string) {
  return entries.filter((entry) => entry.details?.actions?.includes(action));
}
