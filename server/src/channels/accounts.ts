/**
 * Channel accounts (`channel_accounts`: the organisation's communities, bots, mailboxes and portal
 * sources, with their credentials): configured with the admin CLI (server/src/cli/channels.ts), read
 * on every webhook and by the outbox for sending (`channelAccountCredentials`). This is their one
 * reader and writer; the secrets are sealed at rest here (./secrets.ts) and opened only in memory. Reads are cached for a few seconds per process: a changed secret or URL takes effect
 * within `cacheMs` everywhere without a restart.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/pool';
import { newId } from '../ids';
import { type InboundNetwork, inboundNetworks } from '../intake/types';
import type { CredentialsResolver, OutboxNetwork, SendCredentials } from '../outbox/types';
import {
  type ChannelSecrets,
  joinSettings,
  openChannelSecrets,
  type SealedColumns,
  sealChannelSecrets,
  splitSettings,
} from './secrets';
import type { ChannelAccount, ChannelMode } from './types';

const cacheMs = 5_000;

/** Production API base URLs (docs/CHANNELS.md); an account's `api_base_url` overrides them. */
const defaultApiBaseUrls: Record<InboundNetwork, string> = {
  vk: 'https://api.vk.ru/method',
  telegram: 'https://api.telegram.org',
  max: 'https://platform-api2.max.ru',
  ok: 'https://api.ok.ru',
  email: '',
  portal: '',
};

/** OK's documented webhook source networks (docs/CHANNELS.md §2). */
const okDefaultSources = ['217.20.145.192/28', '217.20.151.160/28', '217.20.153.48/28'];

interface AccountRow extends SealedColumns {
  id: string;
  org_id: string;
  network: InboundNetwork;
  account_id: string;
  title: string;
  mode: ChannelMode;
  api_base_url: string | null;
  api_token: string | null;
  webhook_secret: string | null;
  confirmation_code: string | null;
  path_token: string;
  allowed_sources: string[];
  administrators: string[];
  default_department_id: string;
  settings: Record<string, unknown>;
  enabled: boolean;
}

function fromRow(row: AccountRow): ChannelAccount {
  // Clear columns are only a not-yet-sealed row of an older server (sealed at start).
  const secrets = openChannelSecrets(row.org_id, row.id, row);
  return {
    id: row.id,
    orgId: row.org_id,
    network: row.network,
    accountId: row.account_id,
    title: row.title,
    mode: row.mode,
    apiBaseUrl: (row.api_base_url || defaultApiBaseUrls[row.network]).replace(/\/+$/, ''),
    apiToken: secrets.apiToken ?? row.api_token,
    webhookSecret: secrets.webhookSecret ?? row.webhook_secret,
    confirmationCode: secrets.confirmationCode ?? row.confirmation_code,
    pathToken: row.path_token,
    allowedSources: row.allowed_sources,
    administrators: row.administrators,
    defaultDepartmentId: row.default_department_id,
    settings: joinSettings(row.settings, secrets.settings),
    enabled: row.enabled,
  };
}

/** The secrets of an account as it will be stored. */
const secretsOf = (
  account: Pick<ChannelAccount, 'apiToken' | 'webhookSecret' | 'confirmationCode'>,
  secretSettings: Record<string, unknown>,
): ChannelSecrets => ({
  apiToken: account.apiToken || null,
  webhookSecret: account.webhookSecret || null,
  confirmationCode: account.confirmationCode || null,
  settings: secretSettings,
});

const byId = new Map<string, { account: ChannelAccount | null; until: number }>();
const byPath = new Map<string, { account: ChannelAccount | null; until: number }>();
const byNetworkId = new Map<string, { account: ChannelAccount | null; until: number }>();

async function cached(
  cache: Map<string, { account: ChannelAccount | null; until: number }>,
  key: string,
  load: () => Promise<AccountRow | undefined>,
): Promise<ChannelAccount | null> {
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.account;
  const row = await load();
  const account = row ? fromRow(row) : null;
  if (cache.size > 10_000) cache.clear();
  cache.set(key, { account, until: now + cacheMs });
  return account;
}

export function loadChannelAccount(db: Queryable, id: string): Promise<ChannelAccount | null> {
  return cached(
    byId,
    id,
    async () => (await db.query<AccountRow>('SELECT * FROM channel_accounts WHERE id = $1', [id])).rows[0],
  );
}

/** The enabled account of a network whose webhook path token this is. */
export async function accountByPathToken(
  db: Queryable,
  network: InboundNetwork,
  token: string,
): Promise<ChannelAccount | null> {
  const account = await cached(
    byPath,
    token,
    async () =>
      (await db.query<AccountRow>('SELECT * FROM channel_accounts WHERE path_token = $1', [token])).rows[0],
  );
  return account?.enabled && account.network === network ? account : null;
}

/**
 * E-mail accounts send through `settings.smtp` (or the plain `settings.smtpUrl`, `smtp://host:port`;
 * channels/email/send.ts) from `settings.smtpFrom`.
 */
const defaultSmtpUrl = 'smtp://127.0.0.1:25';

function sendCredentialsOf(account: ChannelAccount, network: OutboxNetwork): SendCredentials {
  return {
    orgId: account.orgId,
    network,
    accountId: account.accountId,
    token: account.apiToken ?? '',
    apiBaseUrl:
      network === 'email'
        ? String(account.settings.smtpUrl ?? defaultSmtpUrl).replace(/\/+$/, '')
        : account.apiBaseUrl,
    ...(network === 'email'
      ? { from: String(account.settings.smtpFrom ?? account.accountId), settings: account.settings }
      : {}),
    // OK: the REST credentials a public answer under a comment is signed with (ok/comments-send.ts).
    ...(network === 'ok' ? { settings: account.settings } : {}),
  };
}

/**
 * The outbox's credentials of an organisation's enabled channel accounts. The organisation's
 * outgoing mailbox (e-mail answers outside e-mail conversations) is its first enabled e-mail
 * account by id.
 */
export function channelAccountCredentials(db: Queryable): CredentialsResolver {
  const resolver: CredentialsResolver = {
    async mailbox(orgId) {
      const result = await db.query<{ account_id: string }>(
        `SELECT account_id FROM channel_accounts WHERE org_id = $1 AND network = 'email' AND enabled
          ORDER BY id LIMIT 1`,
        [orgId],
      );
      const accountId = result.rows[0]?.account_id;
      return accountId === undefined ? null : resolver.resolve(orgId, 'email', accountId);
    },
    async resolve(orgId, network, accountId) {
      // Keyed by what is asked, the organisation included: the cache is the process's, so an account
      // another database cached (another server in the same process, as tests start them) is not it.
      const account = await cached(
        byNetworkId,
        `${orgId}:${network}:${accountId}`,
        async () =>
          (
            await db.query<AccountRow>(
              'SELECT * FROM channel_accounts WHERE org_id = $1 AND network = $2 AND account_id = $3 AND enabled',
              [orgId, network, accountId],
            )
          ).rows[0],
      );
      return account ? sendCredentialsOf(account, network) : null;
    },
  };
  return resolver;
}

export async function accountByApiKey(db: Queryable, apiKey: string): Promise<ChannelAccount | null> {
  const row = (
    await db.query<AccountRow>(
      `SELECT * FROM channel_accounts WHERE api_key_hash = $1 AND network = 'portal' AND enabled`,
      [hashApiKey(apiKey)],
    )
  ).rows[0];
  return row ? fromRow(row) : null;
}

export async function listChannelAccounts(
  db: Queryable,
  filter: { orgId?: string; mode?: ChannelMode } = {},
): Promise<ChannelAccount[]> {
  const rows = await db.query<AccountRow>(
    `SELECT * FROM channel_accounts
      WHERE ($1::text IS NULL OR org_id = $1) AND ($2::text IS NULL OR mode = $2) ORDER BY created_at`,
    [filter.orgId ?? null, filter.mode ?? null],
  );
  return rows.rows.map(fromRow);
}

function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

export function newSecretToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

export interface ChannelAccountInput {
  orgId: string;
  network: InboundNetwork;
  accountId: string;
  title?: string;
  mode?: ChannelMode;
  apiBaseUrl?: string | null;
  apiToken?: string | null;
  webhookSecret?: string | null;
  confirmationCode?: string | null;
  /** Generated when absent. */
  pathToken?: string;
  allowedSources?: string[];
  administrators?: string[];
  defaultDepartmentId?: string;
  settings?: Record<string, unknown>;
  /** Portal sources: the clear API key (only its hash is stored). */
  apiKey?: string;
}

export class ChannelConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChannelConfigError';
  }
}

const cidr = /^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$|^[0-9a-f:]+(\/\d{1,3})?$/i;

function check(input: Partial<ChannelAccountInput>): void {
  if (input.network && !inboundNetworks.includes(input.network))
    throw new ChannelConfigError(`network must be one of ${inboundNetworks.join(', ')}`);
  if (input.mode && input.mode !== 'webhook' && input.mode !== 'polling')
    throw new ChannelConfigError('mode must be webhook or polling');
  for (const source of input.allowedSources ?? [])
    if (!cidr.test(source)) throw new ChannelConfigError(`"${source}" is not an address or CIDR block`);
  if (input.apiBaseUrl && !/^https?:\/\//.test(input.apiBaseUrl))
    throw new ChannelConfigError('api base URL must start with http:// or https://');
}

/** Creates an account; returns it with its generated path token. */
export async function createChannelAccount(
  db: Queryable,
  input: ChannelAccountInput,
): Promise<ChannelAccount> {
  check(input);
  if (input.defaultDepartmentId) {
    const found = await db.query('SELECT 1 FROM departments WHERE org_id = $1 AND id = $2', [
      input.orgId,
      input.defaultDepartmentId,
    ]);
    if (found.rowCount === 0)
      throw new ChannelConfigError(`no department ${input.defaultDepartmentId} in this organisation`);
  }
  const sources = input.allowedSources ?? (input.network === 'ok' ? okDefaultSources : []);
  const id = newId();
  const settings = splitSettings(input.settings ?? {});
  const sealed = sealChannelSecrets(
    input.orgId,
    id,
    secretsOf(
      {
        apiToken: input.apiToken ?? null,
        webhookSecret: input.webhookSecret ?? null,
        confirmationCode: input.confirmationCode ?? null,
      },
      settings.secret,
    ),
  );
  const result = await db
    .query<AccountRow>(
      `INSERT INTO channel_accounts (id, org_id, network, account_id, title, mode, api_base_url,
       path_token, allowed_sources, administrators, default_department_id, api_key_hash, settings,
       secrets_key_id, secrets_iv, secrets_ciphertext, secrets_tag)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING *`,
      [
        id,
        input.orgId,
        input.network,
        input.accountId,
        input.title ?? '',
        input.mode ?? 'webhook',
        input.apiBaseUrl ?? null,
        input.pathToken ?? newSecretToken(),
        sources,
        input.administrators ?? [],
        input.defaultDepartmentId ?? '',
        input.apiKey ? hashApiKey(input.apiKey) : null,
        JSON.stringify(settings.clear),
        sealed.secrets_key_id,
        sealed.secrets_iv,
        sealed.secrets_ciphertext,
        sealed.secrets_tag,
      ],
    )
    .catch((error: { code?: string; constraint?: string }) => {
      if (error.code === '23505')
        throw new ChannelConfigError(`a ${input.network} account ${input.accountId} already exists`);
      throw error;
    });
  return fromRow(result.rows[0]!);
}

const columns: Record<string, string> = {
  title: 'title',
  mode: 'mode',
  apiBaseUrl: 'api_base_url',
  pathToken: 'path_token',
  allowedSources: 'allowed_sources',
  administrators: 'administrators',
  defaultDepartmentId: 'default_department_id',
  enabled: 'enabled',
};

type AccountChanges = Partial<Omit<ChannelAccountInput, 'orgId' | 'network' | 'accountId'>> & {
  enabled?: boolean;
};

const secretChanges = ['apiToken', 'webhookSecret', 'confirmationCode'] as const;

/**
 * Changes an account. Secrets and settings are read, changed and sealed again here, so the write
 * names the sealed value it replaces: a concurrent change makes it read again (at most 5 times).
 */
export async function updateChannelAccount(
  db: Queryable,
  id: string,
  changes: AccountChanges,
): Promise<ChannelAccount> {
  check(changes);
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await updateOnce(db, id, changes);
    if (row) {
      forgetChannelAccount(row.id, row.path_token);
      return fromRow(row);
    }
  }
  throw new ChannelConfigError(`channel account ${id} keeps changing; try again`);
}

/** The changed row, or null when another change came between the read and the write. */
async function updateOnce(db: Queryable, id: string, changes: AccountChanges): Promise<AccountRow | null> {
  const stored = (await db.query<AccountRow>('SELECT * FROM channel_accounts WHERE id = $1', [id])).rows[0];
  if (!stored) throw new ChannelConfigError(`no channel account ${id}`);
  const current = fromRow(stored);
  const sets: string[] = [];
  const values: unknown[] = [id, stored.secrets_ciphertext, JSON.stringify(stored.settings)];
  for (const [key, column] of Object.entries(columns)) {
    const value = (changes as Record<string, unknown>)[key];
    if (value === undefined) continue;
    values.push(value);
    sets.push(`${column} = $${values.length}`);
  }
  if (changes.apiKey) {
    values.push(hashApiKey(changes.apiKey));
    sets.push(`api_key_hash = $${values.length}`);
  }
  const secretsChanged = secretChanges.some((key) => changes[key] !== undefined);
  if (changes.settings || secretsChanged) {
    // The stored settings take the changed ones a level deep, as jsonb `||` would.
    const settings = splitSettings({ ...current.settings, ...(changes.settings ?? {}) });
    const next = { ...current };
    for (const key of secretChanges) if (changes[key] !== undefined) next[key] = changes[key] ?? null;
    const sealed = sealChannelSecrets(current.orgId, id, secretsOf(next, settings.secret));
    values.push(JSON.stringify(settings.clear));
    sets.push(`settings = $${values.length}`);
    sets.push('api_token = NULL, webhook_secret = NULL, confirmation_code = NULL');
    for (const [column, value] of Object.entries(sealed)) {
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    }
  }
  if (sets.length === 0) throw new ChannelConfigError('nothing to change');
  const result = await db.query<AccountRow>(
    `UPDATE channel_accounts SET ${sets.join(', ')}, updated_at = now()
      WHERE id = $1 AND secrets_ciphertext IS NOT DISTINCT FROM $2 AND settings = $3::jsonb RETURNING *`,
    values,
  );
  return result.rows[0] ?? null;
}

/** Drops cached reads (this process) after a change. */
function forgetChannelAccount(id: string, pathToken?: string): void {
  byId.delete(id);
  if (pathToken) byPath.delete(pathToken);
  else byPath.clear();
  byNetworkId.clear();
}
