/**
 * OK comments under the group's topics (issue 13): the demo administrator gives an OK group channel
 * (a unique id) the REST keys the comment poller signs with. The keys are write-only (the form
 * says «Задан», never shows them), the change is in «Журнал администратора» without the values, and
 * the channel's row tells, in Russian, that comments are not being read when OK's API refuses or
 * cannot be reached (the e2e server reaches no real OK). The channel is disabled at the end, so
 * the shared server stops polling it.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '../support/officials';

const accountId = `57${Date.now()}`.slice(0, 14);
const secret = `e2e-secret-${randomUUID().slice(0, 8)}`;
const token = `e2e-token-${randomUUID().slice(0, 8)}`;

test.describe('OK comment poller keys', () => {
  test('the administrator sets the REST keys; they stay hidden and a failing poll is named', async ({
    officials,
  }) => {
    test.setTimeout(120_000);
    const admin = await officials.signIn('demo-admin');
    await admin.getByTestId('nav-admin').click();
    await admin.getByRole('tab', { name: 'Каналы' }).click();

    await admin.getByTestId('channel-add').click();
    await admin.getByRole('combobox', { name: 'Сеть' }).click();
    await admin.getByRole('option', { name: 'Группа в Одноклассниках', exact: true }).click();
    await admin.getByTestId('channel-account').fill(accountId);
    await admin.getByTestId('channel-title').fill(`Группа ${accountId}`);
    await admin.getByTestId('channel-token').fill('e2e-bot-token');
    await admin.getByTestId('channel-ok-applicationKey').fill('CBAE2EAPPKEY');
    await admin.getByTestId('channel-ok-applicationSecretKey').fill(secret);
    await admin.getByTestId('channel-ok-accessToken').fill(token);
    await admin.getByTestId('channel-save').click();
    await expect(admin.getByText(`Канал ${accountId} добавлен`)).toBeVisible();

    const row = admin.locator(`[data-testid="channel-row"][data-account="${accountId}"]`);
    await row.getByRole('button', { name: 'Изменить' }).click();
    await expect(admin.getByTestId('channel-ok-applicationSecretKey')).toHaveValue('');
    await expect(admin.getByText('Задан — оставьте пустым, чтобы не менять')).toHaveCount(3);
    await admin.getByRole('button', { name: 'Отмена' }).click();

    // The poller meets OK's refusal (or no network at all) and the row says so.
    await expect(async () => {
      await admin.getByRole('tab', { name: 'Журнал администратора' }).click();
      await admin.getByRole('tab', { name: 'Каналы' }).click();
      await expect(row.getByTestId('channel-comments-error')).toContainText('Комментарии ОК не читаются', {
        timeout: 2_000,
      });
    }).toPass({ timeout: 80_000, intervals: [3_000] });

    await admin.getByRole('tab', { name: 'Журнал администратора' }).click();
    await expect(admin.getByText(`ok ${accountId}`).first()).toBeVisible();
    await expect(admin.getByText(secret)).toHaveCount(0);
    await expect(admin.getByText(token)).toHaveCount(0);

    await admin.getByRole('tab', { name: 'Каналы' }).click();
    await row.getByRole('button', { name: 'Отключить' }).click();
    await expect(row).toContainText('Отключён');
  });
});
