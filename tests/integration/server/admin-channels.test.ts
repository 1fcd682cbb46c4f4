/**
 * Channel accounts through the administrator's API (server/src/admin/channels.ts): the CLI's checks,
 * secrets write-only (never answered, never in the audit log), every change in «Журнал
 * администратора», «Проверить подключение» over real HTTP to the Telegram fake, and an administrator
 * reaching only their own organisation. Real PostgreSQL, real HTTP.
 */
import { runChannelCommand } from '../../../server/src/cli/channels';
import { startMaxFake, startOkFake, startTelegramFake, startVkFake, type TelegramFake } from '../../fakes';
import { loginAs, seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import { startImapServer } from '../setup/imap-server';

// biome-ignore lint/suspicious/noExplicitAny: assertions read deep into the answers
type Json = Record<string, any>;

let server: TestServer;
let org: TestOrg;
let other: TestOrg;
let admin: Record<string, string>;
let tg: TelegramFake;

async function call(method: string, path: string, body?: unknown, headers = admin) {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, text, body: (text ? JSON.parse(text) : {}) as Json };
}

const auditRows = async (entityId: string) =>
  (
    await server.pool.query<{ action: string; fields: Json }>(
      'SELECT action, fields FROM audit_log WHERE entity_id = $1 ORDER BY id',
      [entityId],
    )
  ).rows;

beforeAll(async () => {
  tg = await startTelegramFake({ token: '4200001:admin-channels-bot' });
  server = await startTestServer();
  org = await seedTestOrg(server.pool);
  other = await seedTestOrg(server.pool);
  admin = (await loginAs(server, org.users.admin)).headers;
});
afterAll(async () => {
  await server?.close();
  await tg?.close();
});

describe('channel accounts', () => {
  it('creates a Telegram bot account whose token is never answered nor audited', async () => {
    const created = await call('POST', '/admin/channels', {
      network: 'telegram',
      accountId: '4200001',
      title: 'Бот администрации',
      mode: 'polling',
      apiBaseUrl: tg.url,
      token: tg.token,
      webhookSecret: 'webhook-secret-4200001',
    });
    expect(created.status).toBe(201);
    expect(created.body.channel).toMatchObject({
      network: 'telegram',
      accountId: '4200001',
      title: 'Бот администрации',
      mode: 'polling',
      enabled: true,
      hasToken: true,
      hasWebhookSecret: true,
    });
    expect(created.text).not.toContain(tg.token);
    expect(created.text).not.toContain('webhook-secret-4200001');

    const listed = await call('GET', '/admin/channels');
    expect(listed.status).toBe(200);
    expect(listed.body.channels.map((c: Json) => c.accountId)).toContain('4200001');
    expect(listed.text).not.toContain(tg.token);
    expect(listed.text).not.toContain('webhook-secret-4200001');

    const id = created.body.channel.id as string;
    const rows = await auditRows(id);
    expect(rows.map((r) => r.action)).toEqual(['channel.create']);
    expect(rows[0]!.fields.apiToken).toEqual({ old: null, new: '[secret changed]' });
    expect(rows[0]!.fields.title).toEqual({ old: null, new: 'Бот администрации' });
    expect(JSON.stringify(rows)).not.toContain(tg.token);

    const journal = await call('GET', '/admin/journal?kind=channels');
    expect(journal.body.entries[0]).toMatchObject({
      action: 'channel.create',
      entityId: id,
      entityLabel: 'telegram 4200001',
    });
  });

  it('refuses what the CLI refuses, with a code, nothing written', async () => {
    const bad = await call('POST', '/admin/channels', {
      network: 'telegram',
      accountId: '4200002',
      apiBaseUrl: 'ftp://example.org',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_channel');
    const duplicate = await call('POST', '/admin/channels', { network: 'telegram', accountId: '4200001' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('duplicate_channel');
    const listed = await call('GET', '/admin/channels');
    expect(listed.body.channels.map((c: Json) => c.accountId)).not.toContain('4200002');
  });

  it('«Проверить подключение» passes with the right token and names a wrong one', async () => {
    const { body } = await call('GET', '/admin/channels');
    const id = body.channels.find((c: Json) => c.accountId === '4200001').id as string;
    const good = await call('POST', `/admin/channels/${id}/check`);
    expect(good.status).toBe(200);
    expect(good.body.check).toMatchObject({ ok: true, code: 'ok', name: tg.bot.username });

    // An empty token keeps the stored one; a new one replaces it and is audited as changed only.
    const kept = await call('PATCH', `/admin/channels/${id}`, { token: '', title: 'Бот' });
    expect(kept.status).toBe(200);
    expect((await call('POST', `/admin/channels/${id}/check`)).body.check.ok).toBe(true);

    const changed = await call('PATCH', `/admin/channels/${id}`, { token: '4200001:wrong-token' });
    expect(changed.status).toBe(200);
    expect(changed.text).not.toContain('wrong-token');
    const wrong = await call('POST', `/admin/channels/${id}/check`);
    expect(wrong.body.check).toMatchObject({ ok: false, code: 'unauthorized' });
    expect(wrong.text).not.toContain('wrong-token');

    const rows = await auditRows(id);
    expect(rows.map((r) => r.action)).toEqual(['channel.create', 'channel.update', 'channel.update']);
    expect(rows[1]!.fields).toEqual({ title: { old: 'Бот администрации', new: 'Бот' } });
    expect(rows[2]!.fields).toEqual({ apiToken: { old: '[secret]', new: '[secret changed]' } });
    expect(JSON.stringify(rows)).not.toContain('wrong-token');
  });

  it('checks VK, MAX and OK with their own calls: the right token passes, a wrong one is named', async () => {
    const vk = await startVkFake({ token: 'vk-admin-channels-token', groupId: 420_003 });
    const max = await startMaxFake({ token: 'max-admin-channels-token' });
    const ok = await startOkFake({ token: 'ok-admin-channels-token' });
    try {
      for (const [network, accountId, apiBaseUrl, token] of [
        ['vk', String(vk.groupId), vk.apiBaseUrl, vk.token],
        ['max', '420004', max.url, max.token],
        ['ok', '420005', ok.url, ok.token],
      ] as const) {
        const created = await call('POST', '/admin/channels', { network, accountId, apiBaseUrl, token });
        expect(created.status).toBe(201);
        const id = created.body.channel.id as string;
        const good = await call('POST', `/admin/channels/${id}/check`);
        expect({ network, ...good.body.check }).toMatchObject({ network, ok: true, code: 'ok' });
        await call('PATCH', `/admin/channels/${id}`, { token: `${network}-wrong-token` });
        const wrong = await call('POST', `/admin/channels/${id}/check`);
        expect({ network, ...wrong.body.check }).toMatchObject({ network, ok: false, code: 'unauthorized' });
      }
    } finally {
      await Promise.all([vk.close(), max.close(), ok.close()]);
    }
  });

  it('a mailbox: IMAP login checked against a real Dovecot, its password write-only and kept when left empty', async () => {
    const imap = await startImapServer();
    try {
      const created = await call('POST', '/admin/channels', {
        network: 'email',
        accountId: 'priemnaya@channels.example.ru',
        mode: 'polling',
        enabled: false,
        settings: {
          imap: { host: imap.host, port: imap.port, tls: false, user: imap.user, password: imap.password },
        },
      });
      expect(created.status).toBe(201);
      expect(created.text).not.toContain(imap.password);
      expect(created.body.channel.settings.imap).toMatchObject({ user: imap.user, password: '[secret]' });
      const id = created.body.channel.id as string;
      expect((await call('POST', `/admin/channels/${id}/check`)).body.check).toMatchObject({
        ok: true,
        code: 'ok',
      });

      // The form sends the mailbox back with the password left empty: the stored one is kept.
      const kept = await call('PATCH', `/admin/channels/${id}`, {
        settings: { imap: { host: imap.host, port: imap.port, tls: false, user: imap.user, password: '' } },
      });
      expect(kept.status).toBe(200);
      expect((await call('POST', `/admin/channels/${id}/check`)).body.check.ok).toBe(true);

      await call('PATCH', `/admin/channels/${id}`, {
        settings: { imap: { password: 'wrong-mailbox-password' } },
      });
      const wrong = await call('POST', `/admin/channels/${id}/check`);
      expect(wrong.body.check).toMatchObject({ ok: false, code: 'unauthorized' });

      const rows = await auditRows(id);
      expect(rows.map((r) => r.action)).toEqual(['channel.create', 'channel.update']);
      expect(rows[1]!.fields.settings.new.imap.password).toBe('[secret changed]');
      expect(JSON.stringify(rows)).not.toContain(imap.password);
      expect(JSON.stringify(rows)).not.toContain('wrong-mailbox-password');
    } finally {
      await imap.close();
    }
  });

  it('says the network cannot be reached', async () => {
    const created = await call('POST', '/admin/channels', {
      network: 'max',
      accountId: 'max-unreachable',
      apiBaseUrl: 'http://127.0.0.1:9',
      token: 'max-token',
    });
    const check = await call('POST', `/admin/channels/${created.body.channel.id}/check`);
    expect(check.body.check).toMatchObject({ ok: false, code: 'unreachable' });
  });

  it('disables and enables, each its own journal kind', async () => {
    const { body } = await call('GET', '/admin/channels');
    const id = body.channels.find((c: Json) => c.accountId === '4200001').id as string;
    expect((await call('PATCH', `/admin/channels/${id}`, { enabled: false })).body.channel.enabled).toBe(
      false,
    );
    expect((await call('PATCH', `/admin/channels/${id}`, { enabled: true })).body.channel.enabled).toBe(true);
    expect((await auditRows(id)).slice(-2).map((r) => r.action)).toEqual([
      'channel.disable',
      'channel.enable',
    ]);
  });

  it('the admin CLI passes the same checks and its changes reach the journal, secrets unquoted', async () => {
    const [line] = await runChannelCommand(server.pool, [
      'channel-add',
      '--org',
      org.organisation.name,
      '--network',
      'telegram',
      '--account',
      '4200009',
      '--token',
      '4200009:cli-secret-token',
      '--title',
      'Бот из консоли',
    ]);
    const id = String(line).split(' ')[0]!;
    await runChannelCommand(server.pool, ['channel-set', id, '--enabled', 'false']);
    await expect(runChannelCommand(server.pool, ['channel-set', id, '--api-url', 'ftp://x'])).rejects.toThrow(
      /http:\/\/ or https:\/\//,
    );
    const rows = await auditRows(id);
    expect(rows.map((r) => r.action)).toEqual(['channel.create', 'channel.disable']);
    expect(rows[0]!.fields.apiToken).toEqual({ old: null, new: '[secret changed]' });
    expect(JSON.stringify(rows)).not.toContain('cli-secret-token');
    const journal = await call('GET', '/admin/journal?kind=channels');
    expect(journal.body.entries[0]).toMatchObject({
      action: 'channel.disable',
      entityId: id,
      actorName: null,
    });
    const listed = await call('GET', '/admin/channels');
    expect(listed.body.channels.find((c: Json) => c.id === id)).toMatchObject({
      enabled: false,
      hasToken: true,
    });
  });

  it('is for administrators of the organisation only', async () => {
    const { body } = await call('GET', '/admin/channels');
    const id = body.channels[0].id as string;
    const operator = (await loginAs(server, org.users.operator1)).headers;
    expect((await call('GET', '/admin/channels', undefined, operator)).status).toBe(403);
    expect((await call('POST', `/admin/channels/${id}/check`, undefined, operator)).status).toBe(403);
    const stranger = (await loginAs(server, other.users.admin)).headers;
    expect((await call('PATCH', `/admin/channels/${id}`, { title: 'x' }, stranger)).status).toBe(404);
    expect((await call('POST', `/admin/channels/${id}/check`, undefined, stranger)).status).toBe(404);
    const theirs = await call('GET', '/admin/channels', undefined, stranger);
    expect(theirs.body.channels.map((c: Json) => c.id)).not.toContain(id);
  });
});
