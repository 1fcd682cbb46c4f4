/**
 * Channel account secrets at rest: bot and community tokens, webhook secrets, the VK confirmation
 * code and every secret-like setting (mailbox passwords: a key matching `secretSettingKey` at any
 * depth of `settings`) are stored only sealed, in `channel_accounts.secrets_*` (migration 440), never
 * in the clear columns or in `settings`.
 *
 * Decision: they are sealed with the personal-data seal (personal-data/passport-crypto `sealJson`)
 * under the personal-data keyring (OKNO_PD_KEYS) rather than a key of their own — one keyring to
 * keep, back up and rotate; `rotate-keys` re-encrypts them with the passports. The associated data
 * `okno:channel-secrets:v1:<org>:<account id>` keeps them apart from personal data and binds them to
 * their row.
 *
 * The keyring is the process's, given by whoever opens the database or starts the server
 * (`setChannelSecretKeys`: openDatabase, the server's channels plugin); channels/accounts.ts, the
 * one reader and writer of these columns, seals and opens with it. Rows written in the clear by an older server are sealed at start
 * (`sealClearChannelSecrets`, from openDatabase): SQL cannot, the keys are not in the database.
 */
import type pg from 'pg';
import type { ServerConfig } from '../config';
import type { Queryable } from '../db/pool';
import type { PersonalDataKey } from '../personal-data/keyring';
import { type Encrypted, openJson, sealJson } from '../personal-data/passport-crypto';

/** A setting whose value is a secret (masked in answers and the audit, sealed at rest). */
export const secretSettingKey = /pass|secret|token|key/i;

/** The secrets of one account, as sealed. */
export interface ChannelSecrets {
  apiToken: string | null;
  webhookSecret: string | null;
  confirmationCode: string | null;
  /** Only the secret leaves of `settings`, at their paths. */
  settings: Record<string, unknown>;
}

/** The sealed columns of a `channel_accounts` row. */
export interface SealedColumns {
  secrets_key_id: string | null;
  secrets_iv: Buffer | null;
  secrets_ciphertext: Buffer | null;
  secrets_tag: Buffer | null;
}

let keyring: readonly PersonalDataKey[] = [];

/** The keys this process seals with (the first) and opens with (all). */
export function setChannelSecretKeys(keys: readonly PersonalDataKey[]): void {
  keyring = keys;
}

class ChannelSecretsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChannelSecretsError';
  }
}

const associatedData = (orgId: string, accountId: string) =>
  Buffer.from(`okno:channel-secrets:v1:${orgId}:${accountId}`);

type Settings = Record<string, unknown>;
const isObject = (v: unknown): v is Settings => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `settings` split into what may be stored in the clear and its secret leaves. */
export function splitSettings(settings: Settings): { clear: Settings; secret: Settings } {
  const clear: Settings = {};
  const secret: Settings = {};
  for (const [key, value] of Object.entries(settings)) {
    if (secretSettingKey.test(key) && value !== null && value !== '' && !isObject(value)) {
      secret[key] = value;
    } else if (isObject(value)) {
      const inner = splitSettings(value);
      clear[key] = inner.clear;
      if (Object.keys(inner.secret).length > 0) secret[key] = inner.secret;
    } else clear[key] = value;
  }
  return { clear, secret };
}

/** The clear settings with their secret leaves put back. */
export function joinSettings(clear: Settings, secret: Settings): Settings {
  const joined: Settings = { ...clear };
  for (const [key, value] of Object.entries(secret))
    joined[key] = isObject(value) && isObject(joined[key]) ? joinSettings(joined[key], value) : value;
  return joined;
}

const hasAny = (s: ChannelSecrets) =>
  Boolean(s.apiToken || s.webhookSecret || s.confirmationCode || Object.keys(s.settings).length > 0);

/** The columns that store `secrets` for this account (all NULL when there is none). */
export function sealChannelSecrets(
  orgId: string,
  accountId: string,
  secrets: ChannelSecrets,
  keys: readonly PersonalDataKey[] = keyring,
): SealedColumns {
  if (!hasAny(secrets))
    return { secrets_key_id: null, secrets_iv: null, secrets_ciphertext: null, secrets_tag: null };
  const key = keys[0];
  if (!key) throw new ChannelSecretsError('No key to seal channel secrets with (OKNO_PD_KEYS)');
  const sealed = sealJson(key, associatedData(orgId, accountId), secrets);
  return {
    secrets_key_id: sealed.keyId,
    secrets_iv: sealed.iv,
    secrets_ciphertext: sealed.ciphertext,
    secrets_tag: sealed.tag,
  };
}

const none = (): ChannelSecrets => ({
  apiToken: null,
  webhookSecret: null,
  confirmationCode: null,
  settings: {},
});

/** The secrets sealed in a row's columns; none when the columns are empty. */
export function openChannelSecrets(
  orgId: string,
  accountId: string,
  row: SealedColumns,
  keys: readonly PersonalDataKey[] = keyring,
): ChannelSecrets {
  if (!row.secrets_key_id || !row.secrets_iv || !row.secrets_ciphertext || !row.secrets_tag) return none();
  const sealed: Encrypted = {
    keyId: row.secrets_key_id,
    iv: row.secrets_iv,
    ciphertext: row.secrets_ciphertext,
    tag: row.secrets_tag,
  };
  return {
    ...none(),
    ...openJson<ChannelSecrets>(keys, associatedData(orgId, accountId), sealed, 'Channel secrets'),
  };
}

interface ClearRow extends SealedColumns {
  id: string;
  org_id: string;
  api_token: string | null;
  webhook_secret: string | null;
  confirmation_code: string | null;
  settings: Settings;
}

const sealedUpdate = `UPDATE channel_accounts
    SET api_token = NULL, webhook_secret = NULL, confirmation_code = NULL, settings = $2,
        secrets_key_id = $3, secrets_iv = $4, secrets_ciphertext = $5, secrets_tag = $6
  WHERE id = $1`;

const sealedParams = (id: string, settings: Settings, sealed: SealedColumns) => [
  id,
  JSON.stringify(settings),
  sealed.secrets_key_id,
  sealed.secrets_iv,
  sealed.secrets_ciphertext,
  sealed.secrets_tag,
];

/**
 * Seals what an older server stored in the clear (tokens in their columns, passwords in settings)
 * and clears it; returns how many accounts it sealed. Idempotent; run at every start.
 */
export async function sealClearChannelSecrets(db: Queryable): Promise<number> {
  const rows = await db.query<ClearRow>(
    `SELECT id, org_id, api_token, webhook_secret, confirmation_code, settings,
            secrets_key_id, secrets_iv, secrets_ciphertext, secrets_tag
       FROM channel_accounts
      WHERE api_token IS NOT NULL OR webhook_secret IS NOT NULL OR confirmation_code IS NOT NULL
         OR settings::text ~* '"[^"]*(pass|secret|token|key)[^"]*": *"'`,
  );
  let sealed = 0;
  for (const row of rows.rows) {
    const stored = openChannelSecrets(row.org_id, row.id, row);
    const { clear, secret } = splitSettings(row.settings);
    if (row.api_token === null && row.webhook_secret === null && row.confirmation_code === null) {
      if (Object.keys(secret).length === 0) continue;
    }
    const secrets: ChannelSecrets = {
      apiToken: row.api_token ?? stored.apiToken,
      webhookSecret: row.webhook_secret ?? stored.webhookSecret,
      confirmationCode: row.confirmation_code ?? stored.confirmationCode,
      settings: joinSettings(stored.settings, secret),
    };
    await db.query(
      sealedUpdate,
      sealedParams(row.id, clear, sealChannelSecrets(row.org_id, row.id, secrets)),
    );
    sealed += 1;
  }
  return sealed;
}

/**
 * Re-seals the accounts not under the current key (part of `rotatePersonalDataKeys`), in the
 * caller's transaction; the count per organisation for its audit.
 */
export async function rotateChannelSecrets(
  client: pg.PoolClient,
  config: Pick<ServerConfig, 'personalDataKeys'>,
  batchSize: number,
): Promise<{ rows: number; perOrg: Map<string, number> }> {
  const current = config.personalDataKeys[0];
  const perOrg = new Map<string, number>();
  if (!current) return { rows: 0, perOrg };
  const rows = await client.query<ClearRow>(
    `SELECT id, org_id, settings, secrets_key_id, secrets_iv, secrets_ciphertext, secrets_tag
       FROM channel_accounts WHERE secrets_key_id <> $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [current.id, batchSize],
  );
  const keys = config.personalDataKeys;
  for (const row of rows.rows) {
    const secrets = openChannelSecrets(row.org_id, row.id, row, keys);
    await client.query(
      sealedUpdate,
      sealedParams(row.id, row.settings, sealChannelSecrets(row.org_id, row.id, secrets, keys)),
    );
    perOrg.set(row.org_id, (perOrg.get(row.org_id) ?? 0) + 1);
  }
  return { rows: rows.rows.length, perOrg };
}
