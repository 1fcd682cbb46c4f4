import { expect, test } from '@playwright/test';
import {
  cutServer,
  entriesWithAction,
  findInInbox,
  inboxRow,
  openFromInbox,
  restoreServer,
  signInToInbox,
} from '../support/inbox-page';
import {
  appealHistory,
  appealOnServer,
  createAppeals,
  departmentsByCode,
  signIn,
  uniqueSubject,
} from '../support/okno-api';

test.describe('working offline', () => {
  test('a change made without the server survives a reload and reaches the server exactly once', async ({
    page,
    request,
  }) => {
    const supervisor = await signIn(request, 'demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const subject = uniqueSubject('Не убран снег во дворе');
    const [appeal] = await createAppeals(supervisor, [
      { subject, departmentId: departments.ДТ!, channel: 'max' },
    ]);

    await signInToInbox(page, 'demo-operator');
    await openFromInbox(page, subject);
    await cutServer(page);
    await page.getByRole('button', { name: 'Взять в работу' }).click();
    const chip = page.getByTestId('sync-chip');
    await expect(chip).toHaveAttribute('data-unsynced', '1');
    await expect(chip).toHaveAttribute('data-online', 'false');

    // Restart the app while the server is still unreachable: the session and the local work survive.
    await page.reload();
    await expect(page.getByRole('listbox', { name: 'Список обращений' })).toBeVisible();
    await expect(page.getByTestId('user-name')).toHaveText('Исполнитель Иванова А. С.');
    await findInInbox(page, subject);
    await expect(inboxRow(page, subject)).toContainText('В работе');
    await expect(chip).toHaveAttribute('data-unsynced', '1');
    expect((await appealOnServer(supervisor, appeal.id)).status).toBe('new');

    await restoreServer(page);
    await expect(chip).toHaveAttribute('data-unsynced', '0', { timeout: 15_000 });
    await expect(chip).toHaveAttribute('data-online', 'true');
    const stored = await appealOnServer(supervisor, appeal.id);
    expect(stored.status).toBe('in_progress');
    expect(stored.assigneeId).toBe((await signIn(request, 'demo-operator')).user.id);
    // Pushed exactly once: one "take" in the appeal's audit history.
    await page.waitForTimeout(1000);
    expect(entriesWithAction(await appealHistory(supervisor, appeal.id), 'take')).toHaveLength(1);
  });
});
