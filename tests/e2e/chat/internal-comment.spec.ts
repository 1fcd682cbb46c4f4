import { telegramCitizen, telegramViolations } from '../support/citizen';
import { expect, test } from '../support/officials';
import { apiLogin, appealOnServer, pullAll, uniqueSubject } from '../support/okno-api';
import { incidentFromChat, openChatAppeal } from './support';

test.describe('an internal comment and the citizen’s chat', () => {
  test('issue 11: a head’s internal comment on a chat appeal never reaches the citizen’s Telegram chat, while the answer after it does', async ({
    officials,
  }) => {
    const supervisor = await apiLogin('demo-supervisor');
    const citizen = telegramCitizen('Игорь', 'Васильев');
    const subject = uniqueSubject('Сломана остановка у рынка');
    const { incident } = await incidentFromChat(supervisor, citizen, subject);
    const comment = `Заявитель жалуется в третий раз, подрядчик — ООО «Дорстрой» ${subject.slice(-6)}`;

    const page = await officials.signIn('demo-head');
    await openChatAppeal(page, subject);
    const panel = page.getByRole('region', { name: 'Резолюция и работа по обращению' });
    await panel.getByRole('textbox', { name: 'Комментарий' }).fill(comment);
    await panel.getByRole('button', { name: 'Добавить комментарий' }).click();
    await expect(panel.getByTestId('internal-comment').filter({ hasText: comment })).toBeVisible();
    await expect
      .poll(
        async () =>
          (await appealOnServer(supervisor, incident.id))?.comments?.map((c: { text: string }) => c.text),
        { timeout: 20_000 },
      )
      .toEqual([comment]);

    // An answer after the comment goes out through the same outbox: once it is in the chat, anything
    // the comment had put in the outbox would have been sent before it.
    await page.getByRole('button', { name: 'Взять в работу' }).click();
    const answer = `Остановку починят на этой неделе. ${subject.slice(-6)}`;
    const composer = page.getByRole('region', { name: 'Ответ заявителю' });
    await composer.getByLabel('Текст ответа').fill(answer);
    await composer.getByRole('button', { name: 'Отправить ответ' }).click();
    await expect
      .poll(async () => (await citizen.received()).map((m) => m.text), { timeout: 30_000 })
      .toContain(answer);

    const received = await citizen.received();
    const everything = JSON.stringify(received);
    expect(everything).not.toContain(comment);
    expect(everything).not.toContain('Дорстрой');
    // Only the bot's menu hint and the answer reached the chat.
    expect(received).toHaveLength(2);
    const messages = (await pullAll(supervisor, 'messages')).filter((m) => m.appealId === incident.id);
    expect(JSON.stringify(messages)).not.toContain('Дорстрой');
    expect(await telegramViolations()).toEqual([]);
  });
});
