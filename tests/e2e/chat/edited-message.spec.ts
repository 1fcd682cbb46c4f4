import { expect, test } from '@playwright/test';
import { telegramCitizen, telegramViolations } from '../support/citizen';
import { signInToInbox } from '../support/inbox-page';
import { apiLogin, uniqueSubject } from '../support/okno-api';
import { inboundMessages, incidentFromChat, openChatAppeal } from './support';

test.describe('an edited message', () => {
  test('issue 12: the citizen edits their Telegram message; the official sees the new text marked «изменено» and, on request, the earlier text', async ({
    page,
  }) => {
    const supervisor = await apiLogin('demo-supervisor');
    const citizen = telegramCitizen('Анна', 'Кузьмина');
    const first = uniqueSubject('Не горит фонарь у дома 5 по улице Гагарина');
    const { incident, messageId } = await incidentFromChat(supervisor, citizen, first);

    await signInToInbox(page, 'demo-operator');
    await openChatAppeal(page, first);
    const thread = page.getByRole('region', { name: 'Переписка' });
    await expect(thread).toContainText(first);
    await expect(thread.getByTestId('message-edited')).toHaveCount(0);

    const edited = first.replace('дома 5', 'дома 7, подъезд 2');
    await citizen.edit(messageId, edited);
    await expect
      .poll(async () => (await inboundMessages(supervisor, incident.id)).map((m) => m.text), {
        timeout: 20_000,
      })
      .toContain(edited);

    await expect(thread).toContainText(edited, { timeout: 15_000 });
    const mark = thread.getByTestId('message-edited');
    await expect(mark).toHaveCount(1);
    await expect(mark).toHaveText('изменено');
    await mark.click();
    const earlier = thread.getByTestId('earlier-versions');
    await expect(earlier).toContainText(first);
    await expect(earlier).not.toContainText(edited);
    expect(await telegramViolations()).toEqual([]);
  });
});
