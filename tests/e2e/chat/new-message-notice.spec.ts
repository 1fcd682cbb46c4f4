import { telegramCitizen } from '../support/citizen';
import { findInInbox, inboxRow } from '../support/inbox-page';
import { expect, test } from '../support/officials';
import { apiLogin, uniqueSubject } from '../support/okno-api';
import { inboundMessages, incidentFromChat, openChatAppeal } from './support';

/** The start of the whole second after `at` (epoch ms). */
const nextSecond = (at: number) => (Math.floor(at / 1000) + 1) * 1000;

test.describe('a new message from the citizen', () => {
  test('issue 11: a citizen’s new Telegram message in the operator’s appeal is announced under the bell and marks the row unread until opened', async ({
    officials,
  }) => {
    const supervisor = await apiLogin('demo-supervisor');
    const citizen = telegramCitizen('Пётр', 'Смирнов');
    const subject = uniqueSubject('Не работает светофор на перекрёстке Ленина и Мира');
    const { incident } = await incidentFromChat(supervisor, citizen, subject);

    const page = await officials.signIn('demo-operator');
    await openChatAppeal(page, subject);
    await page.getByRole('button', { name: 'Взять в работу' }).click();
    await expect(page.getByTestId('appeal-status')).toHaveText('В работе');
    await page.keyboard.press('Escape');
    await findInInbox(page, subject);
    const row = inboxRow(page, subject);
    await expect(row.getByTestId('inbox-row-unread')).toHaveCount(0);
    await expect(page.getByTestId('notification').filter({ hasText: subject })).toHaveCount(0);

    // Telegram dates a message in whole seconds, and a message dated no later than the operator's last
    // look at the appeal is no news (renderer/app/notices.ts): written in the same second as that look,
    // it would be dated before it. The citizen writes once that second is over.
    const seenAt = await page.evaluate((appealId) => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('okno.read-marks.'));
      return key ? (JSON.parse(localStorage.getItem(key) ?? '{}').seen?.[appealId] ?? 0) : 0;
    }, incident.id);
    expect(seenAt, 'the operator’s look at the appeal is marked').toBeGreaterThan(0);
    await expect.poll(() => Date.now(), { intervals: [50] }).toBeGreaterThanOrEqual(nextSecond(seenAt));
    const more = 'Светофор так и не горит, утром чуть не сбили ребёнка.';
    await citizen.write(more);
    await expect
      .poll(async () => (await inboundMessages(supervisor, incident.id)).map((m) => m.text), {
        timeout: 20_000,
      })
      .toContain(more);

    await expect(row.getByTestId('inbox-row-unread')).toHaveCount(1, { timeout: 15_000 });
    await page.getByRole('button', { name: /^Уведомления: \d+ нов/ }).click();
    const notice = page.getByTestId('notification').filter({ hasText: subject });
    await expect(notice).toContainText('Новое сообщение заявителя');
    await notice.click();
    await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Переписка' })).toContainText(more);

    await page.keyboard.press('Escape');
    await findInInbox(page, subject);
    await expect(inboxRow(page, subject).getByTestId('inbox-row-unread')).toHaveCount(0);
  });
});
