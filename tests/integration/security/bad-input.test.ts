/**
 * Finding 8 (security review): bad input answered HTTP 500 in 22 cases — U+0000 and lone surrogates
 * in login, push, every network's webhook, portal intake and CSV import; JSON nested tens of
 * thousands of levels deep; portal `receivedAt` out of any sensible range; `%00` in route ids.
 * Each case is pinned here with real HTTP against a real server and PostgreSQL: a clear 4xx in the
 * usual `{ error: { code, message } }` shape, or — for a citizen's message from a network — the
 * message kept with the bad character replaced by U+FFFD, so nothing is lost.
 */
import type { ChannelAccount } from '../../../server/src/channels/types';
import {
  maxMessageCreated,
  maxUser,
  okJson,
  okMessage,
  startTelegramFake,
  startVkFake,
  type TelegramFake,
  tgMessageUpdate,
  tgUser,
  type VkFake,
  vkMessage,
  vkMessageNew,
} from '../../fakes';
import {
  addAccount,
  type ChannelTestEnv,
  type Json,
  messagesOf,
  pullAll,
  startChannelServer,
  webhookUrl,
} from '../channels/support';
import { loginAs, type TestSession } from '../setup/db';
import { pushRows, type SyncTarget } from '../sync/client';
import { newFormalAppeal } from '../sync/fixtures';

let env: ChannelTestEnv;
let tg: TelegramFake;
let vk: VkFake;
let admin: TestSession;
let supervisor: SyncTarget;
const accounts: Record<'telegram' | 'vk' | 'max' | 'ok' | 'portal', ChannelAccount> = {} as never;
const vkGroup = 7_700_001;
const portalKey = 'portal-source-key-bad-input-0123456789';

beforeAll(async () => {
  env = await startChannelServer();
  tg = await startTelegramFake({ token: '777:bad-input' });
  vk = await startVkFake({ groupId: vkGroup, users: { 1001: { first_name: 'Иван', last_name: 'Петров' } } });
  accounts.telegram = await addAccount(env, {
    network: 'telegram',
    accountId: '777',
    apiBaseUrl: tg.url,
    apiToken: '777:bad-input',
    webhookSecret: 'tg-secret',
  });
  accounts.vk = await addAccount(env, {
    network: 'vk',
    accountId: String(vkGroup),
    apiBaseUrl: vk.apiBaseUrl,
    apiToken: vk.token,
    webhookSecret: 'vk-secret',
  });
  accounts.max = await addAccount(env, {
    network: 'max',
    accountId: '55555556',
    webhookSecret: 'max-secret',
  });
  accounts.ok = await addAccount(env, { network: 'ok', accountId: '53038240' });
  accounts.portal = await addAccount(env, { network: 'portal', accountId: 'bad-input', apiKey: portalKey });
  admin = await loginAs(env.server, env.org.users.admin);
  const session = await loginAs(env.server, env.org.users.supervisor);
  supervisor = { url: env.server.url, headers: session.headers };
});

afterAll(async () => {
  await tg?.close();
  await vk?.close();
  await env?.server.close();
});

/** JSON text whose marker string is replaced by a raw jsonEscape (`\u0000`, a lone `\ud800`…). */
const withEscape = (value: unknown, marker: string, jsonEscape: string) =>
  JSON.stringify(value).replaceAll(marker, jsonEscape);

async function send(path: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${env.server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  let json: Json = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: response.status, text, json };
}

function expectClientError(reply: { status: number; json: Json }, code?: string) {
  expect(reply.status).toBeGreaterThanOrEqual(400);
  expect(reply.status).toBeLessThan(500);
  expect(reply.json).toEqual({
    error: {
      code: code ?? expect.any(String),
      message: expect.any(String),
      ...(reply.json?.error?.details ? { details: expect.anything() } : {}),
    },
  });
}

const badChars = [
  ['U+0000', '\\u0000'],
  ['a lone high surrogate', '\\ud800'],
  ['a lone low surrogate', '\\udc00'],
] as const;

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('finding 8: U+0000 and lone surrogates', () => {
  it.each(badChars)(
    'finding 8: a login with %s is refused with a 4xx, not 500',
    async (_name, jsonEscape) => {
      const body = withEscape({ login: 'adminMARK', password: 'x' }, 'MARK', jsonEscape);
      expectClientError(await send('/api/v1/auth/login', body));
      const inPassword = withEscape(
        { login: env.org.users.admin.login, password: 'pwMARK' },
        'MARK',
        jsonEscape,
      );
      expectClientError(await send('/api/v1/auth/login', inPassword));
    },
  );

  it.each(badChars)(
    'finding 8: a push with %s in one document refuses that document and lands the rest',
    async (_name, jsonEscape) => {
      const good = newFormalAppeal(env.org.organisation.id, env.org.departments.d1.id, { text: 'Хорошее' });
      const bad = newFormalAppeal(env.org.organisation.id, env.org.departments.d1.id, { text: 'ПлохоеMARK' });
      const body = withEscape(
        [
          { newDocumentState: { ...good, _deleted: false } },
          { newDocumentState: { ...bad, _deleted: false } },
        ],
        'MARK',
        jsonEscape,
      );
      const reply = await pushRows(supervisor, 'appeals', body, 'refusals=1');
      expect(reply.status).toBe(200);
      expect(reply.body.refusals).toEqual([
        expect.objectContaining({ id: bad.id, code: 'sync:refusal.invalidDocument' }),
      ]);
      // A new document refused: the client gets its tombstone (the good one may come back registered).
      expect(reply.body.conflicts.find((c: Json) => c.id === bad.id)).toMatchObject({ _deleted: true });
      const stored = await env.server.pool.query('SELECT id FROM sync_appeals WHERE id = ANY($1)', [
        [good.id, bad.id],
      ]);
      expect(stored.rows.map((r) => r.id)).toEqual([good.id]);
    },
  );

  const citizenText = (network: string, name: string) => `Сообщение ${network} ${name} MARK конец`;
  const webhooks: [
    string,
    (text: string) => {
      path: string;
      body: unknown;
      headers: Record<string, string>;
      serialise?: (v: unknown) => string;
    },
  ][] = [
    [
      'telegram',
      (text) => ({
        path: new URL(webhookUrl(env, accounts.telegram)).pathname,
        body: tgMessageUpdate({ from: tgUser({ id: 5001, first_name: 'Анна' }), text }),
        headers: { 'x-telegram-bot-api-secret-token': 'tg-secret' },
      }),
    ],
    [
      'vk',
      (text) => ({
        path: new URL(webhookUrl(env, accounts.vk)).pathname,
        body: vkMessageNew(vkMessage({ from_id: 1001, text }), { groupId: vkGroup, secret: 'vk-secret' }),
        headers: {},
      }),
    ],
    [
      'max',
      (text) => ({
        path: new URL(webhookUrl(env, accounts.max)).pathname,
        body: maxMessageCreated({
          sender: maxUser({ user_id: 6001, first_name: 'Олег' }),
          chatId: 6001,
          text,
        }),
        headers: { 'x-max-bot-api-secret': 'max-secret' },
      }),
    ],
    [
      'ok',
      (text) => ({
        path: new URL(webhookUrl(env, accounts.ok)).pathname,
        body: okMessage({ userId: '700000000001', chatId: 'C0ffee0bad', text }),
        headers: {},
        serialise: okJson,
      }),
    ],
  ];

  describe.each(webhooks)('finding 8: the %s webhook', (network, event) => {
    it.each(badChars)(
      `finding 8: a ${network} message with %s is acknowledged and kept, the character replaced by U+FFFD`,
      async (name, jsonEscape) => {
        const { path, body, headers, serialise } = event(citizenText(network, name));
        const text = (serialise ?? JSON.stringify)(body).replaceAll('MARK', jsonEscape);
        const reply = await send(path, text, headers);
        expect(reply.status).toBe(200);
        const messages = await messagesOf(env, accounts[network as 'vk']);
        expect(messages.map((m) => m.text)).toContainEqual(
          expect.stringContaining(`Сообщение ${network} ${name} \uFFFD конец`),
        );
      },
    );

    it(`finding 8: JSON nested 100k levels deep is refused by the ${network} webhook with a 4xx`, async () => {
      const { path, headers } = event('x');
      expectClientError(await send(path, nested(100_000), headers));
      expectClientError(await send(path, deepObject(50_000), headers));
    });
  });
});

describe('finding 8: the portal', () => {
  const portal = (item: unknown) =>
    send('/api/v1/intake/portal', JSON.stringify(item), { authorization: `Bearer ${portalKey}` });
  let next = 0;
  const item = (fields: Record<string, unknown> = {}) => ({
    id: `BAD-${++next}`,
    fz59: false,
    text: 'Яма',
    ...fields,
  });

  it.each([1e20, -1e15, '0001-01-01', 1.5, '99999-01-01', '+275760-09-13T00:00:00Z', 'вчера', true, {}])(
    'finding 8: portal receivedAt %j is refused with 400 invalid_portal_item',
    async (receivedAt) => {
      expectClientError(await portal(item({ receivedAt })), 'invalid_portal_item');
    },
  );

  it('finding 8: portal receivedAt within range is accepted (ISO and epoch ms)', async () => {
    const at = Date.now() - 3_600_000;
    expect((await portal(item({ receivedAt: at }))).status).toBe(201);
    expect((await portal(item({ receivedAt: new Date(at).toISOString() }))).status).toBe(201);
  });

  it.each(badChars)('finding 8: a portal item with %s is kept with U+FFFD', async (_name, jsonEscape) => {
    const id = `BAD-CHAR-${++next}`;
    const reply = await send(
      '/api/v1/intake/portal',
      withEscape(item({ id, text: 'Текст MARK конец', subject: 'ТемаMARK' }), 'MARK', jsonEscape),
      { authorization: `Bearer ${portalKey}` },
    );
    expect(reply.status).toBe(201);
    const appeals = await pullAll(env, env.org.users.supervisor, 'appeals');
    expect(appeals.find((a) => a.id === reply.json.appealId)?.text).toBe('Текст \uFFFD конец');
  });

  const csvImport = (csv: string) =>
    fetch(`${env.server.url}/api/v1/intake/portal/import?account=${accounts.portal.id}`, {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'text/csv' },
      body: csv,
    }).then(async (r) => ({ status: r.status, json: (await r.json()) as Json }));

  it('finding 8: a CSV import with U+0000 in one row imports nothing and names the bad row', async () => {
    const before = await env.server.pool.query('SELECT count(*)::int AS n FROM sync_appeals');
    const reply = await csvImport(
      [
        'id;fz59;text;receivedAt',
        'CSV-1;нет;Хорошая строка;',
        'CSV-2;нет;Плохая\u0000строка;',
        'CSV-3;нет;Ещё одна;99999-01-01',
      ].join('\n'),
    );
    expectClientError(reply, 'invalid_csv');
    expect(reply.json.error.details.errors.map((e: Json) => e.line)).toEqual([3, 4]);
    const after = await env.server.pool.query('SELECT count(*)::int AS n FROM sync_appeals');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('finding 8: a valid CSV import commits every row', async () => {
    const reply = await csvImport(['id;fz59;text', 'CSV-OK-1;нет;Первая', 'CSV-OK-2;нет;Вторая'].join('\n'));
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ created: 2, duplicates: 0, errors: [] });
  });
});

describe('finding 8: %00 and other bytes in route ids and query parameters', () => {
  it.each([
    ['POST', '/api/v1/applicants/%00/passport/reveal', '{}'],
    ['POST', '/api/v1/appeals/%00/passport', '{"series":"4509","number":"123456"}'],
    ['GET', '/api/v1/appeals/%00/history', undefined],
    ['GET', '/api/v1/appeals/a%00b/history', undefined],
    ['GET', '/api/v1/appeals/%ff/history', undefined],
    ['GET', '/api/v1/appeals/%ED%A0%80/history', undefined],
    ['POST', '/api/v1/channels/telegram/%00', '{"update_id":1}'],
    ['POST', '/api/v1/channels/vk/%00', '{"type":"confirmation","group_id":1}'],
    ['POST', '/api/v1/intake/portal/import?account=%00', 'id;fz59;text'],
    ['GET', '/api/v1/sync/%00/pull', undefined],
    ['GET', '/api/v1/sync/appeals/pull?checkpoint=%00', undefined],
  ])('finding 8: %s %s → 4xx', async (method, path, body) => {
    const response = await fetch(`${env.server.url}${path}`, {
      method,
      headers: {
        ...admin.headers,
        ...(body === undefined
          ? {}
          : { 'content-type': path.includes('import') ? 'text/csv' : 'application/json' }),
      },
      ...(body === undefined ? {} : { body }),
    });
    expectClientError({ status: response.status, json: await response.json() });
  });
});

describe('found by the hostile-input corpus', () => {
  it('finding 8: a MAX update the adapter cannot read (null in its attachment list) is acknowledged and kept raw, not 500', async () => {
    const update = maxMessageCreated({
      sender: maxUser({ user_id: 6003, first_name: 'Олег' }),
      chatId: 6003,
      text: 'С вложением',
    }) as unknown as { message: { body: { attachments: unknown } } };
    update.message.body.attachments = ['a', 1, null];
    const text = JSON.stringify(update);
    const headers = { 'x-max-bot-api-secret': 'max-secret' };
    const path = new URL(webhookUrl(env, accounts.max)).pathname;
    expect((await send(path, text, headers)).status).toBe(200);
    expect((await send(path, text, headers)).status).toBe(200); // a redelivery is absorbed
    await env.server.app.okno.inboundDrained();
    const stored = await env.server.pool.query(
      "SELECT outcome FROM inbound_events WHERE channel_account_id = $1 AND external_id LIKE 'unreadable:%'",
      [accounts.max.id],
    );
    expect(stored.rows).toEqual([{ outcome: 'ignored:unreadable' }]);
  });

  it('HEAD on a replication stream is answered at once instead of opening a stream it never answers', async () => {
    const response = await fetch(`${env.server.url}/api/v1/sync/appeals/stream`, {
      method: 'HEAD',
      headers: supervisor.headers,
      signal: AbortSignal.timeout(5_000),
    });
    expect(response.status).toBe(404);
  });
});
