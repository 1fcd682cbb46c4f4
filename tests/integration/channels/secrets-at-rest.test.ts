/**
 * Channel account secrets at rest (server/src/channels/secrets.ts): an account added through the
 * administrator's API keeps its token, webhook secret and mailbox password only sealed — the raw
 * row holds none of them —, still works (the check calls the Telegram fake with the opened token),
 * never writes them to the server log, seals rows an older server stored in the clear, and
 * `rotate-keys` seals them again under the new key. Real PostgreSQL, real HTTP.
 */
import { randomBytes } from 'node:crypto';
import { loadChannelAccount } from '../../../server/src/channels/accounts';
import { sealClearChannelSecrets, setChannelSecretKeys } from '../../../server/src/channels/secrets';
import { newId } from '../../../server/src/ids';
import { rotatePersonalDataKeys } from '../../../server/src/personal-data';
import { startTelegramFake, type TelegramFake } from '../../fakes';
import { loginAs, seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';

let server: TestServer;
let org: TestOrg;
let admin: Record<string, string>;
let tg: TelegramFake;
const logLines: string[] = [];

const webhookSecret = `hook-${randomBytes(8).toString('hex')}`;
const mailboxPassword = `mailbox-${randomBytes(8).toString('hex')}`;
/** The key `rotate-keys` moves to; the process keeps it (and the old one) from then on. */
const next = { id: 'next1', key: randomBytes(32) };
/** Past the accounts' read cache (channels/accounts.ts, 5 s). */
const pastReadCache = () => new Promise((resolve) => setTimeout(resolve, 5_100));

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { ...admin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: the test reads the answer's fields
  return { status: response.status, text, body: JSON.parse(text) as Record<string, any> };
}

/** Every byte of the row as PostgreSQL would dump it. */
const rawRow = async (id: string) =>
  (
    await server.pool.query<{ raw: string }>(
      `SELECT row_to_json(c)::text || encode(coalesce(secrets_ciphertext, ''), 'escape') AS raw
         FROM channel_accounts c WHERE id = $1`,
      [id],
    )
  ).rows[0]!.raw;

beforeAll(async () => {
  tg = await startTelegramFake({ token: `4300001:${randomBytes(12).toString('hex')}` });
  server = await startTestServer({
    log: { level: 'trace', stream: { write: (line: string) => logLines.push(line) } },
  });
  org = await seedTestOrg(server.pool);
  admin = (await loginAs(server, org.users.admin)).headers;
});
afterAll(async () => {
  setChannelSecretKeys(server.config.personalDataKeys);
  await server?.close();
  await tg?.close();
});

describe('channel secrets at rest', () => {
  it('a bot added through the API keeps its token only sealed, works, and the log never shows it', async () => {
    const created = await call('POST', '/admin/channels', {
      network: 'telegram',
      accountId: '4300001',
      mode: 'polling',
      apiBaseUrl: tg.url,
      token: tg.token,
      webhookSecret,
      enabled: false,
    });
    expect(created.status).toBe(201);
    const id = created.body.channel.id as string;
    const raw = await rawRow(id);
    expect(raw).not.toContain(tg.token);
    expect(raw).not.toContain(tg.token.split(':')[1]);
    expect(raw).not.toContain(webhookSecret);
    const columns = await server.pool.query(
      'SELECT api_token, webhook_secret, secrets_key_id FROM channel_accounts WHERE id = $1',
      [id],
    );
    expect(columns.rows[0]).toEqual({ api_token: null, webhook_secret: null, secrets_key_id: 'test1' });

    const check = await call('POST', `/admin/channels/${id}/check`);
    expect(check.body.check).toMatchObject({ ok: true, code: 'ok' });
    const changed = await call('PATCH', `/admin/channels/${id}`, { token: `${tg.token}x`, title: 'Бот' });
    expect(changed.status).toBe(200);
    expect(await rawRow(id)).not.toContain(tg.token);
    expect((await loadChannelAccount(server.pool, id))?.apiToken).toBe(`${tg.token}x`);
    expect((await loadChannelAccount(server.pool, id))?.webhookSecret).toBe(webhookSecret);

    const log = logLines.join('');
    expect(log).toContain('/admin/channels');
    expect(log).not.toContain(tg.token.split(':')[1]);
    expect(log).not.toContain(webhookSecret);
  });

  it('a mailbox password is sealed, the rest of its settings stay readable and mergeable', async () => {
    const created = await call('POST', '/admin/channels', {
      network: 'email',
      accountId: 'priemnaya@example.org',
      mode: 'polling',
      settings: { imap: { host: '127.0.0.1', port: 1, user: 'priemnaya', password: mailboxPassword } },
      enabled: false,
    });
    expect(created.status).toBe(201);
    const id = created.body.channel.id as string;
    expect(await rawRow(id)).not.toContain(mailboxPassword);
    const stored = await server.pool.query('SELECT settings FROM channel_accounts WHERE id = $1', [id]);
    expect(stored.rows[0].settings).toEqual({ imap: { host: '127.0.0.1', port: 1, user: 'priemnaya' } });

    // A change of the port leaves the password (sent back empty) as it was.
    await call('PATCH', `/admin/channels/${id}`, { settings: { imap: { port: 2, password: '' } } });
    const account = await loadChannelAccount(server.pool, id);
    expect(account?.settings).toEqual({
      imap: { host: '127.0.0.1', port: 2, user: 'priemnaya', password: mailboxPassword },
    });
    expect(await rawRow(id)).not.toContain(mailboxPassword);
    expect(logLines.join('')).not.toContain(mailboxPassword);
  });

  it('seals at start what an older server stored in the clear', async () => {
    const id = newId();
    const token = `legacy-${randomBytes(8).toString('hex')}`;
    await server.pool.query(
      `INSERT INTO channel_accounts (id, org_id, network, account_id, path_token, api_token, confirmation_code, settings)
       VALUES ($1, $2, 'vk', $3, $4, $5, 'confirm-77', $6)`,
      [
        id,
        org.organisation.id,
        `77${randomBytes(3).toString('hex')}`,
        randomBytes(12).toString('hex'),
        token,
        JSON.stringify({ attachments: { hostToken: 'legacy-host-token', maxBytes: 10 } }),
      ],
    );
    expect(await rawRow(id)).toContain(token);
    expect(await sealClearChannelSecrets(server.pool)).toBeGreaterThanOrEqual(1);
    const raw = await rawRow(id);
    expect(raw).not.toContain(token);
    expect(raw).not.toContain('confirm-77');
    expect(raw).not.toContain('legacy-host-token');
    const account = await loadChannelAccount(server.pool, id);
    expect(account).toMatchObject({
      apiToken: token,
      confirmationCode: 'confirm-77',
      settings: { attachments: { hostToken: 'legacy-host-token', maxBytes: 10 } },
    });
    expect(await sealClearChannelSecrets(server.pool)).toBe(0);
  });

  it('rotate-keys seals the channel secrets again under the new key', async () => {
    const keys = [next, ...server.config.personalDataKeys];
    const { rotated } = await rotatePersonalDataKeys(server.pool, {
      ...server.config,
      personalDataKeys: keys,
    });
    expect(rotated).toBeGreaterThanOrEqual(3);
    const left = await server.pool.query(
      `SELECT count(*)::int AS n FROM channel_accounts WHERE secrets_key_id IS NOT NULL AND secrets_key_id <> 'next1'`,
    );
    expect(left.rows[0].n).toBe(0);
    const audit = await server.pool.query(
      `SELECT details FROM audit_log WHERE action = 'personal_data.rotate_key' AND org_id = $1`,
      [org.organisation.id],
    );
    expect(audit.rows.at(-1)?.details).toMatchObject({ keyId: 'next1' });
    // The new key alone opens them (a fresh read, past the cache).
    setChannelSecretKeys([next]);
    const { rows } = await server.pool.query<{ id: string }>(
      "SELECT id FROM channel_accounts WHERE network = 'telegram' AND account_id = '4300001'",
    );
    await pastReadCache();
    expect((await loadChannelAccount(server.pool, rows[0]!.id))?.apiToken).toBe(`${tg.token}x`);
  });

  it('a sealed value moved to another account does not open', async () => {
    const { rows } = await server.pool.query<{ id: string }>(
      'SELECT id FROM channel_accounts WHERE secrets_key_id IS NOT NULL ORDER BY id LIMIT 2',
    );
    const [a, b] = rows.map((r) => r.id);
    await server.pool.query(
      `UPDATE channel_accounts t SET secrets_key_id = s.secrets_key_id, secrets_iv = s.secrets_iv,
              secrets_ciphertext = s.secrets_ciphertext, secrets_tag = s.secrets_tag
         FROM channel_accounts s WHERE t.id = $1 AND s.id = $2`,
      [b, a],
    );
    await pastReadCache();
    await expect(loadChannelAccount(server.pool, a!)).resolves.toBeTruthy();
    await expect(loadChannelAccount(server.pool, b!)).rejects.toThrow(/failed authentication/);
  });
});
