import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChannelAccount } from '../../../server/src/channels/types';
import {
  startTelegramFake,
  type TelegramFake,
  TelegramWebhookDriver,
  tgForwardFromHiddenUser,
  tgForwardFromUser,
  tgMessageUpdate,
  tgUser,
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

const secretToken = 'tg-secret_token-1';
const citizen = tgUser({ id: 111111111, first_name: 'Иван', last_name: 'Петров', username: 'ivan_p' });
const neighbour = tgUser({ id: 222222222, first_name: 'Ольга', last_name: 'Кузнецова' });
const admin = tgUser({ id: 999000999, first_name: 'Админ', last_name: 'Канала' });

describe('Telegram bot', () => {
  let env: ChannelTestEnv;
  let tg: TelegramFake;
  let polled: TelegramFake;
  let account: ChannelAccount;
  let driver: TelegramWebhookDriver;

  beforeAll(async () => {
    process.env.OKNO_CHANNELS_POLL_REFRESH_MS = '200';
    env = await startChannelServer();
    tg = await startTelegramFake({ token: '123456:webhook-bot' });
    polled = await startTelegramFake({ token: '654321:polling-bot', longPollCapMs: 300 });
    account = await addAccount(env, {
      network: 'telegram',
      accountId: '123456',
      apiBaseUrl: tg.url,
      apiToken: '123456:webhook-bot',
      webhookSecret: secretToken,
      administrators: [String(admin.id)],
    });
    driver = new TelegramWebhookDriver({ url: webhookUrl(env, account), secretToken });
  });

  afterAll(async () => {
    await tg?.close();
    await polled?.close();
    await env?.server.close();
    delete process.env.OKNO_CHANNELS_POLL_REFRESH_MS;
  });

  it('stores a message as an incident that reaches a supervisor and the routed operator', async () => {
    const report = await driver.send(
      tgMessageUpdate({ from: citizen, text: 'Прошу отремонтировать освещение' }),
    );
    expect(report.accepted).toBe(true);
    for (const user of [env.org.users.supervisor, env.org.users.operator1]) {
      const appeals = await pullAll(env, user, 'appeals');
      expect(appeals.find((a) => a.text === 'Прошу отремонтировать освещение')).toMatchObject({
        regime: 'incident',
        channel: 'telegram',
        applicant: { name: { firstName: 'Иван', lastName: 'Петров' } },
      });
    }
    const messages = await pullAll(env, env.org.users.operator1, 'messages');
    expect(messages.find((m) => m.text === 'Прошу отремонтировать освещение')?.author.displayName).toBe(
      'Иван Петров',
    );
  });

  it('the same update delivered three times yields one message', async () => {
    const before = (await messagesOf(env, account)).length;
    const report = await driver.send(tgMessageUpdate({ from: neighbour, text: 'Дубликат' }), { copies: 3 });
    expect(report.replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await messagesOf(env, account)).length).toBe(before + 1);
  });

  it('refuses a wrong or missing secret header and stores nothing', async () => {
    const before = await rawEventsOf(env, account);
    const wrong = await driver.send(tgMessageUpdate({ from: neighbour, text: 'x' }), { secretToken: 'nope' });
    const missing = await driver.send(tgMessageUpdate({ from: neighbour, text: 'y' }), { secretToken: null });
    expect([wrong.last.status, missing.last.status]).toEqual([401, 401]);
    expect(await rawEventsOf(env, account)).toBe(before);
  });

  it('refuses malformed and oversized JSON with 4xx and stores nothing', async () => {
    const before = await rawEventsOf(env, account);
    const malformed = await driver.send(tgMessageUpdate({ from: neighbour, text: 'broken' }), {
      malformedJson: true,
    });
    const oversized = await driver.send(tgMessageUpdate({ from: neighbour, text: 'huge' }), {
      oversizeBytes: 1_000_000,
    });
    expect(malformed.last.status).toBe(400);
    expect(oversized.last.status).toBe(413);
    expect(await rawEventsOf(env, account)).toBe(before);
  });

  it('downloads a document to server storage with its metadata on the message', async () => {
    const bytes = Buffer.from('%PDF-1.4 акт осмотра');
    const document = tg.addFile(bytes, { fileName: 'акт.pdf', mimeType: 'application/pdf' });
    await driver.send(tgMessageUpdate({ from: citizen, text: 'Акт во вложении', document }));
    const [message] = (await messagesOf(env, account)).slice(-1);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(message.attachments).toEqual([
      expect.objectContaining({ name: 'акт.pdf', mimeType: 'application/pdf', size: bytes.length, sha256 }),
    ]);
    expect(readFileSync(path.join(env.dataDir, 'attachments', sha256.slice(0, 2), sha256))).toEqual(bytes);
  });

  it('refuses a file type outside the allow-list and says so in the text', async () => {
    const document = tg.addFile(Buffer.from('MZ'), {
      fileName: 'virus.exe',
      mimeType: 'application/x-msdownload',
    });
    await driver.send(tgMessageUpdate({ from: citizen, text: 'Файл', document }));
    const [message] = (await messagesOf(env, account)).slice(-1);
    expect(message.attachments).toEqual([]);
    expect(message.text).toContain('virus.exe');
  });

  it('a forward from a configured administrator is attributed to the original author', async () => {
    const report = await driver.send(
      tgMessageUpdate({
        from: admin,
        text: 'Яма на дороге у школы',
        forwardOrigin: tgForwardFromUser(neighbour),
      }),
    );
    expect(report.accepted).toBe(true);
    const [message] = (await messagesOf(env, account)).slice(-1);
    expect(message.author.displayName).toBe('Ольга Кузнецова');
    const conversation = await env.server.pool.query('SELECT doc FROM sync_conversations WHERE id = $1', [
      message.conversationId,
    ]);
    expect(conversation.rows[0].doc.peer).toMatchObject({
      chatId: String(neighbour.id),
      userId: String(neighbour.id),
    });
  });

  it('a forward whose author is hidden, or from a non-administrator, is the sender’s own message', async () => {
    await driver.send(
      tgMessageUpdate({
        from: admin,
        text: 'Скрытый автор',
        forwardOrigin: tgForwardFromHiddenUser('Некто'),
      }),
    );
    const [hidden] = (await messagesOf(env, account)).slice(-1);
    expect(hidden.author.displayName).toBe('Админ Канала');
    await driver.send(
      tgMessageUpdate({ from: citizen, text: 'Переслал', forwardOrigin: tgForwardFromUser(neighbour) }),
    );
    const [own] = (await messagesOf(env, account)).slice(-1);
    expect(own.author.displayName).toBe('Иван Петров');
    const conversation = await env.server.pool.query('SELECT doc FROM sync_conversations WHERE id = $1', [
      own.conversationId,
    ]);
    expect(conversation.rows[0].doc.peer.chatId).toBe(String(citizen.id));
  });

  it('polls getUpdates in polling mode and confirms the offset only after commit', async () => {
    const pollingAccount = await addAccount(env, {
      network: 'telegram',
      accountId: '654321',
      mode: 'polling',
      apiBaseUrl: polled.url,
      apiToken: '654321:polling-bot',
      settings: { longPollWaitSeconds: 1 },
    });
    polled.queueUpdate(tgMessageUpdate({ from: citizen, text: 'Через getUpdates 1' }));
    const last = polled.queueUpdate(tgMessageUpdate({ from: neighbour, text: 'Через getUpdates 2' }));
    const messages = await waitFor(async () => {
      const found = await messagesOf(env, pollingAccount);
      return found.length === 2 ? found : null;
    });
    expect(messages.map((m) => m.text)).toEqual(['Через getUpdates 1', 'Через getUpdates 2']);
    // The offset is saved after the poll's last commit, a moment after the messages appear: wait for
    // it to acknowledge the last update.
    const offset = await waitFor(async () => {
      const cursor = await env.server.pool.query<{ value: string }>(
        `SELECT value FROM channel_cursors WHERE channel_account_id = $1 AND name = 'offset'`,
        [pollingAccount.id],
      );
      const value = cursor.rows[0]?.value;
      return value === String(last.update_id + 1) ? value : null;
    });
    expect(Number(offset)).toBe(last.update_id + 1);
  });
});
