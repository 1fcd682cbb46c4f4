import { expect, test } from '@playwright/test';
import { signInToInbox } from '../support/inbox-page';
import { apiLogin, appealDoc, departmentsByCode, pullAll, push, uniqueSubject } from '../support/okno-api';
import { openAppealFromInbox } from './support';

test.describe('interim answer and follow-up messages', () => {
  test('defects 4 and 8: an interim answer is a text sent to the applicant; after the answer a follow-up can be sent', async ({
    page,
  }) => {
    const supervisor = await apiLogin('demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const subject = uniqueSubject('Не горит фонарь у подъезда');
    const incident = appealDoc(supervisor.user.orgId, { subject, departmentId: departments.ДТ! });
    const withEmail = {
      ...incident,
      applicant: {
        ...incident.applicant,
        contacts: { ...incident.applicant.contacts, email: 'smirnov@example.ru' },
      },
    };
    const created = await push(supervisor, 'appeals', [
      { newDocumentState: { ...withEmail, _deleted: false } },
    ]);
    expect(created.refusals).toEqual([]);
    const outbound = async () =>
      (await pullAll(supervisor, 'messages')).filter(
        (m) => m.appealId === incident.id && m.direction === 'out',
      );

    await signInToInbox(page, 'demo-operator');
    await openAppealFromInbox(page, subject);
    await page.getByRole('button', { name: 'Взять в работу' }).click();
    await expect(page.getByTestId('appeal-status')).toHaveText('В работе');
    // Defect 4: no one-click status change any more.
    await expect(page.getByRole('button', { name: 'Дать промежуточный ответ' })).toHaveCount(0);

    const composer = page.getByRole('region', { name: 'Ответ заявителю' });
    const thread = page.getByRole('region', { name: 'Переписка' });
    const sentInThread = thread.getByTestId('thread-message').and(page.locator('[data-direction="out"]'));
    await composer.getByRole('combobox', { name: 'Вид сообщения' }).click();
    await page.getByRole('option', { name: 'Промежуточный ответ' }).click();
    await composer
      .getByLabel('Текст ответа')
      .fill('Заявка передана электрикам, фонарь заменят в течение двух дней.');
    await composer.getByRole('button', { name: 'Отправить ответ' }).click();
    await expect(page.getByTestId('appeal-status')).toHaveText('Дан промежуточный ответ');
    await expect(
      composer.getByText('Промежуточный ответ поставлен в очередь на отправку заявителю.'),
    ).toBeVisible();
    await expect(sentInThread).toHaveCount(1);

    // The answer, then (defect 8) no «ответ не отправляется» beside it, and a follow-up goes out.
    await composer.getByLabel('Текст ответа').fill('Фонарь заменён.');
    await composer.getByRole('button', { name: 'Отправить ответ' }).click();
    await expect(page.getByTestId('appeal-status')).toHaveText('Дан ответ');
    await expect(composer.getByText('Ответ поставлен в очередь отправки.')).toBeVisible();
    await expect(page.getByText(/ответ не отправляется/)).toHaveCount(0);
    await expect(composer.getByRole('combobox', { name: 'Вид сообщения' })).toHaveText(
      'Дополнительное сообщение заявителю',
    );
    await composer.getByLabel('Текст ответа').fill('Если фонарь снова погаснет, напишите нам.');
    await composer.getByRole('button', { name: 'Отправить ответ' }).click();
    await expect(composer.getByText('Сообщение поставлено в очередь на отправку заявителю.')).toBeVisible();
    await expect(sentInThread).toHaveCount(3);
    await expect(page.getByTestId('appeal-status')).toHaveText('Дан ответ');

    await expect.poll(async () => (await outbound()).length, { timeout: 15_000 }).toBe(3);
    expect((await outbound()).map((m) => m.replyVia)).toEqual(['email', 'email', 'email']);
    await expect
      .poll(async () => (await pullAll(supervisor, 'appeals')).find((a) => a.id === incident.id)?.status, {
        timeout: 15_000,
      })
      .toBe('answered');
    const stored = (await pullAll(supervisor, 'appeals')).find((a) => a.id === incident.id);
    expect(stored.interimAnsweredAt).toEqual(expect.any(Number));
  });
});
