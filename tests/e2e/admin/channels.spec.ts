/**
 * Channel accounts in the app (issue 10): the demo administrator adds a Telegram bot account
 * against the e2e Telegram fake (tests/e2e/support/telegram-world.ts) with a unique id, checks the
 * connection («Подключение работает»), replaces the token with a wrong one and is told in Russian
 * that the network refused it; the token is never shown back, and «Журнал администратора» lists the
 * change with the token only as «задан новый». With OKNO_SCREENSHOT=1 it also writes
 * docs/screenshots/admin-channels.png (1440×900) after the passed check.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '../support/officials';

const controlUrl = `http://127.0.0.1:${process.env.OKNO_E2E_TELEGRAM_PORT ?? 18789}`;
const accountId = `e2e-${randomUUID().slice(0, 8)}`;

test.describe('channel accounts', () => {
  test('the administrator adds a Telegram bot, checks it, and a wrong token is named', async ({
    officials,
  }) => {
    test.setTimeout(90_000);
    const bot = (await (await fetch(`${controlUrl}/bot`)).json()) as { apiRoot: string; token: string };
    const admin = await officials.signIn('demo-admin');
    await admin.setViewportSize({ width: 1440, height: 900 });
    await admin.getByTestId('nav-admin').click();
    await admin.getByRole('tab', { name: 'Каналы' }).click();

    await admin.getByTestId('channel-add').click();
    await admin.getByTestId('channel-account').fill(accountId);
    await admin.getByTestId('channel-title').fill(`Бот ${accountId}`);
    await admin.getByTestId('channel-api-url').fill(bot.apiRoot);
    await admin.getByTestId('channel-token').fill(bot.token);
    await admin.getByTestId('channel-save').click();
    await expect(admin.getByText(`Канал ${accountId} добавлен`)).toBeVisible();

    const row = admin.locator(`[data-testid="channel-row"][data-account="${accountId}"]`);
    await expect(row).toContainText('Бот Telegram');
    await expect(row).toContainText('задан');
    await expect(admin.getByText(bot.token)).toHaveCount(0);
    await row.getByTestId('channel-check').click();
    await expect(row.getByTestId('channel-check-result')).toHaveAttribute('data-code', 'ok');
    await expect(row.getByTestId('channel-check-result')).toContainText('Подключение работает');
    if (process.env.OKNO_SCREENSHOT === '1') {
      await admin.mouse.move(0, 0);
      await admin.screenshot({ path: 'docs/screenshots/admin-channels.png' });
    }

    // A wrong token: saved (write-only, the field comes back empty), then the check names the fault.
    await row.getByRole('button', { name: 'Изменить' }).click();
    await expect(admin.getByTestId('channel-token')).toHaveValue('');
    await admin.getByTestId('channel-token').fill('1:wrong-e2e-token');
    await admin.getByTestId('channel-save').click();
    await expect(admin.getByText('Канал сохранён')).toBeVisible();
    await row.getByTestId('channel-check').click();
    await expect(row.getByTestId('channel-check-result')).toHaveAttribute('data-code', 'unauthorized');
    await expect(row.getByTestId('channel-check-result')).toContainText('Сеть не приняла токен');

    await admin.getByRole('tab', { name: 'Журнал администратора' }).click();
    await expect(admin.getByText(`telegram ${accountId}`).first()).toBeVisible();
    await expect(admin.getByText('токен: задан → задан новый').first()).toBeVisible();
  });
});
