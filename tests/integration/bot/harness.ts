/**
 * A server with the citizen bot, a Telegram bot and a VK community pointed at the fakes, and the
 * drivers that play citizens over the real webhooks.
 */
import { createChannelAccount } from '../../../server/src/channels/accounts';
import {
  startTelegramFake,
  startVkFake,
  type TelegramFake,
  TelegramWebhookDriver,
  type TgUser,
  tgMessageUpdate,
  VkCallbackDriver,
  type VkFake,
  vkMessage,
  vkMessageNew,
} from '../../fakes';
import { seedTestOrg, startTestServer, type TestDatabase, type TestOrg, type TestServer } from '../setup/db';
import { waitFor } from '../setup/wait';

export const vkGroupId = 777001;

/**
 * A formal appeal's wizard from the menu up to the appeal's text, each a message the citizen sends:
 * filing, consent, name, passport, contacts, social status, an individual appeal.
 */
export const wizardAnswersToText = [
  'Подать обращение',
  'да',
  'Петров Иван Сергеевич',
  '46 07 918273',
  '+7 912 345-67-89, ivan.petrov@example.ru',
  'гражданин',
  'индивидуальное',
] as const;

/** The organisation's appeal registered under `number`. */
export async function appealOfNumber(world: BotWorld, number: string): Promise<{ id: string; text: string }> {
  const found = await world.server.pool.query<{ doc: { id: string; text: string } }>(
    `SELECT doc FROM sync_appeals WHERE org_id = $1 AND doc->>'registrationNumber' = $2`,
    [world.org.organisation.id, number],
  );
  return found.rows[0]!.doc;
}
const tgSecret = 'tg-webhook-secret';
const vkSecret = 'vk-callback-secret';

export interface BotWorld {
  server: TestServer;
  org: TestOrg;
  tg: TelegramFake;
  vk: VkFake;
  tgDriver: TelegramWebhookDriver;
  vkDriver: VkCallbackDriver;
  close(): Promise<void>;
}

export async function startBotWorld(
  opts: {
    database?: TestDatabase;
    org?: TestOrg;
    tg?: TelegramFake;
    vk?: VkFake;
    /** Route the accounts' incidents (and the bot's formal appeals) to this department of the org. */
    defaultDepartment?: 'd1' | 'd2';
    /** The server's clock (the bot's idle timeout reads it). */
    now?: () => number;
  } = {},
): Promise<BotWorld> {
  const server = await startTestServer({
    ...(opts.database ? { database: opts.database } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  // The bot answers in order but Telegram allows ~1 message/s per chat; tests type faster than people.
  server.app.citizenBot.outbox.setRates({
    telegram: { account: { perSecond: 200, burst: 1 }, chat: { perSecond: 50, burst: 5 } },
  });
  server.app.citizenBot.dispatcher.setFloodPolicy({ capacity: 1000, refillPerSecond: 100 });
  const org = opts.org ?? (await seedTestOrg(server.pool));
  const tg = opts.tg ?? (await startTelegramFake());
  const vk =
    opts.vk ??
    (await startVkFake({
      groupId: vkGroupId,
      users: {
        5001: { first_name: 'Анна', last_name: 'Смирнова' },
        5002: { first_name: 'Олег', last_name: 'Кузнецов' },
      },
    }));
  let tgAccountPath: string;
  let vkAccountPath: string;
  const existing = await server.pool.query<{ network: string; path_token: string }>(
    'SELECT network, path_token FROM channel_accounts WHERE org_id = $1',
    [org.organisation.id],
  );
  if (existing.rows.length > 0) {
    tgAccountPath = existing.rows.find((r) => r.network === 'telegram')!.path_token;
    vkAccountPath = existing.rows.find((r) => r.network === 'vk')!.path_token;
  } else {
    const routing = opts.defaultDepartment
      ? { defaultDepartmentId: org.departments[opts.defaultDepartment].id }
      : {};
    const tgAccount = await createChannelAccount(server.pool, {
      ...routing,
      orgId: org.organisation.id,
      network: 'telegram',
      accountId: String(tg.bot.id),
      apiBaseUrl: tg.apiRoot,
      apiToken: tg.token,
      webhookSecret: tgSecret,
    });
    const vkAccount = await createChannelAccount(server.pool, {
      ...routing,
      orgId: org.organisation.id,
      network: 'vk',
      accountId: String(vkGroupId),
      apiBaseUrl: vk.apiBaseUrl,
      apiToken: vk.token,
      webhookSecret: vkSecret,
      confirmationCode: 'c0nf1rm',
    });
    tgAccountPath = tgAccount.pathToken;
    vkAccountPath = vkAccount.pathToken;
  }
  const tgDriver = new TelegramWebhookDriver({
    url: `${server.url}/api/v1/channels/telegram/${tgAccountPath}`,
    secretToken: tgSecret,
  });
  const vkDriver = new VkCallbackDriver({
    url: `${server.url}/api/v1/channels/vk/${vkAccountPath}`,
    groupId: vkGroupId,
    secret: vkSecret,
  });
  return {
    server,
    org,
    tg,
    vk,
    tgDriver,
    vkDriver,
    async close() {
      await server.close();
      if (!opts.tg) await tg.close();
      if (!opts.vk) await vk.close();
    },
  };
}

/** A Telegram citizen: each `say` delivers an update and returns the bot's next reply text. */
export function telegramCitizen(world: BotWorld, user: TgUser) {
  const mine = () => world.tg.sent.filter((m) => String(m.chatId) === String(user.id));
  return {
    user,
    replies: mine,
    async say(text: string): Promise<string> {
      const before = mine().length;
      const report = await world.tgDriver.send(tgMessageUpdate({ from: user, text }));
      if (!report.accepted) throw new Error(`webhook refused: ${JSON.stringify(report.last)}`);
      const reply = await waitFor(() => mine()[before]);
      return reply.text ?? reply.caption ?? '';
    },
  };
}

/** A VK citizen writing to the community. */
export function vkCitizen(world: BotWorld, userId: number) {
  const mine = () => world.vk.sent.filter((m) => m.peerId === userId);
  return {
    replies: mine,
    async say(text: string): Promise<string> {
      const before = mine().length;
      const report = await world.vkDriver.send(
        vkMessageNew(vkMessage({ from_id: userId, text }), { groupId: vkGroupId, secret: vkSecret }),
      );
      if (!report.accepted) throw new Error(`webhook refused: ${JSON.stringify(report.last)}`);
      const reply = await waitFor(() => mine()[before]);
      return reply.message ?? '';
    },
  };
}
