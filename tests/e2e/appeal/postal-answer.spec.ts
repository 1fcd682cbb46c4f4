import { expect, test } from '@playwright/test';
import { signInToInbox } from '../support/inbox-page';
import { apiLogin, departmentsByCode, pullAll, uniqueSubject } from '../support/okno-api';
import { openAppealFromInbox, seedAppeal } from './support';

test.describe('a postal answer', () => {
  test('waits to be printed and mailed; the operator marks it mailed and the server records it sent', async ({
    page,
  }) => {
    const supervisor = await apiLogin('demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const subject = uniqueSubject('Нет горячей воды');
    const seeded = await seedAppeal(supervisor, { departmentId: departments.ДТ!, subject });

    await signInToInbox(page, 'demo-operator');
    await openAppealFromInbox(page, subject);
    await page.getByRole('button', { name: 'Взять в работу' }).click();
    const composer = page.getByRole('region', { name: 'Ответ заявителю' });
    await composer.getByLabel('Способ ответа').click();
    await page.getByRole('option', { name: /^Почтовым письмом/ }).click();
    await composer.getByLabel('Текст ответа').fill('Уважаемая Мария Петровна! Горячую воду дадут в среду.');
    await composer.getByRole('button', { name: 'Отправить ответ' }).click();

    const outbound = page.getByTestId('thread-message').and(page.locator('[data-direction="out"]'));
    await expect(outbound.getByTestId('delivery-status')).toHaveText('Ожидает отправки', { timeout: 15_000 });
    await outbound.getByRole('button', { name: 'Письмо отправлено почтой' }).click();
    await expect(outbound.getByTestId('delivery-status')).toHaveText('Отправлено');
    await expect(outbound.getByRole('button', { name: 'Письмо отправлено почтой' })).toHaveCount(0);

    await expect
      .poll(
        async () =>
          (await pullAll(supervisor, 'messages')).find(
            (m) => m.appealId === seeded.id && m.direction === 'out',
          )?.deliveryStatus,
        { timeout: 15_000 },
      )
      .toBe('sent');
  });
});
