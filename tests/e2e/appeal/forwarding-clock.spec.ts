import { deadlineSettingsOf } from '../../../shared/model/organisation';
import { forwardingClock } from '../../../shared/model/running-clocks';
import { findInInbox, inboxRow } from '../support/inbox-page';
import { expect, test } from '../support/officials';
import { apiLogin, createAppeals, departmentsByCode, pullAll, uniqueSubject } from '../support/okno-api';

test.describe('the 7-day forwarding clock (59-FZ art. 8 part 3)', () => {
  test('a registered appeal nobody took shows «Переадресовать до DD.MM» in its view, row and card', async ({
    officials,
  }) => {
    const supervisor = await apiLogin('demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const [organisation] = await pullAll(supervisor, 'organisations');
    const subject = uniqueSubject('Вопрос о границах земельного участка');
    const [created] = await createAppeals(supervisor, [
      { subject, regime: 'formal', channel: 'reception', departmentId: departments.ДТ! },
    ]);
    expect(created.status, 'the server registers a formal appeal at once').toBe('registered');
    const clock = forwardingClock(created, deadlineSettingsOf(organisation.settings), Date.now());
    expect(clock, 'the forwarding clock runs').toBeDefined();
    const label = `Переадресовать до ${clock!.controlDate.slice(8, 10)}.${clock!.controlDate.slice(5, 7)}`;

    const page = await officials.signIn('demo-operator');
    await page.getByRole('button', { name: /^Переадресация: срок 7 дней/ }).click();
    await findInInbox(page, subject);
    await expect(inboxRow(page, subject).getByTestId('forwarding-badge')).toHaveText(label);
    await inboxRow(page, subject).dblclick();
    await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
    await expect(page.getByTestId('forwarding-badge')).toHaveText(label);
  });
});
