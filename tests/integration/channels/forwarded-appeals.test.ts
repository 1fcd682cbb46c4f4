/**
 * Issue 12 (seed condition 6): an administrator forwards a citizen's appeal into the community's or
 * the bot's private messages. The appeal reaches the inbox as the author's; the administrator is told
 * so in one line; the author is invited where the network lets a bot write first, and where it does
 * not (VK: the author never allowed the community's messages, error 901; Telegram: the author never
 * started the bot, 403) the administrator gets the link to pass on and nothing is sent to the author.
 */
import type { ChannelAccount } from '../../../server/src/channels/types';
import {
  type MaxFake,
  MaxWebhookDriver,
  maxMessageCreated,
  maxUser,
  startMaxFake,
  startTelegramFake,
  startVkFake,
  type TelegramFake,
  TelegramWebhookDriver,
  tgForwardFromUser,
  tgMessageUpdate,
  tgUser,
  VkCallbackDriver,
  type VkFake,
  vkForwarded,
  vkMessage,
  vkMessageNew,
} from '../../fakes';
import { waitFor } from '../setup/wait';
import { addAccount, type ChannelTestEnv, messagesOf, startChannelServer, webhookUrl } from './support';

const groupId = 778_013;
const vkAdmin = 7007;
const maxAdmin = maxUser({ user_id: 13_001_399, first_name: 'Админ', last_name: 'Чата' });
const tgAdmin = tgUser({ id: 130_013_999, first_name: 'Админ', last_name: 'Бота' });

describe('issue 12: an appeal forwarded to an administrator’s private messages', () => {
  let env: ChannelTestEnv;
  let vk: VkFake;
  let tg: TelegramFake;
  let vkAccount: ChannelAccount;
  let tgAccount: ChannelAccount;
  let vkDriver: VkCallbackDriver;
  let tgDriver: TelegramWebhookDriver;
  let max: MaxFake;
  let maxDriver: MaxWebhookDriver;

  beforeAll(async () => {
    env = await startChannelServer();
    vk = await startVkFake({
      groupId,
      users: {
        1301: { first_name: 'Мария', last_name: 'Сидорова' },
        1302: { first_name: 'Олег', last_name: 'Кузнецов' },
        [vkAdmin]: { first_name: 'Админ', last_name: 'Сообщества' },
      },
    });
    tg = await startTelegramFake({ token: '130013:forwards-bot' });
    vkAccount = await addAccount(env, {
      network: 'vk',
      accountId: String(groupId),
      apiBaseUrl: vk.apiBaseUrl,
      apiToken: vk.token,
      webhookSecret: 'vk-forwards',
      confirmationCode: 'c0nf1rm',
      administrators: [String(vkAdmin)],
    });
    tgAccount = await addAccount(env, {
      network: 'telegram',
      accountId: '130013',
      apiBaseUrl: tg.url,
      apiToken: tg.token,
      webhookSecret: 'tg-forwards',
      administrators: [String(tgAdmin.id)],
    });
    max = await startMaxFake({ token: 'max-forwards-token' });
    const maxAccount = await addAccount(env, {
      network: 'max',
      accountId: '55500013',
      apiBaseUrl: max.url,
      apiToken: max.token,
      webhookSecret: 'max-forwards',
      administrators: [String(maxAdmin.user_id)],
    });
    maxDriver = new MaxWebhookDriver({ url: webhookUrl(env, maxAccount), secret: 'max-forwards' });
    vkDriver = new VkCallbackDriver({ url: webhookUrl(env, vkAccount), groupId, secret: 'vk-forwards' });
    tgDriver = new TelegramWebhookDriver({ url: webhookUrl(env, tgAccount), secretToken: 'tg-forwards' });
  });

  afterAll(async () => {
    await vk?.close();
    await tg?.close();
    await max?.close();
    await env?.server.close();
  });

  const sentTo = (fake: VkFake, peer: number) => fake.sent.filter((m) => m.peerId === peer);

  async function queuedFor(network: string, peerId: string): Promise<number> {
    const rows = await env.server.pool.query(
      'SELECT 1 FROM outbox_messages WHERE network = $1 AND peer_id = $2',
      [network, peerId],
    );
    return rows.rowCount ?? 0;
  }

  function forwardOnVk(author: number, text: string) {
    return vkDriver.send(
      vkMessageNew(
        vkMessage({ from_id: vkAdmin, text: '', fwd_messages: [vkForwarded({ from_id: author, text })] }),
        { groupId },
      ),
    );
  }

  it('VK, the author allows the community’s messages: the author is invited, the administrator told in one line', async () => {
    await forwardOnVk(1301, 'Прошу убрать сосульки с крыши дома 3');
    const notice = await waitFor(async () => sentTo(vk, vkAdmin)[0]);
    expect(notice.message).toContain('поступило во входящие Окна');
    expect(notice.message).toContain('Мария Сидорова');
    expect(notice.message).not.toContain('\n');
    const invitation = await waitFor(async () => sentTo(vk, 1301)[0]);
    expect(invitation.message).toContain('Подать обращение');
    const [message] = (await messagesOf(env, vkAccount)).slice(-1);
    expect(message).toMatchObject({ text: 'Прошу убрать сосульки с крыши дома 3' });
    expect(vk.violations).toEqual([]);
  });

  it('VK, the author never allowed the community’s messages (901): no invitation, the administrator gets the link', async () => {
    vk.unreachable.set(1302, 901);
    const before = sentTo(vk, vkAdmin).length;
    await forwardOnVk(1302, 'Не вывозят мусор третью неделю');
    const notice = await waitFor(async () => sentTo(vk, vkAdmin)[before]);
    expect(notice.message).toContain('не разрешает');
    expect(notice.message).toContain(`https://vk.me/club${groupId}`);
    // The invitation would have been queued in the notice's own transaction: there is none.
    expect(await queuedFor('vk', '1302')).toBe(0);
    expect(sentTo(vk, 1302)).toEqual([]);
    expect((await messagesOf(env, vkAccount)).at(-1)).toMatchObject({
      text: 'Не вывозят мусор третью неделю',
    });
  });

  it('Telegram, the author never started the bot: no invitation, the administrator gets the bot’s link', async () => {
    const author = tgUser({ id: 130_013_001, first_name: 'Ирина', last_name: 'Волкова' });
    tg.notStarted.add(author.id);
    await tgDriver.send(
      tgMessageUpdate({ from: tgAdmin, text: 'Сломан светофор', forwardOrigin: tgForwardFromUser(author) }),
    );
    const notice = await waitFor(async () => tg.sent.find((m) => String(m.chatId) === String(tgAdmin.id)));
    expect(notice.text).toContain('Ирина Волкова');
    expect(notice.text).toContain('https://t.me/okno_test_bot');
    expect(await queuedFor('telegram', String(author.id))).toBe(0);
    expect(tg.sent.filter((m) => String(m.chatId) === String(author.id))).toEqual([]);
  });

  it('Telegram, the author started the bot before: invited, and the administrator told so', async () => {
    const author = tgUser({ id: 130_013_002, first_name: 'Павел', last_name: 'Орлов' });
    await tgDriver.send(tgMessageUpdate({ from: author, text: '/start' }));
    await waitFor(async () => tg.sent.find((m) => String(m.chatId) === String(author.id)));
    const before = tg.sent.filter((m) => String(m.chatId) === String(author.id)).length;
    await tgDriver.send(
      tgMessageUpdate({ from: tgAdmin, text: 'Яма у остановки', forwardOrigin: tgForwardFromUser(author) }),
    );
    const notice = await waitFor(async () =>
      tg.sent.find((m) => String(m.chatId) === String(tgAdmin.id) && m.text?.includes('Павел Орлов')),
    );
    expect(notice.text).toContain('приглашение');
    await waitFor(async () => tg.sent.filter((m) => String(m.chatId) === String(author.id))[before]);
    expect(tg.violations).toEqual([]);
  });

  it('MAX: the administrator is told in their dialog, and the author is invited by user_id (MAX does not reveal the author’s dialog)', async () => {
    const author = maxUser({ user_id: 13_001_301, first_name: 'Нина', last_name: 'Белова' });
    const adminDialog = 130_013_999;
    await maxDriver.send(
      maxMessageCreated({
        sender: maxAdmin,
        chatId: adminDialog,
        text: '',
        forwardOf: { sender: author, text: 'Нет отопления в доме 9' },
      }),
    );
    const notice = await waitFor(async () => max.sent.find((m) => m.chatId === adminDialog));
    expect(notice.text).toContain('Нина Белова');
    const invitation = await waitFor(async () => max.sent.find((m) => m.userId === author.user_id));
    expect(invitation.text).toContain('Подать обращение');
    expect(max.violations).toEqual([]);
  });
});
