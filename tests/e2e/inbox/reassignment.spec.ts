import { findInInbox, inboxRow, search, uniqueTail } from '../support/inbox-page';
import { expect, test } from '../support/officials';
import { createAppeals, departmentsByCode, editAppeal, signIn, uniqueSubject } from '../support/okno-api';

test.describe('reassignment between departments', () => {
  test('an appeal moved from department 1 to 2 leaves the dept-1 operator’s open inbox within 3 s and shows up for dept 2', async ({
    officials,
    request,
  }) => {
    const supervisor = await signIn(request, 'demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const subject = uniqueSubject('Не работает светофор на перекрёстке');
    const [appeal] = await createAppeals(supervisor, [
      { subject, departmentId: departments.ДТ!, channel: 'vk' },
    ]);

    const operatorPage = await officials.signIn('demo-operator');
    const headPage = await officials.signIn('demo-head');
    await findInInbox(operatorPage, subject);

    const answer = await editAppeal(supervisor, appeal.id, { departmentId: departments.ЖКХ! });
    expect(answer.refusals).toEqual([]);
    await expect(inboxRow(operatorPage, subject)).toHaveCount(0, { timeout: 3000 });

    // The head of both departments sees it under ЖКХ.
    await headPage.getByTestId('inbox-filter-department').click();
    await headPage.getByRole('option', { name: 'ЖКХ', exact: true }).click();
    await headPage.keyboard.press('Escape');
    await search(headPage, uniqueTail(subject));
    await expect(inboxRow(headPage, subject)).toContainText('ЖКХ');
  });
});
