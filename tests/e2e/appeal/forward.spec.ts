import { chooseAction } from '../support/actions';
import { expect, test } from '../support/officials';
import { apiLogin, appealOnServer, departmentsByCode, uniqueSubject } from '../support/okno-api';
import { openAppealFromInbox, seedAppeal } from './support';

test.describe('forwarding by competence', () => {
  test('defect 1: a head forwards an appeal and sees no refusal notice, no «Не принято», no raw field name', async ({
    officials,
  }) => {
    const supervisor = await apiLogin('demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const subject = uniqueSubject('Шум от стройки ночью');
    const seeded = await seedAppeal(supervisor, { departmentId: departments.ДТ!, subject });

    const page = await officials.signIn('demo-head');
    await openAppealFromInbox(page, subject);
    await chooseAction(page, 'Направить по компетенции');
    const dialog = page.getByRole('dialog');
    await dialog
      .getByRole('textbox', { name: 'Орган, в который направляется обращение' })
      .fill('Министерство строительства Тверской области');
    await dialog.getByRole('button', { name: 'Подтвердить' }).click();
    await expect(page.getByTestId('appeal-status')).toHaveText('Направлено по компетенции');

    await expect
      .poll(async () => (await appealOnServer(supervisor, seeded.id))?.status, { timeout: 20_000 })
      .toBe('forwarded');
    // The push has been answered: whatever the server refused would be on the screen by now.
    await page.waitForTimeout(2_000);
    await expect(page.getByTestId('refused-changes')).toHaveCount(0);
    await expect(page.getByText(/Не принято/)).toHaveCount(0);
    await expect(page.getByText(/forwardedTo/)).toHaveCount(0);
    await expect(page.getByText('Сервер не принял изменение обращения')).toHaveCount(0);
  });
});
