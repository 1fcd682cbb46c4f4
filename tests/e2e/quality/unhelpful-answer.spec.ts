import { incidentFromChat, openChatAppeal } from '../chat/support';
import { telegramCitizen, telegramViolations } from '../support/citizen';
import { expect, test } from '../support/officials';
import { apiLogin, appealOnServer, uniqueSubject } from '../support/okno-api';

test.describe('«Помог ли ответ?»', () => {
  test('issue 14: a citizen answers «Нет» in Telegram; the supervisor sees the appeal in «Ответ не помог» and puts it back into work', async ({
    officials,
  }) => {
    test.setTimeout(150_000);
    const supervisorApi = await apiLogin('demo-supervisor');
    const citizen = telegramCitizen('Нина', 'Соколова');
    const subject = uniqueSubject('Яма во дворе дома 4 по Садовой');
    const { incident } = await incidentFromChat(supervisorApi, citizen, subject);

    const operator = await officials.signIn('demo-operator');
    await openChatAppeal(operator, subject);
    await operator.getByRole('button', { name: 'Взять в работу' }).click();
    const answer = `Яму во дворе дома 4 засыпали щебнем. ${subject.slice(-6)}`;
    const composer = operator.getByRole('region', { name: 'Ответ заявителю' });
    await composer.getByLabel('Текст ответа').fill(answer);
    await composer.getByRole('button', { name: 'Отправить ответ' }).click();
    await expect(operator.getByTestId('appeal-status')).toHaveText('Дан ответ');

    // The bot asks once the answered appeal's answer reached the chat (10 s on the e2e server).
    await expect
      .poll(async () => (await citizen.received()).map((m) => m.text), { timeout: 60_000 })
      .toContain('Помог ли вам ответ на обращение?');
    await citizen.pressButton('Нет');
    await expect
      .poll(async () => (await citizen.received()).at(-1)?.text ?? '', { timeout: 20_000 })
      .toContain('Руководитель рассмотрит');
    await citizen.say('Щебень размыло первым же дождём');

    const supervisor = await officials.signIn('demo-supervisor');
    // The «Нет» is in the supervisor's notifications bell too (with the appeal's subject from the
    // desktop's own copy), and opens the appeal.
    await supervisor.getByRole('button', { name: /^Уведомления/ }).click();
    const bellNotice = supervisor.getByTestId('notification-unhelpful').filter({ hasText: subject });
    await expect(bellNotice).toContainText('Ответ не помог', { timeout: 30_000 });
    await bellNotice.click();
    await expect(supervisor.getByTestId('appeal-status')).toHaveText('Дан ответ');
    await supervisor.getByRole('button', { name: 'Назад' }).click();
    await supervisor
      .getByRole('navigation', { name: 'Разделы' })
      .getByText('Качество ответов', { exact: true })
      .click();
    await supervisor.getByTestId('quality-tab-unhelpful').click();
    const card = supervisor.getByTestId('unhelpful-answer').filter({ hasText: subject });
    await expect(card).toBeVisible({ timeout: 20_000 });
    await expect(card.getByTestId('citizen-comment')).toContainText('Щебень размыло первым же дождём');
    await card.getByTestId('decide-rework').click();
    await expect(supervisor.getByTestId('quality-notice')).toHaveText('Обращение возвращено в работу');
    await expect(supervisor.getByTestId('unhelpful-answer').filter({ hasText: subject })).toHaveCount(0);

    // Reopened: back in work on the server and in the supervisor's window.
    await expect
      .poll(async () => (await appealOnServer(supervisorApi, incident.id))?.status, { timeout: 20_000 })
      .toBe('in_progress');
    expect((await appealOnServer(supervisorApi, incident.id))?.verdict).toMatchObject({
      value: 'no',
      comment: 'Щебень размыло первым же дождём',
      decision: 'rework',
    });
    await supervisor.getByRole('button', { name: 'Назад' }).click();
    await openChatAppeal(supervisor, subject);
    await expect(supervisor.getByTestId('appeal-status')).toHaveText('В работе', { timeout: 20_000 });

    // «Аналитика» → «Помог ли ответ»: the executor's «Не помог» opens a list with this appeal, and the appeal.
    await supervisor.getByTestId('nav-analytics').click();
    await supervisor.getByRole('tab', { name: 'Помог ли ответ' }).click();
    await expect(supervisor.getByTestId('helped-total')).toContainText('Ответ помог:');
    await supervisor
      .getByRole('button', { name: /^Исполнитель Иванова А\. С\., Не помог: \d+ — открыть обращения$/ })
      .click();
    const drill = supervisor.getByRole('dialog');
    await drill.getByRole('button', { name: new RegExp(subject.slice(-6)) }).click();
    await expect(supervisor.getByTestId('appeal-status')).toHaveText('В работе');
    expect(await telegramViolations()).toEqual([]);
  });
});
