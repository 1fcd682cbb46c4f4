import { expect, test } from '@playwright/test';
import { signInToInbox } from '../support/inbox-page';
import { apiLogin, departmentsByCode, pullAll, uniqueSubject } from '../support/okno-api';
import { openAppealFromInbox, seedAppeal } from './support';

test.describe('answering an appeal', () => {
  test('the operator takes an appeal, answers it in the composer, and the server holds exactly one outbound message', async ({
    page,
  }) => {
    const supervisor = await apiLogin('demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const subject = uniqueSubject('Не убран снег во дворе');
    const seeded = await seedAppeal(supervisor, { departmentId: departments.ДТ!, subject });

    await signInToInbox(page, 'demo-operator');
    await openAppealFromInbox(page, subject);
    const thread = page.getByRole('region', { name: 'Переписка' });
    await expect(thread).toContainText('Третью неделю нет горячей воды');
    await expect(page.getByTestId('registration-number')).toHaveText(seeded.registrationNumber);
    await expect(page.getByRole('button', { name: 'Показать паспорт' })).toHaveCount(0);

    await page.getByRole('button', { name: 'Взять в работу' }).click();
    await expect(page.getByTestId('appeal-status')).toHaveText('В работе');

    const composer = page.getByRole('region', { name: 'Ответ заявителю' });
    await composer
      .getByLabel('Текст ответа')
      .fill('Уважаемая Мария Петровна! Снег будет убран до конца недели.');
    await composer.getByRole('button', { name: 'Отправить ответ' }).click();
    await expect(page.getByTestId('appeal-status')).toHaveText('Дан ответ');
    const outbound = thread.getByTestId('thread-message').and(page.locator('[data-direction="out"]'));
    await expect(outbound).toHaveCount(1);
    await expect(outbound.getByTestId('delivery-status')).toBeVisible();

    await expect
      .poll(
        async () => {
          const messages = await pullAll(supervisor, 'messages');
          return messages.filter((m) => m.appealId === seeded.id && m.direction === 'out').length;
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    const [message] = (await pullAll(supervisor, 'messages')).filter((m) => m.appealId === seeded.id);
    expect(message.text).toBe('Уважаемая Мария Петровна! Снег будет убран до конца недели.');
    expect(message.author).toMatchObject({
      kind: 'staff',
      userId: (await apiLogin('demo-operator')).user.id,
    });
    await expect
      .poll(async () => (await pullAll(supervisor, 'appeals')).find((a) => a.id === seeded.id)?.status, {
        timeout: 15_000,
      })
      .toBe('answered');
  });
});
