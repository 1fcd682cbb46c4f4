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
import { waitFor } from '../setup/wait';
import { pushRows, type SyncTarget } from '../sync/client';
import { newFormalAppeal } from '../sync/fixtures';

let env: ChannelTestEnv;
let tg: TelegramFake;
let vk: VkFake;
let admin: TestSession;
let supervisor: SyncTarget;
const accounts: Record<'telegram' | 'vk' | 'max' | 'ok' | 'portal', ChannelAccount> = {} as never;
const vkGroup = 7_700_001;
const vkAdmin = 5005;
const portalKey = 'portal-source-key-bad-input-0123456789';

beforeAll(async () => {
  env = await startChannelServer();
  tg = await startTelegramFake({ token: '777:bad-input' });
  vk = await startVkFake({
    groupId: vkGroup,
    users: {
      1001: { first_name: 'Иван', last_name: 'Петров' },
      1002: { first_name: 'Мария', last_name: 'Сидорова' },
      [vkAdmin]: { first_name: 'Админ', last_name: 'Сообщества' },
    },
  });
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
    administrators: [String(vkAdmin)],
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
  it('finding 8: a MAX update the adapter cannot read (an id that is no string or number) is acknowledged and kept raw, not 500', async () => {
    const update = maxMessageCreated({
      sender: maxUser({ user_id: 6003, first_name: 'Олег' }),
      chatId: 6003,
      text: 'Без своего id',
    }) as unknown as { message: { body: { mid: unknown } } };
    update.message.body.mid = { toString: 1 };
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

/**
 * The hostile-input corpus found webhook events the normalisers threw on: acknowledged and kept raw
 * as `ignored:unreadable` since, but the citizen's message never reached the inbox. Bad items are
 * passed over now; the message lands with its text, its sender and every attachment that was readable.
 */
describe('a malformed attachment or forward never costs the citizen the message', () => {
  /** A file on a host no network uses: the download is refused at once and noted in the text. */
  const elsewhere = 'https://files.example.invalid/';
  const noted = (name: string) => `[Вложение «${name}» не сохранено: источник файла не допускается]`;
  const lastMessage = async (network: keyof typeof accounts) =>
    (await messagesOf(env, accounts[network])).at(-1);
  const vkDoc = (title: string) => ({
    type: 'doc',
    doc: { id: 1, owner_id: 1001, title, ext: 'pdf', size: 10, url: `${elsewhere}${title}` },
  });
  const vkForward = (fields: Record<string, unknown>) => ({ date: 1, conversation_message_id: 0, ...fields });
  let n = 0;

  it.each([
    ['attachments that is not a list', { attachments: { type: 'doc' } }, []],
    [
      'null among its attachments',
      { attachments: [null, 'photo', 7, vkDoc('akt-1.pdf')] },
      [noted('akt-1.pdf')],
    ],
    [
      'null among the sizes of a photo',
      {
        attachments: [
          {
            type: 'photo',
            photo: { id: 2, owner_id: 1001, sizes: [null, { url: `${elsewhere}p.jpg`, width: 9 }] },
          },
        ],
      },
      [noted('photo1001_2.jpg')],
    ],
    [
      'null among its forwards',
      { fwd_messages: [null, vkForward({ from_id: 1002, text: 'Чужое', attachments: [null] })] },
      ['\n» Чужое'],
    ],
    ['a forward whose text is no string', { fwd_messages: [vkForward({ from_id: 1002, text: 5 })] }, []],
  ])(
    'VK normaliser: a message with %s lands with its text and sender (was ignored:unreadable)',
    async (_case, fields, alsoInText) => {
      const own = `Жалоба VK ${++n}`;
      const body = vkMessageNew(vkMessage({ from_id: 1001, text: own, ...(fields as object) }), {
        groupId: vkGroup,
        secret: 'vk-secret',
      });
      expect((await send(new URL(webhookUrl(env, accounts.vk)).pathname, JSON.stringify(body))).status).toBe(
        200,
      );
      const message = await lastMessage('vk');
      expect(message.text.startsWith(own)).toBe(true);
      for (const part of alsoInText) expect(message.text).toContain(part);
      expect(message.author).toMatchObject({ kind: 'applicant', displayName: 'Иван Петров' });
    },
  );

  it('VK normaliser: an administrator’s forward with null among the forwards lands as the author’s message (was ignored:unreadable)', async () => {
    const body = vkMessageNew(
      vkMessage({
        from_id: vkAdmin,
        text: '',
        fwd_messages: [
          vkForward({ from_id: 1002, text: 'Сломана скамейка', attachments: [null] }),
          null,
        ] as never,
      }),
      { groupId: vkGroup, secret: 'vk-secret' },
    );
    expect((await send(new URL(webhookUrl(env, accounts.vk)).pathname, JSON.stringify(body))).status).toBe(
      200,
    );
    expect(await lastMessage('vk')).toMatchObject({
      text: 'Сломана скамейка',
      author: { kind: 'applicant', displayName: 'Мария Сидорова' },
    });
  });

  it('MAX normaliser: a message with null among its attachments and its forward’s lands with its text and sender (was ignored:unreadable)', async () => {
    const update = maxMessageCreated({
      sender: maxUser({ user_id: 6004, first_name: 'Олег', last_name: 'Кузнецов' }),
      chatId: 6004,
      text: 'С вложением',
      forwardOf: { sender: maxUser({ user_id: 6005, first_name: 'Анна' }), text: 'Пересланное' },
    }) as unknown as {
      message: { body: { attachments: unknown }; link: { message: { attachments: unknown } } };
    };
    update.message.body.attachments = [
      null,
      'a',
      1,
      { type: 'file', filename: 'akt-3.pdf', payload: { url: `${elsewhere}akt-3.pdf` } },
    ];
    update.message.link.message.attachments = [null];
    const path = new URL(webhookUrl(env, accounts.max)).pathname;
    expect((await send(path, JSON.stringify(update), { 'x-max-bot-api-secret': 'max-secret' })).status).toBe(
      200,
    );
    const message = await lastMessage('max');
    expect(message.text).toBe(`С вложением\n» Пересланное\n${noted('akt-3.pdf')}`);
    expect(message.author).toMatchObject({ kind: 'applicant', displayName: 'Олег Кузнецов' });
  });

  it('OK normaliser: a message with null among its attachments and a file URL that does not parse lands with its text (was ignored:unreadable)', async () => {
    const event = okMessage({
      userId: '700000000002',
      chatId: 'C0ffee0bad2',
      text: 'Сообщение OK',
      attachments: [null, { type: 'FILE', payload: { url: 'not a url %E0%A4%A' } }] as never,
    });
    expect((await send(new URL(webhookUrl(env, accounts.ok)).pathname, okJson(event))).status).toBe(200);
    expect((await lastMessage('ok')).text).toBe(
      'Сообщение OK\n[Вложение «file» не сохранено: файл недоступен]',
    );
  });

  it('Telegram normaliser: a photo with null among its sizes lands with the readable size (was ignored:unreadable)', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
    const size = {
      ...tg.addFile(jpeg, { fileName: 'photo.jpg', mimeType: 'image/jpeg' }),
      width: 90,
      height: 60,
    };
    const update = tgMessageUpdate({
      from: tgUser({ id: 5002, first_name: 'Пётр', last_name: 'Иванов' }),
      text: 'Фото ямы',
      photo: [null, size] as never,
    });
    const reply = await send(new URL(webhookUrl(env, accounts.telegram)).pathname, JSON.stringify(update), {
      'x-telegram-bot-api-secret-token': 'tg-secret',
    });
    expect(reply.status).toBe(200);
    const message = await lastMessage('telegram');
    expect(message).toMatchObject({
      text: 'Фото ямы',
      author: { kind: 'applicant', displayName: 'Пётр Иванов' },
    });
    expect(message.attachments).toEqual([
      expect.objectContaining({ mimeType: 'image/jpeg', size: jpeg.length }),
    ]);
  });

  it('Telegram normaliser: a citizen whose language_code is no string still gets the bot’s answer (the bot threw on it)', async () => {
    const user = tgUser({ id: 5003, first_name: 'Ирина', language_code: 5 as never });
    const update = tgMessageUpdate({ from: user, text: '/start' });
    const reply = await send(new URL(webhookUrl(env, accounts.telegram)).pathname, JSON.stringify(update), {
      'x-telegram-bot-api-secret-token': 'tg-secret',
    });
    expect(reply.status).toBe(200);
    await waitFor(async () => tg.sent.some((m) => String(m.chatId) === String(user.id)), 8_000);
  });
});
