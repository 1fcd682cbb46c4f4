/**
 * «Не инциденты» (issue 13): a citizen's thanks in the Telegram chat is no incident — it stays out of the
 * operator's working views and waits in «Не инциденты»; I turns it into an incident (back into the
 * queues), N confirms it is none and closes it without an answer. Own citizens and unique subjects: the
 * demo organisation is shared by every journey.
 */
import { expect, type Page } from '@playwright/test';
import { incidentFromChat } from '../chat/support';
import { telegramCitizen } from '../support/citizen';
import { inboxRow, search, uniqueTail } from '../support/inbox-page';
import { test } from '../support/officials';
import { type ApiSession, apiLogin, type Json, pullAll, uniqueSubject } from '../support/okno-api';

async function serverCopy(session: ApiSession, id: string): Promise<Json> {
  return (await pullAll(session, 'appeals')).find((a) => a.id === id);
}

/** Searches the current view for the subject's unique tail and answers how many the view finds. */
async function countInView(page: Page, view: string, subject: string): Promise<string> {
  await page.getByRole('navigation', { name: 'Представления' }).getByRole('button', { name: view }).click();
  await search(page, uniqueTail(subject));
  const count = page.getByTestId('inbox-count');
  await expect(count).toHaveText(/^Найдено: \d+$/);
  return (await count.textContent()) ?? '';
}

/** Selects the only row of the search with the keyboard, in the list. */
async function focusList(page: Page): Promise<void> {
  await page.getByRole('searchbox', { name: 'Поиск по обращениям' }).press('Enter');
  await expect(page.getByRole('listbox', { name: 'Список обращений' })).toBeFocused();
}

test.describe('non-incidents out of the queues', () => {
  test('issue 13: a thanks in the chat waits in «Не инциденты», not in the working views; I makes it an incident, N closes another', async ({
    officials,
  }) => {
    const supervisor = await apiLogin('demo-supervisor');
    const thanks = uniqueSubject('Спасибо вам большое за помощь, всё сделали быстро, хорошего дня');
    const more = uniqueSubject('Благодарю за ответ, всего доброго и хороших выходных');
    const first = (await incidentFromChat(supervisor, telegramCitizen('Ольга', 'Кравцова'), thanks)).incident;
    const second = (await incidentFromChat(supervisor, telegramCitizen('Игорь', 'Мельников'), more)).incident;
    expect(first.triage?.incident?.value, 'triage says the thanks is no incident').toBe(false);
    expect(second.triage?.incident?.value).toBe(false);

    const page = await officials.signIn('demo-operator');
    await expect.poll(() => countInView(page, 'Все открытые', thanks)).toBe('Найдено: 0');
    await expect.poll(() => countInView(page, 'Отдел', thanks)).toBe('Найдено: 0');
    await expect.poll(() => countInView(page, 'Не инциденты', thanks)).toBe('Найдено: 1');
    await expect(page.getByTestId('view-count-notIncidents')).toHaveText(/^\d+$/);

    // I: it is an incident after all — categorised, into the queues, on the server too.
    await focusList(page);
    await page.keyboard.press('i');
    await expect(page.getByTestId('triage-decision-outcome')).toHaveText(
      'Сообщение возвращено в работу как инцидент',
    );
    await expect(page.getByTestId('inbox-count')).toHaveText('Найдено: 0');
    await expect.poll(() => countInView(page, 'Все открытые', thanks)).toBe('Найдено: 1');
    await expect
      .poll(async () => (await serverCopy(supervisor, first.id))?.category, { timeout: 20_000 })
      .not.toBeNull();
    expect((await serverCopy(supervisor, first.id)).status).toBe('new');

    // N: the other is confirmed no incident and closed without an answer, through the status machine.
    await expect.poll(() => countInView(page, 'Не инциденты', more)).toBe('Найдено: 1');
    await focusList(page);
    await expect(inboxRow(page, more)).toBeVisible();
    await page.keyboard.press('n');
    await expect(page.getByTestId('triage-decision-outcome')).toHaveText('Сообщение закрыто: не инцидент');
    await expect(page.getByTestId('inbox-count')).toHaveText('Найдено: 0');
    await expect
      .poll(async () => (await serverCopy(supervisor, second.id))?.status, { timeout: 20_000 })
      .toBe('closed');
    expect((await serverCopy(supervisor, second.id)).result).toBe('left_without_answer');
  });
});
