/**
 * Finding 3: logs never carry message text or database error details. A Telegram text ending in
 * U+0000 made PostgreSQL refuse the inbox write, and the error's `where` ("JSON data, line 1: …")
 * put the citizen's passport and phone into the log on every retry (a poller retries forever).
 * Now the normalisers replace U+0000 and unpaired surrogates with U+FFFD (the message lands), and
 * every logged error goes through one serializer that keeps the code and drops what may carry row
 * values.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createChannelAccount } from '../../../server/src/channels/accounts';
import { startTelegramFake, type TelegramFake, tgMessageUpdate, tgUser } from '../../fakes';
import { seedTestOrg, startTestServer, type TestServer } from '../setup/db';
import { waitFor } from '../setup/wait';

describe('finding 3: logs never carry message text or database error details', () => {
  const lines: string[] = [];
  let server: TestServer;
  let polled: TelegramFake;

  beforeAll(async () => {
    process.env.OKNO_CHANNELS_POLL_REFRESH_MS = '200';
    polled = await startTelegramFake({ token: '4343:privacy-bot', longPollCapMs: 300 });
    server = await startTestServer({
      config: { dataDir: mkdtempSync(path.join(tmpdir(), 'okno-log-privacy-')) },
      log: { level: 'info', stream: { write: (line: string) => lines.push(line) } },
    });
  });
  afterAll(async () => {
    await server?.close();
    await polled?.close();
    delete process.env.OKNO_CHANNELS_POLL_REFRESH_MS;
  });

  it('finding 3: a polled Telegram text ending in U+0000 lands in the inbox and nothing of it reaches the log', async () => {
    const org = await seedTestOrg(server.pool);
    const account = await createChannelAccount(server.pool, {
      orgId: org.organisation.id,
      defaultDepartmentId: org.departments.d1.id,
      network: 'telegram',
      accountId: '4343',
      mode: 'polling',
      apiBaseUrl: polled.url,
      apiToken: '4343:privacy-bot',
      settings: { longPollWaitSeconds: 1 },
    });
    // getUpdates answers JSON, so U+0000 arrives escaped and JSON.parse makes it a real U+0000.
    const text = 'Мой паспорт 4509 777888, телефон +79991234567\u0000';
    polled.queueUpdate(tgMessageUpdate({ from: tgUser({ id: 78, first_name: 'Пётр' }), text }));
    const landed = await waitFor(async () => {
      const found = await server.pool.query<{ text: string }>(
        `SELECT doc->>'text' AS text FROM sync_messages WHERE org_id = $1 AND doc->>'text' LIKE '%4509%'`,
        [org.organisation.id],
      );
      return found.rows[0]?.text;
    }, 15_000);
    // Replaced as the webhooks' body parser and the raw store do: the citizen's message is kept.
    expect(landed).toBe('Мой паспорт 4509 777888, телефон +79991234567\ufffd');
    expect(account.mode).toBe('polling');
    const log = lines.join('');
    for (const secret of ['777888', '+7999', 'JSON data']) expect(log).not.toContain(secret);
  }, 30_000);

  it('finding 3: a polled Telegram text with a lone surrogate lands too (the raw store replaced only U+0000)', async () => {
    const bot = await startTelegramFake({ token: '4344:surrogate-bot', longPollCapMs: 300 });
    try {
      const org = await seedTestOrg(server.pool);
      await createChannelAccount(server.pool, {
        orgId: org.organisation.id,
        defaultDepartmentId: org.departments.d1.id,
        network: 'telegram',
        accountId: '4344',
        mode: 'polling',
        apiBaseUrl: bot.url,
        apiToken: '4344:surrogate-bot',
        settings: { longPollWaitSeconds: 1 },
      });
      // getUpdates writes the lone surrogate as the escape `\ud800`, and so does the stored raw JSON.
      bot.queueUpdate(
        tgMessageUpdate({ from: tgUser({ id: 79, first_name: 'Павел' }), text: 'Лужа \ud800 у дома' }),
      );
      const landed = await waitFor(async () => {
        const found = await server.pool.query<{ text: string }>(
          `SELECT doc->>'text' AS text FROM sync_messages WHERE org_id = $1`,
          [org.organisation.id],
        );
        return found.rows[0]?.text;
      }, 15_000);
      expect(landed).toBe('Лужа \ufffd у дома');
    } finally {
      await bot.close();
    }
  }, 30_000);

  it('finding 3: a database error is logged by its code, without detail, where or the values in its message', async () => {
    const errors: unknown[] = [];
    await server.pool
      .query('SELECT $1::jsonb', ['{"text": "4509 777888 \\u0000"}'])
      .catch((e) => errors.push(e));
    await server.pool.query('SELECT $1::int', ['4509 777888']).catch((e) => errors.push(e));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ code: '22P05', where: expect.stringContaining('777888') });
    const before = lines.length;
    for (const err of errors) server.app.log.error({ err }, 'query failed');
    server.app.log.error({ err: new Error('wrapped', { cause: errors[1] }) }, 'query failed');

    const logged = lines.slice(before).map((line) => JSON.parse(line) as { err: Record<string, unknown> });
    expect(logged).toHaveLength(3);
    expect(lines.slice(before).join('')).not.toContain('777888');
    expect(logged[0]!.err).toMatchObject({ code: '22P05', severity: 'ERROR' });
    expect(logged[0]!.err).not.toHaveProperty('where');
    expect(logged[0]!.err).not.toHaveProperty('detail');
    expect(logged[1]!.err).toMatchObject({ code: '22P02', message: expect.stringContaining('integer') });
    expect(logged[2]!.err).toMatchObject({ message: 'wrapped', cause: { code: '22P02' } });
  });
});
