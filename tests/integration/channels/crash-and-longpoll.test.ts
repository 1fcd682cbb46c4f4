/**
 * "The server process died after the write and before the acknowledgement": a real server process
 * (server/src/main.ts) with OKNO_CHANNELS_FAULT=crash-after-commit is SIGKILLed right after each
 * raw event's commit; the network sees a dropped connection and redelivers to the restarted server,
 * which processes what the crash left and must yield exactly one message per event. Also: VK Bots
 * Long Poll against the fake.
 */
import { createChannelAccount } from '../../../server/src/channels/accounts';
import type { ChannelAccount } from '../../../server/src/channels/types';
import {
  MaxWebhookDriver,
  maxMessageCreated,
  maxUser,
  OkWebhookDriver,
  okMessage,
  startVkFake,
  TelegramWebhookDriver,
  tgMessageUpdate,
  tgUser,
  VkCallbackDriver,
  type VkFake,
  vkMessage,
  vkMessageNew,
} from '../../fakes';
import { createTestDatabase, seedTestOrg, type TestDatabase, testConfig } from '../setup/db';
import { waitFor } from '../setup/wait';
import { newSecrets, startServerProcess } from '../sync/server-process';

async function eventCounts(db: TestDatabase, account: ChannelAccount) {
  const result = await db.pool.query<{ stored: number; pending: number }>(
    `SELECT count(*)::int AS stored, count(*) FILTER (WHERE processed_at IS NULL AND outcome IS NULL)::int AS pending
       FROM inbound_events WHERE channel_account_id = $1`,
    [account.id],
  );
  return result.rows[0]!;
}

async function messageCount(db: TestDatabase, account: ChannelAccount): Promise<number> {
  const result = await db.pool.query<{ n: string }>(
    'SELECT count(*) AS n FROM intake_messages WHERE channel_account_id = $1',
    [account.id],
  );
  return Number(result.rows[0]?.n);
}

describe('a crash between commit and acknowledgement', () => {
  let db: TestDatabase;
  // The accounts are sealed here under the test keys: the server processes must hold them too.
  const secrets = newSecrets(testConfig().personalDataKeys[0]);
  const accounts: Record<string, ChannelAccount> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    const org = await seedTestOrg(db.pool);
    const base = {
      orgId: org.organisation.id,
      allowedSources: ['127.0.0.1/32'],
      defaultDepartmentId: org.departments.d1.id,
    };
    accounts.vk = await createChannelAccount(db.pool, {
      ...base,
      network: 'vk',
      accountId: '4242',
      webhookSecret: 'vk-s',
    });
    accounts.telegram = await createChannelAccount(db.pool, {
      ...base,
      network: 'telegram',
      accountId: '4242',
      webhookSecret: 'tg-s',
    });
    accounts.max = await createChannelAccount(db.pool, {
      ...base,
      network: 'max',
      accountId: '4242',
      webhookSecret: 'max-s1',
    });
    accounts.ok = await createChannelAccount(db.pool, { ...base, network: 'ok', accountId: '4242' });
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('each network’s redelivery after the restart yields exactly one message', async () => {
    const path = (a: ChannelAccount) => `/api/v1/channels/${a.network}/${a.pathToken}`;
    const bodies = {
      vk: (url: string) =>
        new VkCallbackDriver({ url: url + path(accounts.vk!), groupId: 4242, secret: 'vk-s' }).send(
          vkMessageNew(vkMessage({ from_id: 1001, text: 'VK после сбоя' }), {
            groupId: 4242,
            eventId: 'crash-event-1',
          }),
        ),
      telegram: (url: string) =>
        new TelegramWebhookDriver({ url: url + path(accounts.telegram!), secretToken: 'tg-s' }).send(
          tgMessageUpdate({
            from: tgUser({ id: 5, first_name: 'Тест' }),
            text: 'TG после сбоя',
            updateId: 77_000_001,
            messageId: 9,
          }),
        ),
    };
    const maxUpdate = maxMessageCreated({
      sender: maxUser({ user_id: 7, first_name: 'Тест' }),
      chatId: 70,
      text: 'MAX после сбоя',
    });
    const okEvent = okMessage({ userId: '8', chatId: 'Ccrash', text: 'OK после сбоя' });
    const deliver = (url: string, network: string) => {
      if (network === 'vk') return bodies.vk(url);
      if (network === 'telegram') return bodies.telegram(url);
      if (network === 'max')
        return new MaxWebhookDriver({ url: url + path(accounts.max!), secret: 'max-s1' }).send(maxUpdate);
      return new OkWebhookDriver({ url: url + path(accounts.ok!) }).send(okEvent);
    };
    for (const network of ['vk', 'telegram', 'max', 'ok']) {
      const crashing = await startServerProcess(db.url, secrets, {
        OKNO_CHANNELS_FAULT: 'crash-after-commit',
        OKNO_CHANNELS_POLLING: '0',
      });
      const exited = new Promise((resolve) => crashing.child.once('exit', resolve));
      const first = await deliver(crashing.url, network);
      expect(first.accepted).toBe(false); // the connection died with the process
      await exited;
      // Stored raw before the crash (that is what the acknowledgement waits for), not yet in the inbox.
      expect(await eventCounts(db, accounts[network]!)).toEqual({ stored: 1, pending: 1 });
      expect(await messageCount(db, accounts[network]!)).toBe(0);
    }
    const healthy = await startServerProcess(db.url, secrets, { OKNO_CHANNELS_POLLING: '0' });
    try {
      for (const network of ['vk', 'telegram', 'max', 'ok']) {
        const retry = await deliver(healthy.url, network);
        expect(retry.accepted).toBe(true);
      }
      // The restarted server processes what the crash left; the redeliveries add nothing.
      for (const network of ['vk', 'telegram', 'max', 'ok']) {
        const account = accounts[network]!;
        await waitFor(async () => (await eventCounts(db, account)).pending === 0);
        expect(await eventCounts(db, account)).toEqual({ stored: 1, pending: 0 });
        expect(await messageCount(db, account)).toBe(1);
      }
    } finally {
      await healthy.stop();
    }
    // Five server processes start one after another (tsx compiles each): a loaded CI machine needs
    // more than the default minute.
  }, 180_000);
});

describe('VK Bots Long Poll', () => {
  let vk: VkFake;

  afterAll(async () => {
    await vk?.close();
  });

  it('receives events through groups.getLongPollServer + a_check, surviving failed 1/2/3', async () => {
    const { startChannelServer, addAccount, messagesOf } = await import('./support');
    process.env.OKNO_CHANNELS_POLL_REFRESH_MS = '200';
    const env = await startChannelServer();
    try {
      vk = await startVkFake({
        groupId: 3131,
        users: { 1001: { first_name: 'Иван', last_name: 'Петров' } },
        longPollWaitCapMs: 300,
      });
      const account = await addAccount(env, {
        network: 'vk',
        accountId: '3131',
        mode: 'polling',
        apiBaseUrl: vk.apiBaseUrl,
        apiToken: vk.token,
        settings: { longPollWaitSeconds: 1 },
      });
      // Like VK, the fake delivers only events after the server's `ts`: wait for the poller to connect.
      await waitFor(async () => vk.callsTo('long_poll').length > 0);
      vk.queueUpdate({
        type: 'message_new',
        object: vkMessageNew(vkMessage({ from_id: 1001, text: 'Long poll 1' }), { groupId: 3131 }).object,
      });
      await waitFor(async () => (await messagesOf(env, account)).length === 1);
      vk.expireLongPollKey();
      vk.queueUpdate({
        type: 'message_new',
        object: vkMessageNew(vkMessage({ from_id: 1001, text: 'Long poll 2' }), { groupId: 3131 }).object,
      });
      await waitFor(async () => (await messagesOf(env, account)).length === 2);
      // After `failed: 3` the poller starts from the new server's `ts`, skipping what was queued before
      // it asked: wait until it has asked again (a fixed pause could lose the event on a slow machine).
      const servers = vk.callsTo('groups.getLongPollServer').length;
      vk.loseLongPollInformation();
      await waitFor(async () => vk.callsTo('groups.getLongPollServer').length > servers);
      vk.queueUpdate({
        type: 'message_new',
        object: vkMessageNew(vkMessage({ from_id: 1001, text: 'Long poll 3' }), { groupId: 3131 }).object,
      });
      const messages = await waitFor(async () => {
        const found = await messagesOf(env, account);
        return found.length === 3 ? found : null;
      });
      expect(messages.map((m) => m.text)).toEqual(['Long poll 1', 'Long poll 2', 'Long poll 3']);
      expect(messages[0].author.displayName).toBe('Иван Петров');
    } finally {
      await env.server.close();
      delete process.env.OKNO_CHANNELS_POLL_REFRESH_MS;
    }
  });
});
