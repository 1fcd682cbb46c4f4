import { expect, test } from '@playwright/test';
import { telegramCitizen, telegramViolations } from '../support/citizen';
import { signInToInbox } from '../support/inbox-page';
import { apiLogin, pullAll, uniqueSubject } from '../support/okno-api';
import { incidentFromChat, openIncident } from './support';

test.describe('one answer in the chat', () => {
  test('issue 11 defect 3: the operator’s answer to a citizen’s Telegram message reaches the chat exactly once, with no notice repeating it', async ({
    page,
  }) => {
    const supervisor = await apiLogin('demo-supervisor');
    const citizen = telegramCitizen('Ольга', 'Зайцева');
    const text = uniqueSubject('Яма на дороге у дома 12 по улице Мира');
    const { incident } = await incidentFromChat(supervisor, citizen, text);

    await signInToInbox(page, 'demo-operator');
    await openIncident(page, text);
    const thread = page.getByRole('region', { name: 'Переписка' });
    // Defect 2 of issue 11 too: the citizen's first message shows once.
    await expect(thread.getByText(text, { exact: true })).toHaveCount(1);
    await page.getByRole('button', { name: 'Взять в работу' }).click();
    await expect(page.getByTestId('appeal-status')).toHaveText('В работе');

    const answer = `Ольга Петровна, яму заделают до пятницы. ${text.slice(-6)}`;
    const composer = page.getByRole('region', { name: 'Ответ заявителю' });
    await composer.getByLabel('Текст ответа').fill(answer);
    await composer.getByRole('button', { name: 'Отправить ответ' }).click();

    // The server marks the staff message sent once the fake accepted it…
    await expect
      .poll(
        async () =>
          (await pullAll(supervisor, 'messages')).find(
            (m) => m.appealId === incident.id && m.direction === 'out' && m.text === answer,
          )?.deliveryStatus,
        { timeout: 30_000 },
      )
      .toBe('sent');
    // …and the chat holds it once; a little later still once, with no «Ответ на обращение…» notice.
    await page.waitForTimeout(2_000);
    const received = await citizen.received();
    expect(received.filter((m) => m.text === answer)).toHaveLength(1);
    expect(received.filter((m) => (m.text ?? '').includes(answer.slice(0, 40)))).toHaveLength(1);
    expect(received.filter((m) => (m.text ?? m.caption ?? '').startsWith('Ответ на обращение'))).toEqual([]);
    // An incident is answered by text alone: no letter follows it.
    expect(received.filter((m) => m.method === 'sendDocument')).toEqual([]);
    expect(await telegramViolations()).toEqual([]);
  });
});
