import type { ChannelAccount } from '../../../server/src/channels/types';
import {
  startVkFake,
  VkCallbackDriver,
  type VkFake,
  vkForwarded,
  vkMessage,
  vkMessageNew,
} from '../../fakes';
import {
  addAccount,
  type ChannelTestEnv,
  messagesOf,
  pullAll,
  rawEventsOf,
  startChannelServer,
  webhookUrl,
} from './support';

const groupId = 777001;
const secret = 'vk-callback-secret';
const adminId = 5005;

describe('VK Callback API', () => {
  let env: ChannelTestEnv;
  let vk: VkFake;
  let account: ChannelAccount;
  let driver: VkCallbackDriver;

  beforeAll(async () => {
    env = await startChannelServer();
    vk = await startVkFake({
      groupId,
      users: {
        1001: { first_name: 'Иван', last_name: 'Петров' },
        1002: { first_name: 'Мария', last_name: 'Сидорова' },
        [adminId]: { first_name: 'Админ', last_name: 'Сообщества' },
      },
    });
    account = await addAccount(env, {
      network: 'vk',
      accountId: String(groupId),
      apiBaseUrl: vk.apiBaseUrl,
      apiToken: vk.token,
      webhookSecret: secret,
      confirmationCode: 'c0nf1rm',
      administrators: [String(adminId)],
    });
    driver = new VkCallbackDriver({
      url: webhookUrl(env, account),
      groupId,
      secret,
      confirmationCode: 'c0nf1rm',
    });
  });

  afterAll(async () => {
    await vk?.close();
    await env?.server.close();
  });

  it('answers the confirmation request with the code, in both shapes', async () => {
    expect((await driver.confirm('minimal')).confirmed).toBe(true);
    expect((await driver.confirm('full')).confirmed).toBe(true);
  });

  it('stores a message as an incident of the routed department and a desktop of that department pulls it', async () => {
    const report = await driver.messageNew(vkMessage({ from_id: 1001, text: 'Во дворе не вывозят мусор' }));
    expect(report.accepted).toBe(true);
    const appeals = await pullAll(env, env.org.users.operator1, 'appeals');
    const incident = appeals.find((a) => a.text === 'Во дворе не вывозят мусор');
    expect(incident).toMatchObject({
      regime: 'incident',
      channel: 'vk',
      status: 'new',
      departmentId: env.org.departments.d1.id,
    });
    expect(incident.applicant.name).toMatchObject({ firstName: 'Иван', lastName: 'Петров' });
    const messages = await pullAll(env, env.org.users.operator1, 'messages');
    expect(messages.find((m) => m.appealId === incident.id)).toMatchObject({
      direction: 'in',
      text: 'Во дворе не вывозят мусор',
      author: { kind: 'applicant', displayName: 'Иван Петров' },
    });
    const conversations = await pullAll(env, env.org.users.supervisor, 'conversations');
    expect(conversations.find((c) => c.id === incident.conversationId)).toMatchObject({
      channel: 'vk',
      peer: { chatId: '1001', userId: '1001', communityId: String(groupId) },
      applicantDisplayName: 'Иван Петров',
    });
    expect(await pullAll(env, env.org.users.operator2, 'appeals')).not.toContainEqual(
      expect.objectContaining({ id: incident.id }),
    );
  });

  it('a second message feeds the same open incident', async () => {
    await driver.messageNew(vkMessage({ from_id: 1001, text: 'И контейнеры переполнены' }));
    const messages = await messagesOf(env, account);
    const [first, second] = messages.slice(-2);
    expect(second.appealId).toBe(first.appealId);
    expect(second.conversationId).toBe(first.conversationId);
  });

  it('the same event delivered three times yields one message', async () => {
    const before = (await messagesOf(env, account)).length;
    const report = await driver.messageNew(vkMessage({ from_id: 1002, text: 'Три раза одно и то же' }), {
      copies: 3,
    });
    expect(report.replies.map((r) => r.body)).toEqual(['ok', 'ok', 'ok']);
    const after = await messagesOf(env, account);
    expect(after.length).toBe(before + 1);
  });

  it('refuses a wrong or missing secret and stores nothing', async () => {
    const before = await rawEventsOf(env, account);
    const wrong = await driver.messageNew(vkMessage({ from_id: 1002, text: 'x' }), { secret: 'wrong' });
    const missing = await driver.messageNew(vkMessage({ from_id: 1002, text: 'y' }), { secret: null });
    expect(wrong.last.status).toBe(403);
    expect(missing.last.status).toBe(403);
    expect(await rawEventsOf(env, account)).toBe(before);
  });

  it('refuses malformed and oversized JSON with 4xx and stores nothing', async () => {
    const before = await rawEventsOf(env, account);
    const malformed = await driver.messageNew(vkMessage({ from_id: 1002, text: 'broken' }), {
      malformedJson: true,
    });
    const oversized = await driver.messageNew(vkMessage({ from_id: 1002, text: 'huge' }), {
      oversizeBytes: 2 * 1024 * 1024,
    });
    expect(malformed.last.status).toBe(400);
    expect(oversized.last.status).toBe(413);
    expect(await rawEventsOf(env, account)).toBe(before);
  });

  it('a forward from a configured administrator opens the conversation of the original author', async () => {
    const event = vkMessageNew(
      vkMessage({
        from_id: adminId,
        text: '',
        fwd_messages: [vkForwarded({ from_id: 1002, text: 'Прошу починить фонарь у дома 5' })],
      }),
      { groupId },
    );
    await driver.send(event);
    const [message] = (await messagesOf(env, account)).slice(-1);
    expect(message).toMatchObject({
      text: 'Прошу починить фонарь у дома 5',
      author: { displayName: 'Мария Сидорова' },
    });
    const conversation = await env.server.pool.query('SELECT doc FROM sync_conversations WHERE id = $1', [
      message.conversationId,
    ]);
    expect(conversation.rows[0].doc.peer).toMatchObject({ chatId: '1002', userId: '1002' });
    const audit = await env.server.pool.query(
      `SELECT details FROM audit_log WHERE entity = 'message' AND entity_id = $1`,
      [message.id],
    );
    expect(audit.rows[0].details).toMatchObject({ forwardedBy: String(adminId) });
  });

  it('the same forward from a non-administrator is that person’s own message', async () => {
    await driver.send(
      vkMessageNew(
        vkMessage({
          from_id: 1001,
          text: 'Смотрите',
          fwd_messages: [vkForwarded({ from_id: 1002, text: 'Чужой текст' })],
        }),
        { groupId },
      ),
    );
    const [message] = (await messagesOf(env, account)).slice(-1);
    expect(message.author.displayName).toBe('Иван Петров');
    expect(message.text).toBe('Смотрите\n» Чужой текст');
    const conversation = await env.server.pool.query('SELECT doc FROM sync_conversations WHERE id = $1', [
      message.conversationId,
    ]);
    expect(conversation.rows[0].doc.peer.chatId).toBe('1001');
  });
});
