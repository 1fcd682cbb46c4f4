import { expect, type Page } from '@playwright/test';

/**
 * Runs an action of the appeal's action bar: a button when it is among the frequent ones, otherwise
 * an item of the «Другие действия» menu (issue 11, defect 11). Which actions are buttons follows the
 * status, so right after a status change (say «Взять в работу») the bar may still be the old one when
 * the menu opens, and the item then is a button instead: the menu is closed and the bar read again.
 */
export async function chooseAction(page: Page, name: string): Promise<void> {
  const button = page.getByRole('button', { name, exact: true });
  const more = page.getByRole('button', { name: 'Другие действия' });
  const item = page.getByRole('menuitem', { name, exact: true });
  await expect(async () => {
    await expect(button.or(more).first()).toBeVisible();
    if ((await button.count()) > 0) {
      await button.click();
      return;
    }
    await more.click();
    try {
      await item.click({ timeout: 2_000 });
    } catch (error) {
      await page.keyboard.press('Escape');
      throw error;
    }
  }).toPass({ timeout: 15_000 });
}
