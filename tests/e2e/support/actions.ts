import { expect, type Page } from '@playwright/test';

/**
 * Runs an action of the appeal's action bar: a button when it is among the frequent ones, otherwise
 * an item of the «Другие действия» menu (issue 11, defect 11).
 */
export async function chooseAction(page: Page, name: string): Promise<void> {
  const button = page.getByRole('button', { name, exact: true });
  const more = page.getByRole('button', { name: 'Другие действия' });
  await expect(button.or(more).first()).toBeVisible();
  if ((await button.count()) > 0) {
    await button.click();
    return;
  }
  await more.click();
  await page.getByRole('menuitem', { name, exact: true }).click();
}
