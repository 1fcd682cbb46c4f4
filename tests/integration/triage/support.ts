/**
 * What the triage suites share: a Telegram bot of an organisation over the fake (messages sent
 * through `driver` reach the server's webhook), signing in as a demo user, and the appeal intake
 * made of a message's text.
 */
import { demoPassword } from '../../../server/src/accounts/seed-demo';
import { createChannelAccount } from '../../../server/src/channels/accounts';
import { startTelegramFake, type TelegramFake, TelegramWebhookDriver } from '../../fakes';
import type { TestServer } from '../setup/db';
import type { Json, SyncTarget } from '../sync/client';

export async function telegramBot(
  server: TestServer,
  bot: { orgId: string; defaultDepartmentId: string; token: string; secretToken: string },
): Promise<{ tg: TelegramFake; driver: TelegramWebhookDriver }> {
  const tg = await startTelegramFake({ token: bot.token });
  try {
    const account = await createChannelAccount(server.pool, {
      orgId: bot.orgId,
      defaultDepartmentId: bot.defaultDepartmentId,
      allowedSources: ['127.0.0.1/32'],
      network: 'telegram',
      accountId: bot.token.split(':')[0]!,
      apiBaseUrl: tg.url,
      apiToken: bot.token,
      webhookSecret: bot.secretToken,
    });
    const driver = new TelegramWebhookDriver({
      url: `${server.url}/api/v1/channels/${account.network}/${account.pathToken}`,
      secretToken: bot.secretToken,
    });
    return { tg, driver };
  } catch (error) {
    await tg.close();
    throw error;
  }
}

export async function signInDemo(server: TestServer, login: string): Promise<SyncTarget> {
  const response = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: demoPassword }),
  });
  const { accessToken } = await response.json();
  return { url: server.url, headers: { authorization: `Bearer ${accessToken}` } };
}

/** Once the inbound queue is drained: the appeal with this text. */
export async function appealWithText(server: TestServer, text: string): Promise<Json> {
  await server.app.okno.inboundDrained();
  const found = await server.pool.query<{ doc: Json }>(
    `SELECT doc FROM sync_appeals WHERE doc->>'text' = $1`,
    [text],
  );
  return found.rows[0]?.doc;
}
