import { incidentFromChat, openChatAppeal } from '../chat/support';
import { telegramCitizen } from '../support/citizen';
import { expect, test } from '../support/officials';
import { type ApiSession, apiLogin, departmentsByCode, serverUrl, uniqueSubject } from '../support/okno-api';

/** Puts the department's incidents under a head's approval, or takes them out (the journey cleans up). */
async function approvalOfIncidents(
  session: ApiSession,
  departmentId: string,
  required: boolean,
): Promise<void> {
  const response = await fetch(`${serverUrl}/api/v1/quality/approval-rules`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ departmentId, regime: 'incident', required }),
  });
  expect(response.status).toBe(200);
}

test.describe('a head’s approval of an answer', () => {
  test('issue 14: a head returns an executor’s answer with a comment; it never reaches the chat, and the executor sees the comment on the appeal', async ({
    officials,
  }) => {
    test.setTimeout(120_000);
    const supervisor = await apiLogin('demo-supervisor');
    const roads = (await departmentsByCode(supervisor)).ДТ!;
    const citizen = telegramCitizen('Павел', 'Егоров');
    const subject = uniqueSubject('Не горят фонари у школы на Лесной');
    await incidentFromChat(supervisor, citizen, subject);
    await approvalOfIncidents(supervisor, roads, true);
    try {
      const operator = await officials.signIn('demo-operator');
      await openChatAppeal(operator, subject);
      await operator.getByRole('button', { name: 'Взять в работу' }).click();
      const answer = `Фонари посмотрим. ${subject.slice(-6)}`;
      const composer = operator.getByRole('region', { name: 'Ответ заявителю' });
      await composer.getByLabel('Текст ответа').fill(answer);
      await composer.getByRole('button', { name: 'Отправить ответ' }).click();
      const thread = operator.getByRole('region', { name: 'Переписка' });
      await expect(thread.getByTestId('awaiting-approval')).toHaveText('На согласовании у руководителя', {
        timeout: 30_000,
      });

      const head = await officials.signIn('demo-head');
      await head
        .getByRole('navigation', { name: 'Разделы' })
        .getByText('Качество ответов', { exact: true })
        .click();
      const held = head.getByTestId('held-answer').filter({ hasText: answer });
      await expect(held).toBeVisible({ timeout: 20_000 });
      const comment = `Укажите, кто и когда заменит лампы. ${subject.slice(-6)}`;
      await held.getByRole('button', { name: 'Вернуть на доработку' }).click();
      await held.getByRole('textbox', { name: 'Что исправить' }).fill(comment);
      await held.getByRole('button', { name: 'Вернуть на доработку' }).click();
      await expect(head.getByTestId('quality-notice')).toHaveText('Ответ возвращён исполнителю');
      await expect(head.getByTestId('held-answer').filter({ hasText: answer })).toHaveCount(0);

      // The executor's window: the answer marked returned, the head's remark on the appeal.
      await expect(thread.getByTestId('delivery-problem')).toHaveText(
        'Возвращено руководителем на доработку',
        {
          timeout: 30_000,
        },
      );
      const work = operator.getByRole('region', { name: 'Резолюция и работа по обращению' });
      await expect(work.getByTestId('internal-comment').filter({ hasText: comment })).toBeVisible();
      expect((await citizen.received()).map((m) => m.text)).not.toContain(answer);
    } finally {
      await approvalOfIncidents(supervisor, roads, false);
    }
  });
});
