import { expect, test } from '@playwright/test';
import { telegramCitizen, telegramViolations } from '../support/citizen';
import { signInToInbox } from '../support/inbox-page';
import { apiLogin, pullAll, uniqueSubject } from '../support/okno-api';
import { incidentFromChat, openChatAppeal } from './support';

test.describe('one answer in the chat', () => {
  test('issue 11 defect 3: the operator’s answer to a citizen’s Telegram message reaches the chat exactly once, with no notice repeating it', async ({
    page,
  }) => {
    const supervisor = await apiLogin('demo-supervisor');
    const citizen = telegramCitizen('Ольга', 'Зайцева');
    const text = uniqueSubject('Яма на дороге у дома 12 по улице Мира');
    const { incident } = await incidentFromChat(supervisor, citizen, text);

    await signInToInbox(page, 'demo-operator');
    await openChatAppeal(page, text);
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

test.describe('one answer in the chat, with its letter', () => {
  test('issue 12: a formal appeal filed through the Telegram bot is answered in the UI; the chat gets the answer once, as its PDF letter captioned with it (docs/CHANNELS.md «One answer»)', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const supervisor = await apiLogin('demo-supervisor');
    const citizen = telegramCitizen('Иван', 'Петров');
    const text = uniqueSubject('Прошу отремонтировать тротуар у дома 3 по улице Садовой, он разбит');
    for (const answer of [
      'Подать обращение',
      'да',
      'Петров Иван Сергеевич',
      '46 07 918273',
      '+7 912 345-67-89, ivan.petrov@example.ru',
      'гражданин',
      'индивидуальное',
    ])
      await citizen.say(answer);
    expect(await citizen.say(text)).toContain('Приложите файлы');
    expect(await citizen.say('готово')).toContain('Всё верно?');
    const registered = await citizen.say('да');
    const number = /ОГ-\d{4}-\d{6}/.exec(registered)?.[0];
    expect(number, `registration number in «${registered}»`).toBeDefined();
    let appeal: { id: string; subject: string; regime: string } | undefined;
    await expect
      .poll(async () => {
        appeal = (await pullAll(supervisor, 'appeals')).find((a) => a.registrationNumber === number);
        return appeal?.regime;
      })
      .toBe('formal');

    await signInToInbox(page, 'demo-operator');
    await openChatAppeal(page, appeal!.subject);
    await expect(page.getByTestId('registration-number')).toHaveText(number!);
    await page.getByRole('button', { name: 'Взять в работу' }).click();
    await expect(page.getByTestId('appeal-status')).toHaveText('В работе');
    const answer = `Уважаемый Иван Сергеевич! Тротуар отремонтируют до 1 июня. ${text.slice(-6)}`;
    const composer = page.getByRole('region', { name: 'Ответ заявителю' });
    await composer.getByLabel('Текст ответа').fill(answer);
    await composer.getByRole('button', { name: 'Отправить ответ' }).click();

    await expect
      .poll(async () => (await citizen.received()).some((m) => m.method === 'sendDocument'), {
        timeout: 30_000,
        message: 'the answer letter in the chat',
      })
      .toBe(true);
    await page.waitForTimeout(2_000);
    const received = await citizen.received();
    // docs/CHANNELS.md «One answer»: an answer that fits a caption (≤ 1024) is one message, the
    // letter captioned with the answer; nothing repeats the text before or after it.
    const carrying = received.filter((m) => m.text === answer || m.caption === answer);
    expect(carrying, JSON.stringify(received.map((m) => [m.method, m.text ?? m.caption]))).toHaveLength(1);
    expect(carrying[0]).toMatchObject({
      method: 'sendDocument',
      caption: answer,
      document: { contentType: 'application/pdf', head: '%PDF-' },
    });
    expect(received.filter((m) => m.method === 'sendDocument')).toHaveLength(1);
    expect(received.at(-1)).toEqual(carrying[0]);
    expect(received.filter((m) => (m.text ?? '').includes(answer.slice(0, 30)))).toEqual([]);
    expect(received.filter((m) => (m.text ?? m.caption ?? '').startsWith('Ответ на обращение'))).toEqual([]);
    expect(await telegramViolations()).toEqual([]);
  });
});
