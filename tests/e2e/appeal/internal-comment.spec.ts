import { expect, test } from '../support/officials';
import { apiLogin, appealOnServer, departmentsByCode, pullAll, uniqueSubject } from '../support/okno-api';
import { openAppealFromInbox, seedAppeal } from './support';

test.describe('internal comments', () => {
  test('an official’s internal comment is kept on the appeal for staff and never becomes a message to the citizen', async ({
    officials,
  }) => {
    const supervisor = await apiLogin('demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const subject = uniqueSubject('Не вывозят мусор');
    const seeded = await seedAppeal(supervisor, { departmentId: departments.ДТ!, subject });
    const comment = `Звонить заявителю только после 18:00 — ${subject.slice(-6)}`;

    const page = await officials.signIn('demo-head');
    await openAppealFromInbox(page, subject);
    const panel = page.getByRole('region', { name: 'Резолюция и работа по обращению' });
    await expect(panel.getByText('Видны только сотрудникам. Заявителю не отправляются.')).toBeVisible();
    await panel.getByRole('textbox', { name: 'Комментарий' }).fill(comment);
    await panel.getByRole('button', { name: 'Добавить комментарий' }).click();
    await expect(panel.getByTestId('internal-comment').filter({ hasText: comment })).toBeVisible();

    await expect
      .poll(
        async () =>
          (await appealOnServer(supervisor, seeded.id))?.comments?.map((c: { text: string }) => c.text),
        {
          timeout: 20_000,
        },
      )
      .toEqual([comment]);
    // Nothing addressed to the citizen: no message of the appeal holds the comment, none was written.
    const messages = (await pullAll(supervisor, 'messages')).filter((m) => m.appealId === seeded.id);
    expect(messages).toEqual([]);
    // The thread on screen does not show it either: it is not a message.
    await expect(page.getByRole('region', { name: 'Переписка' }).getByText(comment)).toHaveCount(0);
  });
});
