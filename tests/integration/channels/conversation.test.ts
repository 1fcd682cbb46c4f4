/**
 * Issue 12, the conversation at channel level: a citizen's edit reaches the official with its
 * history, an administrator's answer from the network's own interface appears in the thread, and
 * button presses are answered as each network requires. Over real webhooks, the real PostgreSQL
 * and the network fakes (which validate every event against the published schemas).
 */
import type { ChannelAccount } from '../../../server/src/channels/types';
import { enqueue } from '../../../server/src/outbox/store';
import { writeServerDocs } from '../../../server/src/sync/server-writes';
import {
  EventContractError,
  type MaxFake,
  MaxWebhookDriver,
  maxMessageCallback,
  maxMessageCreated,
  maxMessageEdited,
  maxUser,
  startMaxFake,
  startTelegramFake,
  startVkFake,
  type TelegramFake,
  TelegramWebhookDriver,
  tgCallbackQueryUpdate,
  tgEditedMessageUpdate,
  tgMessagesAsSent,
  tgMessageUpdate,
  tgUser,
  VkCallbackDriver,
  type VkFake,
  vkMessage,
  vkMessageEdit,
  vkMessageEvent,
  vkMessageNew,
  vkMessageReply,
} from '../../fakes';
import { waitFor } from '../setup/wait';
import {
  addAccount,
  type ChannelTestEnv,
  type Json,
  messagesOf,
  pullAll,
  startChannelServer,
  webhookUrl,
} from './support';

const groupId = 778_012;
const vkSecret = 'vk-conversation-secret';
const vkAdmin = 6006;
const citizen = tgUser({ id: 120_012_001, first_name: 'Иван', last_name: 'Петров' });
/** The organisation's Telegram channel; its discussion group is where citizens comment. */
const districtChannel = { id: -1_001_200_120_099, type: 'channel' as const, title: 'Администрация района' };
const maxCitizen = maxUser({ user_id: 12_012_001, first_name: 'Анна', last_name: 'Смирнова' });

describe('issue 12: the conversation at channel level', () => {
  let env: ChannelTestEnv;
  let tg: TelegramFake;
  let vk: VkFake;
  let max: MaxFake;
  let tgAccount: ChannelAccount;
  let vkAccount: ChannelAccount;
  let maxAccount: ChannelAccount;
  let tgDriver: TelegramWebhookDriver;
  let vkDriver: VkCallbackDriver;
  let maxDriver: MaxWebhookDriver;

  beforeAll(async () => {
    env = await startChannelServer();
    tg = await startTelegramFake({ token: '120012:conversation-bot' });
    vk = await startVkFake({
      groupId,
      users: {
        1201: { first_name: 'Пётр', last_name: 'Соколов' },
        [vkAdmin]: { first_name: 'Елена', last_name: 'Админова' },
      },
    });
    max = await startMaxFake({ token: 'max-conversation-token' });
    tgAccount = await addAccount(env, {
      network: 'telegram',
      accountId: '120012',
      apiBaseUrl: tg.url,
      apiToken: tg.token,
      webhookSecret: 'tg-conversation-secret',
      administrators: [String(districtChannel.id)],
    });
    vkAccount = await addAccount(env, {
      network: 'vk',
      accountId: String(groupId),
      apiBaseUrl: vk.apiBaseUrl,
      apiToken: vk.token,
      webhookSecret: vkSecret,
      confirmationCode: 'c0nf1rm',
    });
    maxAccount = await addAccount(env, {
      network: 'max',
      accountId: '55555555',
      apiBaseUrl: max.url,
      apiToken: max.token,
      webhookSecret: 'max-conversation-secret',
      administrators: ['12012999'],
    });
    tgDriver = new TelegramWebhookDriver({
      url: webhookUrl(env, tgAccount),
      secretToken: 'tg-conversation-secret',
      callbacks: tg,
    });
    vkDriver = new VkCallbackDriver({
      url: webhookUrl(env, vkAccount),
      groupId,
      secret: vkSecret,
      callbacks: vk,
    });
    maxDriver = new MaxWebhookDriver({
      url: webhookUrl(env, maxAccount),
      secret: 'max-conversation-secret',
      callbacks: max,
    });
  });

  afterAll(async () => {
    await tg?.close();
    await vk?.close();
    await max?.close();
    await env?.server.close();
  });

  /** The message as an official's desktop pulls it now, found by its current text. */
  async function officialSeesNow(text: string): Promise<Json> {
    const messages = await pullAll(env, env.org.users.supervisor, 'messages');
    return messages.find((m) => m.text === text);
  }

  /**
   * The same, once it is there: a webhook is acknowledged when its raw event is stored, and the
   * inbox is written after that, so the test waits for it.
   */
  function officialSees(text: string): Promise<Json> {
    return waitFor(() => officialSeesNow(text), 20_000);
  }

  /** Waits until the server has processed this raw event (stored and normalised, or kept raw). */
  function processed(account: ChannelAccount, externalId: string) {
    return waitFor(async () => {
      const raw = await env.server.pool.query(
        'SELECT 1 FROM inbound_events WHERE channel_account_id = $1 AND external_id = $2 AND processed_at IS NOT NULL',
        [account.id, externalId],
      );
      return (raw.rowCount ?? 0) > 0;
    }, 20_000);
  }

  async function appealOf(message: Json): Promise<Json> {
    const appeals = await pullAll(env, env.org.users.supervisor, 'appeals');
    return appeals.find((a) => a.id === message.appealId);
  }

  async function editAudits(messageId: string): Promise<number> {
    const found = await env.server.pool.query(
      "SELECT 1 FROM audit_log WHERE action = 'message.edit' AND entity_id = $1",
      [messageId],
    );
    return found.rowCount ?? 0;
  }

  describe('a citizen edits an earlier message', () => {
    it('Telegram edited_message: the official sees the current text, marked edited, with the earlier version', async () => {
      const original = tgMessageUpdate({ from: citizen, text: 'Не горит фонарь у дома 5' });
      expect((await tgDriver.send(original)).accepted).toBe(true);
      const before = await officialSees('Не горит фонарь у дома 5');
      expect(before.editedAt).toBeUndefined();

      const edit = tgEditedMessageUpdate(original, 'Не горит фонарь у дома 7, подъезд 2');
      expect((await tgDriver.send(edit)).accepted).toBe(true);
      const after = await officialSees('Не горит фонарь у дома 7, подъезд 2');
      expect(after).toMatchObject({
        id: before.id,
        editedAt: (edit.edited_message as { edit_date: number }).edit_date * 1000,
        earlierVersions: [{ text: 'Не горит фонарь у дома 5' }],
      });
      // What was received as the appeal's text stays as received.
      expect((await appealOf(after)).text).toBe('Не горит фонарь у дома 5');
      expect(await editAudits(before.id)).toBe(1);

      // A second edit keeps both earlier versions, oldest first; a redelivered edit changes nothing.
      const second = tgEditedMessageUpdate(original, 'Не горит фонарь у дома 7, подъезд 3');
      await tgDriver.send(second, { copies: 2 });
      const latest = await officialSees('Не горит фонарь у дома 7, подъезд 3');
      expect(latest.earlierVersions.map((v: Json) => v.text)).toEqual([
        'Не горит фонарь у дома 5',
        'Не горит фонарь у дома 7, подъезд 2',
      ]);
      expect(await editAudits(before.id)).toBe(2);
      expect(tg.violations).toEqual([]);
    });

    it('VK message_edit: the same, under the message id VK keeps', async () => {
      const message = vkMessage({ from_id: 1201, text: 'Яма на дороге по улице Мира' });
      expect((await vkDriver.messageNew(message)).accepted).toBe(true);
      const before = await officialSees('Яма на дороге по улице Мира');
      const edit = vkMessageEdit(message, 'Яма на дороге по улице Мира, 12', { groupId });
      expect((await vkDriver.send(edit)).accepted).toBe(true);
      const after = await officialSees('Яма на дороге по улице Мира, 12');
      expect(after).toMatchObject({
        id: before.id,
        earlierVersions: [{ text: 'Яма на дороге по улице Мира' }],
      });
      expect(after.editedAt).toBeGreaterThan(0);
      expect((await appealOf(after)).text).toBe('Яма на дороге по улице Мира');
      expect(vk.violations).toEqual([]);
    });

    it('MAX message_edited: the same, under body.mid', async () => {
      const created = maxMessageCreated({
        sender: maxCitizen,
        chatId: 120_120,
        text: 'Сломана скамейка в парке',
      });
      expect((await maxDriver.send(created)).accepted).toBe(true);
      const before = await officialSees('Сломана скамейка в парке');
      const edited = maxMessageEdited(created, 'Сломана скамейка в парке Победы');
      expect((await maxDriver.send(edited)).accepted).toBe(true);
      const after = await officialSees('Сломана скамейка в парке Победы');
      expect(after).toMatchObject({
        id: before.id,
        editedAt: edited.timestamp,
        earlierVersions: [{ text: 'Сломана скамейка в парке', until: edited.timestamp }],
      });
      expect(max.violations).toEqual([]);
    });

    it('an edit of a message Okno never recorded writes nothing and keeps no text in the raw event', async () => {
      const neverSeen = tgMessageUpdate({ from: citizen, text: 'серия 4510 номер 123456' });
      const edit = tgEditedMessageUpdate(neverSeen, 'серия 4510 номер 654321');
      const messagesBefore = (await messagesOf(env, tgAccount)).length;
      expect((await tgDriver.send(edit)).accepted).toBe(true);
      await processed(tgAccount, String(edit.update_id));
      expect((await messagesOf(env, tgAccount)).length).toBe(messagesBefore);
      const raw = await env.server.pool.query<{ payload: string }>(
        'SELECT payload::text FROM inbound_events WHERE channel_account_id = $1 AND external_id = $2',
        [tgAccount.id, String(edit.update_id)],
      );
      expect(raw.rows[0]?.payload).not.toContain('654321');
    });
  });

  describe('an administrator answers in the network’s own interface', () => {
    it('VK message_reply with admin_author_id: a staff message by that administrator, marked, never re-sent', async () => {
      await vkDriver.messageNew(vkMessage({ from_id: 1201, text: 'Когда починят лифт?' }));
      const question = await officialSees('Когда починят лифт?');
      // The latest message of the conversation is a loose one (the bot's menu belongs to no appeal):
      // the answer still joins the appeal the citizen's question is in.
      await writeServerDocs(env.server.pool, 'messages', env.org.organisation.id, [
        {
          ...question,
          id: `loose-${question.id}`,
          appealId: '',
          direction: 'out',
          author: { kind: 'bot', userId: null, displayName: 'Чат-бот' },
          text: 'Меню',
          createdAt: question.createdAt + 1,
          deliveryStatus: 'sent',
          _deleted: false,
        },
      ]);
      const sentBefore = vk.sent.length;
      const reply = vkMessageReply(1201, 'Лифт починят в четверг.', { groupId, adminAuthorId: vkAdmin });
      expect((await vkDriver.send(reply)).accepted).toBe(true);
      const answer = await officialSees('Лифт починят в четверг.');
      expect(answer).toMatchObject({
        direction: 'out',
        author: { kind: 'staff', userId: null, displayName: 'Елена Админова' },
        appealId: question.appealId,
        conversationId: question.conversationId,
        postedInNetwork: true,
        deliveryStatus: 'delivered',
      });
      // Delivered by VK already: Okno sends nothing (the outbox never sees it).
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(vk.sent.slice(sentBefore).filter((m) => m.message === 'Лифт починят в четверг.')).toEqual([]);
      const queued = await env.server.pool.query('SELECT 1 FROM outbox_messages WHERE message_id = $1', [
        answer.id,
      ]);
      expect(queued.rowCount).toBe(0);
      // The same event again is one message.
      await vkDriver.send(reply);
      const all = await pullAll(env, env.org.users.supervisor, 'messages');
      expect(all.filter((m) => m.text === 'Лифт починят в четверг.')).toHaveLength(1);
    });

    it('VK message_reply without admin_author_id is Okno’s own send coming back: nothing is recorded', async () => {
      const echo = vkMessageReply(1201, 'Эхо отправленного ботом', { groupId });
      expect((await vkDriver.send(echo)).accepted).toBe(true);
      await processed(vkAccount, echo.event_id);
      expect(await officialSeesNow('Эхо отправленного ботом')).toBeUndefined();
    });

    it('Telegram: an anonymous administrator of a group answers there — a staff message signed as Telegram signs it', async () => {
      const chat = { id: -1_001_200_120_012, type: 'supergroup' as const, title: 'Жители Мира 12' };
      await tgDriver.send(tgMessageUpdate({ from: citizen, chat, text: 'Когда дадут воду?' }));
      const question = await officialSees('Когда дадут воду?');
      const anonymousAdmin = tgUser({
        id: 1_087_968_824,
        first_name: 'Group',
        username: 'GroupAnonymousBot',
      });
      const answer = tgMessageUpdate({
        from: { ...anonymousAdmin, is_bot: true },
        chat,
        text: 'Воду дадут к 18:00.',
      });
      (answer.message as Json).sender_chat = chat;
      (answer.message as Json).author_signature = 'Диспетчер';
      expect((await tgDriver.send(answer)).accepted).toBe(true);
      expect(await officialSees('Воду дадут к 18:00.')).toMatchObject({
        direction: 'out',
        author: { kind: 'staff', displayName: 'Диспетчер' },
        conversationId: question.conversationId,
        postedInNetwork: true,
      });
      expect(tg.violations).toEqual([]);
    });
  });

  it('Telegram: a channel’s administrator answering as the (configured) channel in its discussion group is a staff answer; a citizen commenting as their own channel is not', async () => {
    const discussion = { id: -1_001_200_120_100, type: 'supergroup' as const, title: 'Обсуждение' };
    await tgDriver.send(
      tgMessageUpdate({ from: citizen, chat: discussion, text: 'Когда отремонтируют мост?' }),
    );
    const question = await officialSees('Когда отремонтируют мост?');
    const channelBot = tgUser({ id: 136_817_688, first_name: 'Channel', username: 'Channel_Bot' });
    const asChannel = (sender: object, text: string, signature?: string) => {
      const update = tgMessageUpdate({ from: { ...channelBot, is_bot: true }, chat: discussion, text });
      (update.message as Json).sender_chat = sender;
      if (signature) (update.message as Json).author_signature = signature;
      return update;
    };
    await tgDriver.send(asChannel(districtChannel, 'Мост отремонтируют в мае.', 'Иванова'));
    expect(await officialSees('Мост отремонтируют в мае.')).toMatchObject({
      direction: 'out',
      author: { kind: 'staff', displayName: 'Иванова' },
      conversationId: question.conversationId,
      postedInNetwork: true,
    });
    const ownChannel = { id: -1_001_999_000_001, type: 'channel', title: 'Блог Ивана' };
    await tgDriver.send(asChannel(ownChannel, 'Я пишу от своего канала'));
    expect(await officialSees('Я пишу от своего канала')).toMatchObject({ direction: 'in' });
    expect(tg.violations).toEqual([]);
  });

  it('MAX: a configured administrator writing in a chat answers there — a staff message, never re-sent', async () => {
    const chatAdmin = maxUser({ user_id: 12_012_999, first_name: 'Ольга', last_name: 'Диспетчер' });
    const chatId = 120_121;
    const inChat = (update: ReturnType<typeof maxMessageCreated>) => {
      (update.message as Json).recipient.chat_type = 'chat';
      return update;
    };
    await maxDriver.send(
      inChat(maxMessageCreated({ sender: maxCitizen, chatId, text: 'Когда уберут снег?' })),
    );
    const question = await officialSees('Когда уберут снег?');
    await maxDriver.send(
      inChat(maxMessageCreated({ sender: chatAdmin, chatId, text: 'Снег уберут сегодня.' })),
    );
    expect(await officialSees('Снег уберут сегодня.')).toMatchObject({
      direction: 'out',
      author: { kind: 'staff', displayName: 'Ольга Диспетчер' },
      conversationId: question.conversationId,
      postedInNetwork: true,
      deliveryStatus: 'delivered',
    });
    expect(max.sent.filter((m) => m.text === 'Снег уберут сегодня.')).toEqual([]);
  });

  describe('button presses are answered as each network requires', () => {
    it('Telegram callback_query → answerCallbackQuery', async () => {
      const press = tgCallbackQueryUpdate(citizen, 'status');
      expect((await tgDriver.send(press)).accepted).toBe(true);
      expect(await tg.settleCallbacks()).toEqual([]);
      expect(tg.answeredCallbacks).toContain((press.callback_query as { id: string }).id);
      expect(tg.violations).toEqual([]);
    });

    it('VK message_event → messages.sendMessageEventAnswer', async () => {
      const press = vkMessageEvent(1201, '{"command":"status"}', { groupId });
      expect((await vkDriver.send(press)).accepted).toBe(true);
      expect(await vk.settleCallbacks()).toEqual([]);
      expect(vk.answeredCallbacks).toEqual([(press.object as { event_id: string }).event_id]);
      expect(vk.violations).toEqual([]);
    });

    it('MAX message_callback → POST /answers', async () => {
      const press = maxMessageCallback(maxCitizen, 120_120, 'status');
      expect((await maxDriver.send(press)).accepted).toBe(true);
      expect(await max.settleCallbacks()).toEqual([]);
      expect(max.answeredCallbacks).toEqual([(press.callback as { callback_id: string }).callback_id]);
      expect(max.violations).toEqual([]);
    });
  });

  describe('a message longer than the network allows', () => {
    /** A bot answer of 30 paragraphs, about 9300 characters: more than two parts anywhere. */
    const paragraphs = Array.from(
      { length: 30 },
      (_, i) => `Пункт ${i + 1}. ${'Работы по содержанию двора выполняются по графику. '.repeat(6).trim()}`,
    );
    const longText = paragraphs.join('\n\n');

    it('goes out in parts within each network’s limit, cut between paragraphs, in order', async () => {
      const sends = [
        { account: tgAccount, network: 'telegram' as const, peerId: String(citizen.id), limit: 4096 },
        { account: vkAccount, network: 'vk' as const, peerId: '1201', limit: 4096 },
        { account: maxAccount, network: 'max' as const, peerId: '120120', limit: 4000 },
      ];
      for (const { account, network, peerId } of sends)
        await enqueue(env.server.pool, {
          orgId: env.org.organisation.id,
          network,
          accountId: account.accountId,
          peerId,
          kind: 'bot',
          text: longText,
          keyboard: null,
        });
      env.server.app.citizenBot.outbox.wake();
      const partsOf = {
        telegram: () => tg.sent.filter((m) => m.text?.startsWith('Пункт')).map((m) => m.text ?? ''),
        vk: () => vk.sent.filter((m) => m.message?.startsWith('Пункт')).map((m) => m.message ?? ''),
        max: () => max.sent.filter((m) => m.text?.startsWith('Пункт')).map((m) => m.text ?? ''),
      };
      for (const { network, limit } of sends) {
        const parts = await waitFor(async () => {
          const found = partsOf[network]();
          return found.join('\n\n') === longText ? found : null;
        }, 20_000);
        expect(parts.length).toBeGreaterThan(2);
        expect(parts.every((part) => part.length <= limit)).toBe(true);
        // Every part is whole paragraphs.
        for (const part of parts) expect(part.split('\n\n').every((p) => paragraphs.includes(p))).toBe(true);
      }
      expect([...tg.violations, ...vk.violations, ...max.violations]).toEqual([]);
    });

    it('typed in a Telegram app, arrives as several messages, recorded in order in one incident', async () => {
      const author = tgUser({ id: 120_012_002, first_name: 'Ольга', last_name: 'Кузнецова' });
      const updates = tgMessagesAsSent(author, longText);
      expect(updates.length).toBeGreaterThan(2);
      for (const update of updates) expect((await tgDriver.send(update)).accepted).toBe(true);
      const messages = await waitFor(async () => {
        const found = (await messagesOf(env, tgAccount)).filter(
          (m) => m.author.displayName === 'Ольга Кузнецова',
        );
        return found.length === updates.length ? found : null;
      }, 20_000);
      expect(messages.map((m) => m.text).join(' ')).toBe(updates.map((u) => u.message?.text).join(' '));
      expect(new Set(messages.map((m) => m.appealId)).size).toBe(1);
    });

    it('is refused by the fakes as the networks would never deliver it', async () => {
      await expect(tgDriver.send(tgMessageUpdate({ from: citizen, text: 'я'.repeat(4097) }))).rejects.toThrow(
        EventContractError,
      );
      await expect(
        vkDriver.send(vkMessageNew(vkMessage({ from_id: 1201, text: 'я'.repeat(4097) }), { groupId })),
      ).rejects.toThrow(EventContractError);
      await expect(
        maxDriver.send(maxMessageCreated({ sender: maxCitizen, chatId: 120_120, text: 'я'.repeat(4001) })),
      ).rejects.toThrow(EventContractError);
    });
  });
});
