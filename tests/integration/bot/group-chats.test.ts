/**
 * Finding 2: the citizen's wizard, status lookups and anything personal run only in private
 * chats. In a group chat (Telegram group/supergroup, VK conversation — peer_id ≥ 2e9 —, MAX chat)
 * the bot answers in one line and points to the private chat, and no wizard starts there.
 * Over the real webhooks, the real PostgreSQL and the network fakes.
 */
import { createChannelAccount } from '../../../server/src/channels/accounts';
import {
  type MaxFake,
  MaxWebhookDriver,
  maxMessageCreated,
  maxUser,
  startMaxFake,
  type TgChat,
  type TgUpdate,
  tgMessageUpdate,
  tgUser,
  vkMessage,
  vkMessageNew,
} from '../../fakes';
import { waitFor } from '../setup/wait';
import { type BotWorld, startBotWorld, vkGroupId } from './harness';

const tgBotLink = 'https://t.me/okno_test_bot';

async function sessionState(world: BotWorld, network: string, chatId: string): Promise<string | null> {
  const found = await world.server.pool.query<{ state: string }>(
    'SELECT state FROM bot_sessions WHERE network = $1 AND peer_id = $2',
    [network, chatId],
  );
  return found.rows[0]?.state ?? null;
}

describe('finding 2: the bot in group chats', () => {
  let world: BotWorld;
  const anna = tgUser({ id: 92001, first_name: 'Анна', last_name: 'Смирнова', language_code: 'ru' });
  const john = tgUser({ id: 92002, first_name: 'John', last_name: 'Smith', language_code: 'en' });

  beforeAll(async () => {
    world = await startBotWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  async function sayInTelegramChat(chat: TgChat, from = anna, text = 'Подать обращение') {
    const before = world.tg.sent.filter((m) => String(m.chatId) === String(chat.id)).length;
    const report = await world.tgDriver.send(tgMessageUpdate({ from, chat, text }));
    expect(report.accepted).toBe(true);
    const reply = await waitFor(
      () => world.tg.sent.filter((m) => String(m.chatId) === String(chat.id))[before],
    );
    return reply;
  }

  it('finding 2: «Подать обращение» in a Telegram supergroup points to the private chat, no consent text', async () => {
    const chat: TgChat = { id: -1_001_234_567_890, type: 'supergroup', title: 'Жители Ленина 5' };
    const reply = await sayInTelegramChat(chat);
    expect(reply.text).toContain('личном чате');
    expect(reply.text).toContain(tgBotLink);
    expect(reply.text).not.toContain('152-ФЗ');
    expect(reply.text!.split('\n')).toHaveLength(1);
    expect(reply.replyMarkup ?? null).toBeNull();
    expect(await sessionState(world, 'telegram', String(chat.id))).not.toMatch(/consent|name|passport/);

    // Nothing personal follows: a name is group talk (no answer), a status lookup is refused.
    const talk = await world.tgDriver.send(
      tgMessageUpdate({ from: anna, chat, text: 'Смирнова Анна Петровна' }),
    );
    expect(talk.accepted).toBe(true);
    const status = await sayInTelegramChat(chat, anna, 'Статус обращения');
    expect(status.text).toContain('личном чате');
    const inChat = world.tg.sent.filter((m) => String(m.chatId) === String(chat.id));
    expect(inChat).toHaveLength(2);
    for (const sent of inChat) expect(sent.text).not.toMatch(/паспорт|Смирнова/);
    expect(world.tg.violations).toEqual([]);
  });

  it('finding 2: a Telegram group (and an English speaker) gets the one line too; a button press is refused', async () => {
    const chat: TgChat = { id: -4_000_123, type: 'group', title: 'Двор' };
    const reply = await sayInTelegramChat(chat, john, '/start');
    expect(reply.text).toContain('private chat');
    expect(reply.text).toContain(tgBotLink);
    expect(reply.text!.split('\n')).toHaveLength(1);

    const before = world.tg.sent.filter((m) => String(m.chatId) === String(chat.id)).length;
    const press: TgUpdate = {
      update_id: 912_999_001,
      callback_query: {
        id: 'cb-group-1',
        from: anna,
        chat_instance: '-77',
        data: 'file',
        message: { message_id: 5, date: Math.floor(Date.now() / 1000), chat },
      },
    };
    expect((await world.tgDriver.send(press)).accepted).toBe(true);
    const answer = await waitFor(
      () => world.tg.sent.filter((m) => String(m.chatId) === String(chat.id))[before],
    );
    expect(answer.text).toContain('личном чате');
    expect(await sessionState(world, 'telegram', String(chat.id))).not.toBe('consent');
  });

  it('finding 2: the private chat still runs the wizard', async () => {
    const report = await world.tgDriver.send(tgMessageUpdate({ from: anna, text: 'Подать обращение' }));
    expect(report.accepted).toBe(true);
    const reply = await waitFor(() => world.tg.sent.find((m) => String(m.chatId) === String(anna.id)));
    expect(reply.text).toContain('152-ФЗ');
  });

  it('finding 2: a VK conversation (peer_id ≥ 2e9) gets the one line with the community link', async () => {
    const peerId = 2_000_000_007;
    const report = await world.vkDriver.send(
      vkMessageNew(vkMessage({ from_id: 5001, peer_id: peerId, text: 'Подать обращение' }), {
        groupId: vkGroupId,
        secret: 'vk-callback-secret',
      }),
    );
    expect(report.accepted).toBe(true);
    const reply = await waitFor(() => world.vk.sent.find((m) => m.peerId === peerId));
    expect(reply.message).toContain('личном чате');
    expect(reply.message).toContain(`https://vk.me/club${vkGroupId}`);
    expect(reply.message).not.toContain('152-ФЗ');
    expect(await sessionState(world, 'vk', String(peerId))).not.toBe('consent');
  });

  describe('MAX', () => {
    let max: MaxFake;
    let driver: MaxWebhookDriver;

    beforeAll(async () => {
      max = await startMaxFake({ token: 'max-group-token' });
      const account = await createChannelAccount(world.server.pool, {
        orgId: world.org.organisation.id,
        network: 'max',
        accountId: '55555555',
        apiBaseUrl: max.url,
        apiToken: 'max-group-token',
        webhookSecret: 'max-group-secret',
      });
      driver = new MaxWebhookDriver({
        url: `${world.server.url}/api/v1/channels/max/${account.pathToken}`,
        secret: 'max-group-secret',
      });
    });
    afterAll(async () => {
      await max.close();
    });

    it('finding 2: a MAX group chat (chat_type chat) gets the one line with the bot link', async () => {
      const chatId = 70_000_123;
      const update = maxMessageCreated({
        sender: maxUser({ user_id: 12_345_678, first_name: 'Иван', last_name: 'Петров' }),
        chatId,
        text: 'Подать обращение',
      });
      (update.message as { recipient: { chat_type: string } }).recipient.chat_type = 'chat';
      expect((await driver.send(update)).accepted).toBe(true);
      const reply = await waitFor(() => max.sent.find((m) => m.chatId === chatId));
      expect(reply.text).toContain('личном чате');
      expect(reply.text).toContain('https://max.ru/okno_bot');
      expect(reply.text).not.toContain('152-ФЗ');
      expect(await sessionState(world, 'max', String(chatId))).not.toBe('consent');
      expect(max.violations).toEqual([]);
    });
  });
});
