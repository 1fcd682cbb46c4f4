/**
 * The outbox against the network fakes and a real PostgreSQL: answers pushed as staff messages
 * are enqueued by the trigger and delivered; retry_after is honoured; VK 901 makes the applicant
 * unreachable and the desktop sees it; two workers on two pools deliver a backlog exactly once;
 * rate limits hold; e-mail goes through SMTP.
 */
import type pg from 'pg';
import { createOrganisation } from '../../../server/src/accounts/organisations';
import { networkSenders } from '../../../server/src/channels/senders';
import { createPool } from '../../../server/src/db/pool';
import { CredentialRegistry } from '../../../server/src/outbox/credentials';
import { enqueue } from '../../../server/src/outbox/store';
import { OutboxWorker } from '../../../server/src/outbox/worker';
import { startTelegramFake, startVkFake, type TelegramFake, type VkFake } from '../../fakes';
import { createTestDatabase, type TestDatabase } from '../setup/db';
import { startSmtpServer, type TestSmtpServer } from '../setup/smtp-server';
import { waitFor } from '../setup/wait';

const fastTelegram = {
  telegram: { account: { perSecond: 5000, burst: 50 }, chat: { perSecond: 100, burst: 5 } },
};

interface World {
  database: TestDatabase;
  orgId: string;
  tg: TelegramFake;
  vk: VkFake;
  smtp: TestSmtpServer;
  accounts: CredentialRegistry;
  workers: OutboxWorker[];
  pools: pg.Pool[];
}

let world: World;

beforeEach(async () => {
  const database = await createTestDatabase();
  const org = await createOrganisation(database.pool, {
    name: 'Администрация г. Outbox',
    timeZone: 'Europe/Moscow',
  });
  const tg = await startTelegramFake();
  const vk = await startVkFake({ groupId: 4242 });
  // A plain relay (no STARTTLS): the registered account's `smtp://host:port`, the older form.
  const smtp = await startSmtpServer({ plain: true });
  const accounts = new CredentialRegistry();
  accounts.register({
    orgId: org.id,
    network: 'telegram',
    accountId: 'bot1',
    token: tg.token,
    apiBaseUrl: tg.apiRoot,
  });
  accounts.register({
    orgId: org.id,
    network: 'vk',
    accountId: '4242',
    token: vk.token,
    apiBaseUrl: vk.apiBaseUrl,
  });
  accounts.register({
    orgId: org.id,
    network: 'email',
    accountId: 'priemnaya@admin.example',
    token: '',
    apiBaseUrl: smtp.url,
    from: 'priemnaya@admin.example',
  });
  world = { database, orgId: org.id, tg, vk, smtp, accounts, workers: [], pools: [] };
});

afterEach(async () => {
  await Promise.all(world.workers.map((w) => w.stop()));
  await Promise.all(world.pools.map((p) => p.end()));
  await world.tg.close();
  await world.vk.close();
  await world.smtp.close();
  await world.database.drop();
});

function startWorker(options: Partial<ConstructorParameters<typeof OutboxWorker>[0]> = {}, pool?: pg.Pool) {
  const db = pool ?? world.database.pool;
  const worker = new OutboxWorker({
    db,
    credentials: world.accounts,
    senders: networkSenders,
    pollMs: 50,
    ...options,
  });
  world.workers.push(worker);
  worker.start();
  return worker;
}

/** `count` conversations in `channel` and one staff answer (direction out, pending) in each, as a push writes them. */
async function pushAnswers(
  channel: 'telegram' | 'vk',
  community: string,
  count: number,
  firstChat = 100_000,
) {
  const { pool } = world.database;
  await pool.query(
    `INSERT INTO sync_conversations (org_id, id, seq, doc, department_ids)
     SELECT $1::text, 'conv-' || g, nextval('okno_sync_seq'), jsonb_build_object(
       'id', 'conv-' || g, 'orgId', $1::text, 'channel', $2::text,
       'peer', jsonb_build_object('chatId', ($4::int + g)::text, 'userId', ($4::int + g)::text, 'communityId', $3::text),
       'applicantId', '', 'applicantDisplayName', 'Гражданин ' || g, 'subject', '', 'lastMessageAt', 1, 'updatedAt', 1,
       '_deleted', false), '{}'
       FROM generate_series(1, $5::int) g`,
    [world.orgId, channel, community, firstChat, count],
  );
  await pool.query(
    `INSERT INTO sync_messages (org_id, id, seq, doc, department_ids, appeal_id, conversation_id)
     SELECT $1::text, 'msg-' || g, nextval('okno_sync_seq'), jsonb_build_object(
       'id', 'msg-' || g, 'orgId', $1::text, 'conversationId', 'conv-' || g, 'appealId', '', 'direction', 'out',
       'author', jsonb_build_object('kind', 'staff', 'userId', 'u1', 'displayName', 'Оператор'),
       'text', 'Ответ на ваше обращение № ' || g, 'attachments', '[]'::jsonb, 'createdAt', 1,
       'replyVia', 'channel', 'deliveryStatus', 'pending', 'deliveryError', null, 'updatedAt', 1, '_deleted', false),
       '{}', '', 'conv-' || g
       FROM generate_series(1, $2::int) g`,
    [world.orgId, count],
  );
}

async function deliveryOf(messageId: string) {
  const result = await world.database.pool.query<{
    doc: { deliveryStatus: string; deliveryError: string | null };
    seq: string;
  }>('SELECT doc, seq FROM sync_messages WHERE org_id = $1 AND id = $2', [world.orgId, messageId]);
  return result.rows[0]!;
}

it('delivers a staff answer pushed into sync_messages and marks it sent at a new seq', async () => {
  await pushAnswers('telegram', 'bot1', 1);
  const before = await deliveryOf('msg-1');
  startWorker();
  await waitFor(() => world.tg.sent[0]);
  expect(String(world.tg.sent[0]!.chatId)).toBe('100001');
  expect(world.tg.sent[0]!.text).toBe('Ответ на ваше обращение № 1');
  const after = await waitFor(async () => {
    const d = await deliveryOf('msg-1');
    return d.doc.deliveryStatus === 'sent' ? d : undefined;
  });
  expect(Number(after.seq)).toBeGreaterThan(Number(before.seq));
});

it('sends the text when completing the row fails (an answer letter that cannot be rendered never holds the answer back)', async () => {
  await pushAnswers('telegram', 'bot1', 1);
  const warnings: string[] = [];
  startWorker({
    prepare: async () => {
      throw new Error('font missing');
    },
    log: { warn: (_obj, msg) => warnings.push(msg), error: () => {} },
  });
  await waitFor(() => world.tg.sent[0]);
  expect(world.tg.sent.map((m) => [m.method, m.text])).toEqual([
    ['sendMessage', 'Ответ на ваше обращение № 1'],
  ]);
  await waitFor(async () => ((await deliveryOf('msg-1')).doc.deliveryStatus === 'sent' ? true : undefined));
  expect(warnings).toContain('outbox row sent without its attachment');
});

it('honours a 429 retry_after: the next attempt is not earlier', async () => {
  world.tg.injectErrors([{ code: 429, method: 'sendMessage', retryAfter: 2 }]);
  await pushAnswers('telegram', 'bot1', 1);
  startWorker();
  await waitFor(() => world.tg.sent[0], 10_000);
  const calls = world.tg.callsTo('sendMessage');
  expect(calls.map((c) => c.outcome)).toEqual(['error', 'ok']);
  expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(2000);
  // The fake records the send before the worker commits its outcome: wait for the commit.
  const row = await waitFor(async () => {
    const result = await world.database.pool.query(
      `SELECT attempts, status FROM outbox_messages WHERE message_id = 'msg-1'`,
    );
    return result.rows[0]?.status === 'sent' ? result.rows[0] : undefined;
  });
  expect(row).toEqual({ attempts: 2, status: 'sent' });
});

it('marks the applicant unreachable on VK 901, never retries, and shows it on the desktop', async () => {
  world.vk.unreachable.set(100001, 901);
  await pushAnswers('vk', '4242', 1);
  startWorker();
  const delivery = await waitFor(async () => {
    const d = await deliveryOf('msg-1');
    return d.doc.deliveryStatus === 'unreachable' ? d : undefined;
  });
  expect(delivery.doc.deliveryError).toBe('bot:delivery.unreachable');
  const unreachable = await world.database.pool.query(
    'SELECT network, account_id, peer_id, error FROM outbox_unreachable',
  );
  expect(unreachable.rows).toEqual([
    { network: 'vk', account_id: '4242', peer_id: '100001', error: expect.stringContaining('901') },
  ]);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(world.vk.callsTo('messages.send')).toHaveLength(1);
  expect(world.vk.sent).toEqual([]);
});

it('two workers on two pools deliver a backlog of 1,000 answers exactly once', async () => {
  await pushAnswers('telegram', 'bot1', 1000);
  const poolA = createPool(world.database.url, 5);
  const poolB = createPool(world.database.url, 5);
  world.pools.push(poolA, poolB);
  startWorker({ rates: fastTelegram }, poolA);
  startWorker({ rates: fastTelegram }, poolB);
  await waitFor(() => world.tg.sent.length >= 1000 || undefined, 60_000);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(world.tg.sent).toHaveLength(1000);
  expect(world.tg.callsTo('sendMessage')).toHaveLength(1000);
  expect(new Set(world.tg.sent.map((m) => m.chatId)).size).toBe(1000);
  // Sends are recorded by the fake before the workers commit them: wait for the last commit.
  const statuses = await waitFor(async () => {
    const result = await world.database.pool.query(
      `SELECT doc->>'deliveryStatus' AS status, count(*)::int AS n FROM sync_messages GROUP BY 1`,
    );
    return result.rows.length === 1 ? result.rows : undefined;
  }, 10_000);
  expect(statuses).toEqual([{ status: 'sent', n: 1000 }]);
});

it('keeps VK under 20 requests per second per community and Telegram at about one message per second per chat', async () => {
  await pushAnswers('vk', '4242', 45);
  startWorker();
  await waitFor(() => world.vk.sent.length >= 45 || undefined, 15_000);
  expect(world.vk.peakCallsPerWindow(1000, 'messages.send')).toBeLessThanOrEqual(20);

  for (const text of ['первое', 'второе', 'третье']) {
    await enqueue(world.database.pool, {
      orgId: world.orgId,
      network: 'telegram',
      accountId: 'bot1',
      peerId: '555',
      kind: 'bot',
      text,
    });
  }
  await waitFor(() => world.tg.sent.length >= 3 || undefined, 10_000);
  expect(world.tg.sent.map((m) => m.text)).toEqual(['первое', 'второе', 'третье']);
  const at = world.tg.callsTo('sendMessage').map((c) => c.at);
  expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(950);
  expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(950);
});

it('splits a long answer into parts and sends documents; e-mail goes through SMTP', async () => {
  const long = `${'Абзац ответа. '.repeat(400)}\n\nКонец.`;
  await enqueue(world.database.pool, {
    orgId: world.orgId,
    network: 'telegram',
    accountId: 'bot1',
    peerId: '777',
    kind: 'notice',
    text: long,
    attachments: [
      {
        name: 'Ответ.html',
        mimeType: 'text/html',
        contentBase64: Buffer.from('<p>Ответ</p>').toString('base64'),
      },
    ],
  });
  await enqueue(world.database.pool, {
    orgId: world.orgId,
    network: 'email',
    accountId: 'priemnaya@admin.example',
    peerId: 'ivan@example.ru',
    kind: 'answer',
    text: 'Ответ на обращение № ОГ-2026-000001\n\nВывоз мусора восстановлен.',
  });
  startWorker({ rates: fastTelegram });
  await waitFor(() => world.tg.sent.length >= 3 || undefined);
  expect(world.tg.sent.map((m) => m.method)).toEqual(['sendMessage', 'sendMessage', 'sendDocument']);
  expect(world.tg.sent.map((m) => m.text ?? '').join(' ').length).toBeGreaterThan(5000);
  const mail = await waitFor(() => world.smtp.received[0]);
  expect(mail.to).toEqual(['ivan@example.ru']);
  expect(mail.parsed.subject).toBe('Ответ на обращение № ОГ-2026-000001');
  expect(mail.parsed.text).toContain('Вывоз мусора восстановлен.');
});

it('marks answers settled together sent, each at its own new seq, and notifies the highest seq', async () => {
  await pushAnswers('telegram', 'bot1', 40);
  const listener = await world.database.pool.connect();
  const notices: string[] = [];
  listener.on('notification', (n) => notices.push(n.payload ?? ''));
  await listener.query('LISTEN okno_sync');
  try {
    const before = await world.database.pool.query<{ max: string }>(
      'SELECT max(seq) AS max FROM sync_messages WHERE org_id = $1',
      [world.orgId],
    );
    startWorker({ rates: fastTelegram });
    const delivered = await waitFor(async () => {
      const r = await world.database.pool.query<{ seq: string; status: string }>(
        `SELECT seq, doc->>'deliveryStatus' AS status FROM sync_messages WHERE org_id = $1`,
        [world.orgId],
      );
      return r.rows.every((row) => row.status === 'sent') ? r.rows : undefined;
    });
    const seqs = delivered.map((row) => Number(row.seq));
    expect(new Set(seqs).size).toBe(40);
    expect(Math.min(...seqs)).toBeGreaterThan(Number(before.rows[0]!.max));
    await waitFor(() => notices.includes(`${world.orgId}:${Math.max(...seqs)}`));
    expect(notices.length).toBeLessThanOrEqual(40);
  } finally {
    await listener.query('UNLISTEN *');
    listener.release();
  }
});
