import type { ChannelAccount } from '../../../server/src/channels/types';
import {
  type MaxFake,
  MaxWebhookDriver,
  maxMessageCreated,
  maxUser,
  OkWebhookDriver,
  okMessage,
  startMaxFake,
} from '../../fakes';
import { waitFor } from '../setup/wait';
import {
  addAccount,
  type ChannelTestEnv,
  messagesOf,
  pullAll,
  rawEventsOf,
  startChannelServer,
  webhookUrl,
} from './support';

const citizen = maxUser({ user_id: 12345678, first_name: 'Иван', last_name: 'Петров' });
const other = maxUser({ user_id: 23456789, first_name: 'Анна', last_name: 'Смирнова' });
const admin = maxUser({ user_id: 90000001, first_name: 'Админ', last_name: 'Бота' });

describe('MAX bot', () => {
  let env: ChannelTestEnv;
  let account: ChannelAccount;
  let driver: MaxWebhookDriver;
  let polled: MaxFake;

  beforeAll(async () => {
    process.env.OKNO_CHANNELS_POLL_REFRESH_MS = '200';
    env = await startChannelServer();
    polled = await startMaxFake({ token: 'max-polling-token', longPollCapMs: 300 });
    account = await addAccount(env, {
      network: 'max',
      accountId: '55555555',
      webhookSecret: 'max_secret-123',
      administrators: [String(admin.user_id)],
    });
    driver = new MaxWebhookDriver({ url: webhookUrl(env, account), secret: 'max_secret-123' });
  });

  afterAll(async () => {
    await polled?.close();
    await env?.server.close();
    delete process.env.OKNO_CHANNELS_POLL_REFRESH_MS;
  });

  it('stores a message as an incident that reaches the routed operator', async () => {
    const report = await driver.send(
      maxMessageCreated({ sender: citizen, chatId: 987654321, text: 'Нет горячей воды' }),
    );
    expect(report.accepted).toBe(true);
    const appeals = await pullAll(env, env.org.users.operator1, 'appeals');
    expect(appeals.find((a) => a.text === 'Нет горячей воды')).toMatchObject({
      regime: 'incident',
      channel: 'max',
    });
    const conversations = await pullAll(env, env.org.users.operator1, 'conversations');
    expect(conversations.find((c) => c.channel === 'max')?.peer).toMatchObject({
      chatId: '987654321',
      userId: '12345678',
    });
  });

  it('dedupes by mid: three deliveries, one message', async () => {
    const before = (await messagesOf(env, account)).length;
    const report = await driver.send(maxMessageCreated({ sender: other, chatId: 1111, text: 'Трижды' }), {
      copies: 3,
    });
    expect(report.replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await messagesOf(env, account)).length).toBe(before + 1);
  });

  it('refuses a wrong or missing secret, malformed and oversized bodies, storing nothing', async () => {
    const before = await rawEventsOf(env, account);
    const update = () => maxMessageCreated({ sender: other, chatId: 1111, text: 'x' });
    expect((await driver.send(update(), { secret: 'wrong-secret' })).last.status).toBe(401);
    expect((await driver.send(update(), { secret: null })).last.status).toBe(401);
    expect((await driver.send(update(), { malformedJson: true })).last.status).toBe(400);
    expect((await driver.send(update(), { oversizeBytes: 1_000_000 })).last.status).toBe(413);
    expect(await rawEventsOf(env, account)).toBe(before);
  });

  it('attributes an administrator’s forward to the original author, a non-administrator’s to the sender', async () => {
    await driver.send(
      maxMessageCreated({
        sender: admin,
        chatId: 3333,
        text: null,
        forwardOf: { sender: other, text: 'Сломана скамейка' },
      }),
    );
    const [forwarded] = (await messagesOf(env, account)).slice(-1);
    expect(forwarded).toMatchObject({ text: 'Сломана скамейка', author: { displayName: 'Анна Смирнова' } });
    await driver.send(
      maxMessageCreated({
        sender: citizen,
        chatId: 987654321,
        text: 'Вот',
        forwardOf: { sender: other, text: 'Чужое' },
      }),
    );
    const [own] = (await messagesOf(env, account)).slice(-1);
    expect(own).toMatchObject({ text: 'Вот\n» Чужое', author: { displayName: 'Иван Петров' } });
  });

  it('long-polls /updates in polling mode', async () => {
    const pollingAccount = await addAccount(env, {
      network: 'max',
      accountId: '66666666',
      mode: 'polling',
      apiBaseUrl: polled.url,
      apiToken: 'max-polling-token',
      settings: { longPollWaitSeconds: 1 },
    });
    polled.queueUpdate(maxMessageCreated({ sender: citizen, chatId: 4444, text: 'Через long polling' }));
    const [message] = await waitFor(async () => {
      const found = await messagesOf(env, pollingAccount);
      return found.length > 0 ? found : null;
    });
    expect(message.text).toBe('Через long polling');
  });

  describe('a polled update the adapter could not read held the channel: every later message waited for good', () => {
    let fake: MaxFake;
    let polling: ChannelAccount;
    beforeAll(async () => {
      fake = await startMaxFake({ token: 'max-polling-poison', longPollCapMs: 300 });
      polling = await addAccount(env, {
        network: 'max',
        accountId: '77777777',
        mode: 'polling',
        apiBaseUrl: fake.url,
        apiToken: 'max-polling-poison',
        settings: { longPollWaitSeconds: 1 },
      });
      // Without a marker MAX answers only the latest update: once one has landed, the poller has one.
      fake.queueUpdate(maxMessageCreated({ sender: citizen, chatId: 4445, text: 'Первое' }));
      await landed('Первое');
    }, 30_000);
    afterAll(() => fake?.close());

    function landed(text: string) {
      return waitFor(async () => (await messagesOf(env, polling)).find((m) => m.text === text), 15_000);
    }

    it('MAX normaliser: a polled message with null among its attachments lands, and the next one too', async () => {
      const update = maxMessageCreated({ sender: citizen, chatId: 4445, text: 'С пустым вложением' });
      (update.message as { body: { attachments: unknown } }).body.attachments = [null];
      fake.queueUpdate(update); // the published schema allows null items
      fake.queueUpdate(maxMessageCreated({ sender: citizen, chatId: 4445, text: 'Следующее' }));
      expect(await landed('С пустым вложением')).toMatchObject({ author: { displayName: 'Иван Петров' } });
      await landed('Следующее');
    }, 30_000);

    it('MAX poller: an update no normaliser can read is kept raw as unreadable and the messages after it land', async () => {
      const poison = maxMessageCreated({ sender: other, chatId: 4446, text: 'Без своего id' });
      (poison.message as { body: { mid: unknown } }).body.mid = { toString: 1 };
      fake.queueUpdate(poison, { unchecked: true });
      fake.queueUpdate(maxMessageCreated({ sender: other, chatId: 4446, text: 'После отравленного' }));
      await landed('После отравленного');
      const kept = await env.server.pool.query(
        "SELECT outcome FROM inbound_events WHERE channel_account_id = $1 AND external_id LIKE 'unreadable:%'",
        [polling.id],
      );
      expect(kept.rows).toEqual([{ outcome: 'ignored:unreadable' }]);
    }, 30_000);
  });
});

describe('OK group', () => {
  let env: ChannelTestEnv;
  let account: ChannelAccount;
  let driver: OkWebhookDriver;

  beforeAll(async () => {
    env = await startChannelServer();
    account = await addAccount(env, {
      network: 'ok',
      accountId: '53038239',
      allowedSources: ['127.0.0.1/32'],
    });
    driver = new OkWebhookDriver({ url: webhookUrl(env, account) });
  });

  afterAll(async () => {
    await env?.server.close();
  });

  it('stores a message from the allowed source as an incident that reaches a supervisor', async () => {
    const report = await driver.send(
      okMessage({ userId: '123456789012', chatId: 'C3ecb9d02a600', text: 'Не работает светофор' }),
    );
    expect(report.accepted).toBe(true);
    const appeals = await pullAll(env, env.org.users.supervisor, 'appeals');
    expect(appeals.find((a) => a.text === 'Не работает светофор')).toMatchObject({
      regime: 'incident',
      channel: 'ok',
    });
    const raw = await env.server.pool.query<{ seq: string }>(
      `SELECT payload->'message'->>'seq' AS seq FROM inbound_events WHERE channel_account_id = $1`,
      [account.id],
    );
    expect(raw.rows[0]?.seq).toMatch(/^\d{17,}$/); // the 64-bit seq keeps its digits
  });

  it('stores a button press (MESSAGE_CALLBACK) once per callbackId and refuses one without it', async () => {
    const raw = await rawEventsOf(env, account);
    const press = {
      webhookType: 'MESSAGE_CALLBACK' as const,
      callbackId: 'cbk0c17a11ba5e',
      payload: 'Мои обращения',
      sender: { user_id: 'user:123456789012' },
      recipient: { chat_id: 'chat:C3ecb9d02a600' },
      timestamp: Date.now(),
    };
    expect((await driver.send(press, { copies: 2 })).replies.map((r) => r.status)).toEqual([200, 200]);
    expect(await rawEventsOf(env, account)).toBe(raw + 1);
    const stored = await env.server.pool.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM inbound_events WHERE channel_account_id = $1 AND payload->>'callbackId' = $2`,
      [account.id, press.callbackId],
    );
    expect(stored.rows.map((r) => r.payload.payload)).toEqual(['Мои обращения']);
    const { callbackId: _id, ...withoutId } = press;
    const refused = await driver.send(withoutId as unknown as typeof press, { unchecked: true });
    expect(refused.last.status).toBe(400);
    expect(JSON.parse(refused.last.body)).toMatchObject({ error: { code: 'invalid_event' } });
    expect(await rawEventsOf(env, account)).toBe(raw + 1);
  });

  it('dedupes by mid and refuses malformed, oversized, wrong-path and wrong-source requests', async () => {
    const before = (await messagesOf(env, account)).length;
    const event = okMessage({ userId: '1', chatId: 'Cabc', text: 'Трижды' });
    expect((await driver.send(event, { copies: 3 })).replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await messagesOf(env, account)).length).toBe(before + 1);
    const raw = await rawEventsOf(env, account);
    const fresh = () => okMessage({ userId: '1', chatId: 'Cabc', text: 'x' });
    expect((await driver.send(fresh(), { malformedJson: true })).last.status).toBe(400);
    expect((await driver.send(fresh(), { oversizeBytes: 1_000_000 })).last.status).toBe(413);
    expect(
      (await driver.send(fresh(), { url: `${env.server.url}/api/v1/channels/ok/guessed-token` })).last.status,
    ).toBe(404);
    await env.server.pool.query(
      `UPDATE channel_accounts SET allowed_sources = '{217.20.145.192/28}' WHERE id = $1`,
      [account.id],
    );
    await new Promise((r) => setTimeout(r, 5_100)); // the account cache lives 5 s
    expect((await driver.send(fresh())).last.status).toBe(403);
    expect(await rawEventsOf(env, account)).toBe(raw);
  });
});
