import { openAppealFromInbox, seedAppeal } from '../appeal/support';
import { expect, test } from '../support/officials';
import { apiLogin, departmentsByCode, pullAll, uniqueSubject } from '../support/okno-api';

test.describe('an answer that cannot be delivered', () => {
  test('the server marks it not delivered with the reason (no mailbox configured), and the official sees it in the thread and under the bell', async ({
    officials,
  }) => {
    const supervisor = await apiLogin('demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const subject = uniqueSubject('Протекает крыша в подъезде');
    const seeded = await seedAppeal(supervisor, { departmentId: departments.ДТ!, subject });

    const page = await officials.signIn('demo-operator');
    await openAppealFromInbox(page, subject);
    await page.getByRole('button', { name: 'Взять в работу' }).click();
    const composer = page.getByRole('region', { name: 'Ответ заявителю' });
    await composer.getByRole('combobox', { name: 'Способ ответа' }).click();
    await page.getByRole('option', { name: /электронной почте/ }).click();
    await composer.getByLabel('Текст ответа').fill('Кровля будет отремонтирована до конца месяца.');
    await composer.getByRole('button', { name: 'Отправить ответ' }).click();

    // The demo organisation has no mailbox: nothing can send it, and the server says so at once.
    await expect
      .poll(
        async () =>
          (await pullAll(supervisor, 'messages')).find(
            (m) => m.appealId === seeded.id && m.direction === 'out',
          )?.deliveryError,
        { timeout: 20_000 },
      )
      .toBe('work:delivery.noAccount');
    await expect(page.getByTestId('delivery-problem')).toContainText(
      'Не отправлено: в Окне не настроена учётная запись этого канала',
    );
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /^Уведомления: \d+ нов/ }).click();
    await expect(page.getByTestId('notification').filter({ hasText: subject })).toContainText(
      'Ответ не доставлен',
    );
  });
});
