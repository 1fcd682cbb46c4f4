/**
 * The citizen bot on all four networks at once — Telegram and VK from ./harness.ts plus a MAX bot
 * and an OK group, each pointed at its fake — and one citizen driver per network with the same
 * shape, so a journey is written once and run over each (`describe.each(networks)`). Every message
 * is a schema-checked event delivered to the server's real webhook; every reply is read from what
 * the network's fake accepted.
 */
import { createChannelAccount } from '../../../server/src/channels/accounts';
import type { SocialNetwork } from '../../../shared/model/vocabulary';
import {
  type MaxFake,
  MaxWebhookDriver,
  maxMessageCreated,
  maxUser,
  type OkFake,
  OkWebhookDriver,
  okMessage,
  startMaxFake,
  startOkFake,
  type TelegramFake,
  tgMessageUpdate,
  tgUser,
  type VkFake,
  vkMessage,
  vkMessageNew,
} from '../../fakes';
import type { TestDatabase, TestOrg } from '../setup/db';
import { waitFor } from '../setup/wait';
import { type BotWorld, startBotWorld, vkGroupId } from './harness';

export const networks = ['telegram', 'vk', 'max', 'ok'] as const satisfies readonly SocialNetwork[];
export type Network = (typeof networks)[number];

const maxSecret = 'max-citizens-secret';
const maxBotId = '55555501';
const okGroupId = '53038201';

/** The fakes outlive a server: a restart starts a new server against the same ones. */
export interface Fakes {
  tg: TelegramFake;
  vk: VkFake;
  max: MaxFake;
  ok: OkFake;
}

export interface NetworksWorld extends BotWorld {
  max: MaxFake;
  ok: OkFake;
  maxDriver: MaxWebhookDriver;
  okDriver: OkWebhookDriver;
}

export async function startNetworksWorld(
  opts: { database?: TestDatabase; org?: TestOrg; fakes?: Fakes; now?: () => number } = {},
): Promise<NetworksWorld> {
  const world = await startBotWorld({
    ...(opts.database ? { database: opts.database } : {}),
    ...(opts.org ? { org: opts.org } : {}),
    ...(opts.fakes ? { tg: opts.fakes.tg, vk: opts.fakes.vk } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  const max = opts.fakes?.max ?? (await startMaxFake({ token: 'max-citizens-token' }));
  const ok = opts.fakes?.ok ?? (await startOkFake({ token: 'okCitizensToken' }));
  const paths = await world.server.pool.query<{ network: string; path_token: string }>(
    `SELECT network, path_token FROM channel_accounts WHERE org_id = $1 AND network IN ('max', 'ok')`,
    [world.org.organisation.id],
  );
  let maxPath = paths.rows.find((r) => r.network === 'max')?.path_token;
  let okPath = paths.rows.find((r) => r.network === 'ok')?.path_token;
  if (!maxPath)
    maxPath = (
      await createChannelAccount(world.server.pool, {
        orgId: world.org.organisation.id,
        network: 'max',
        accountId: maxBotId,
        apiBaseUrl: max.url,
        apiToken: max.token,
        webhookSecret: maxSecret,
      })
    ).pathToken;
  if (!okPath)
    okPath = (
      await createChannelAccount(world.server.pool, {
        orgId: world.org.organisation.id,
        network: 'ok',
        accountId: okGroupId,
        apiBaseUrl: ok.url,
        apiToken: ok.token,
        allowedSources: ['127.0.0.1/32'],
      })
    ).pathToken;
  return {
    ...world,
    max,
    ok,
    maxDriver: new MaxWebhookDriver({
      url: `${world.server.url}/api/v1/channels/max/${maxPath}`,
      secret: maxSecret,
    }),
    okDriver: new OkWebhookDriver({ url: `${world.server.url}/api/v1/channels/ok/${okPath}` }),
    async close() {
      await world.close();
      if (!opts.fakes) {
        await max.close();
        await ok.close();
      }
    },
  };
}

/** What a network's fake accepted from the bot for one chat, as text and button labels. */
export interface BotMessage {
  text: string;
  buttons: string[];
}

export interface NetworkCitizen {
  network: Network;
  /** The chat's id as the bot's session and the inbox key it (`bot_sessions.peer_id`). */
  chatId: string;
  /** Sends a message and returns the bot's next reply. */
  say(text: string): Promise<string>;
  /**
   * Presses the button labelled `label` under the bot's last keyboard and returns the bot's next
   * reply: Telegram, VK and MAX buttons send their label as a message; an OK button is a
   * `MESSAGE_CALLBACK` the fake makes only for a button it delivered.
   */
  press(label: string): Promise<string>;
  /** Everything the bot sent this citizen, oldest first. */
  replies(): BotMessage[];
}

type Labelled = { text?: string; label?: string; action?: { label?: string } };
const labelsOf = (rows: unknown): string[] =>
  (Array.isArray(rows) ? rows : [])
    .flat()
    .map((b: Labelled) => String(b.text ?? b.label ?? b.action?.label ?? ''));

/**
 * A citizen Иван Петров (the profile name each network gives; OK gives none) on `network`, with a
 * number unique within the test file. The VK fake knows the user under that name.
 */
export function citizenOn(world: NetworksWorld, network: Network, n: number): NetworkCitizen {
  const first = 'Иван';
  const last = 'Петров';
  if (network === 'telegram') {
    const user = tgUser({ id: 94_000 + n, first_name: first, last_name: last, language_code: 'ru' });
    const mine = () => world.tg.sent.filter((m) => String(m.chatId) === String(user.id));
    return deliverer(network, String(user.id), mine, async (text) =>
      world.tgDriver.send(tgMessageUpdate({ from: user, text })),
    );
  }
  if (network === 'vk') {
    const userId = 6_000 + n;
    world.vk.users.set(userId, { first_name: first, last_name: last });
    const mine = () => world.vk.sent.filter((m) => m.peerId === userId);
    return deliverer(network, String(userId), mine, async (text) =>
      world.vkDriver.send(
        vkMessageNew(vkMessage({ from_id: userId, text }), {
          groupId: vkGroupId,
          secret: 'vk-callback-secret',
        }),
      ),
    );
  }
  if (network === 'max') {
    const sender = maxUser({ user_id: 71_000_000 + n, first_name: first, last_name: last });
    const chatId = 81_000_000 + n;
    const mine = () => world.max.sent.filter((m) => m.chatId === chatId);
    return deliverer(network, String(chatId), mine, async (text) =>
      world.maxDriver.send(maxMessageCreated({ sender, text, chatId })),
    );
  }
  const chatId = `C0c17${n.toString(16).padStart(7, '0')}`;
  const userId = String(577_000_000_000 + n);
  const mine = () => world.ok.sent.filter((m) => m.chatId === `chat:${chatId}`);
  return deliverer(
    network,
    `chat:${chatId}`,
    mine,
    async (text) => world.okDriver.send(okMessage({ userId, chatId, text })),
    async (label) => world.okDriver.send(world.ok.press(chatId, userId, label)),
  );
}

function deliverer(
  network: Network,
  chatId: string,
  mine: () => unknown[],
  send: (text: string) => Promise<{ accepted: boolean; last: unknown }>,
  pressOf?: (label: string) => Promise<{ accepted: boolean; last: unknown }>,
): NetworkCitizen {
  const replies = () => mine().map(asBotMessage);
  const next = async (deliver: () => Promise<{ accepted: boolean; last: unknown }>) => {
    const before = mine().length;
    const report = await deliver();
    if (!report.accepted) throw new Error(`${network} webhook refused: ${JSON.stringify(report.last)}`);
    await waitFor(() => mine()[before]);
    return replies()[before]!.text;
  };
  return {
    network,
    chatId,
    replies,
    say: (text) => next(() => send(text)),
    async press(label) {
      const shown = replies().findLast((m) => m.buttons.length > 0);
      if (!shown?.buttons.includes(label))
        throw new Error(
          `${network}: no button «${label}» under the last keyboard (${shown?.buttons.join(', ')})`,
        );
      return next(() => (pressOf ?? send)(label));
    },
  };
}

/** The text and the button labels of one sent message, whatever the network's record looks like. */
function asBotMessage(sent: unknown): BotMessage {
  const m = sent as {
    text?: string | null;
    message?: string;
    caption?: string;
    replyMarkup?: { keyboard?: unknown; inline_keyboard?: unknown };
    keyboard?: string | { buttons?: unknown };
    attachments?: { type?: string; payload?: { buttons?: unknown } }[] | null;
    /** The OK fake's record: the labels of the INLINE_KEYBOARD it received. */
    buttons?: string[][];
  };
  const vkKeyboard = typeof m.keyboard === 'string' ? JSON.parse(m.keyboard) : m.keyboard;
  const maxKeyboard = (m.attachments ?? []).find((a) => a?.type === 'inline_keyboard')?.payload?.buttons;
  return {
    text: m.text ?? m.message ?? m.caption ?? '',
    buttons: [
      ...labelsOf(m.replyMarkup?.keyboard ?? m.replyMarkup?.inline_keyboard),
      ...labelsOf(vkKeyboard?.buttons),
      ...labelsOf(maxKeyboard),
      ...(m.buttons ?? []).flat(),
    ],
  };
}
