/**
 * Server configuration from the environment. Everything is validated up front so that a bad
 * deployment fails at start with one clear message instead of at the first request.
 *
 * Secrets (token secret, personal-data keys, the embedded cluster's password) come from the
 * environment. When the server runs on its embedded PostgreSQL (no DATABASE_URL) missing secrets
 * are generated once and kept in `${DATA_DIR}/secrets.json` (mode 0600), so `npm start` needs
 * nothing configured. With an external DATABASE_URL the secrets must be given explicitly: a
 * production server must never invent its own keys.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PersonalDataKey } from './personal-data/keyring';

export interface ServerConfig {
  host: string;
  port: number;
  /** Folder for the embedded cluster and generated secrets. Absolute. */
  dataDir: string;
  /** External PostgreSQL; null means "start the embedded one in dataDir". */
  databaseUrl: string | null;
  /** Preferred port of the embedded cluster; a free one is picked when it is busy. */
  embeddedPgPort: number;
  /** Password of the embedded cluster's superuser (generated and persisted). */
  embeddedPgPassword: string;
  /** HMAC-SHA256 key for access tokens. */
  tokenSecret: Buffer;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  /** AES-256-GCM keys for personal data; the first one encrypts, all of them decrypt. */
  personalDataKeys: PersonalDataKey[];
  /** HMAC key of the passport matching hash; independent of the encryption keys so rotation keeps matches. */
  personalDataHashKey: Buffer;
  logLevel: LogLevel;
  bodyLimitBytes: number;
  /** How long shutdown waits for in-flight requests before closing their sockets. */
  shutdownGraceMs: number;
  /**
   * Hours of silence after which an unfinished filing in the citizen bot is discarded, its passport
   * deleted (docs/DOMAIN.md, "Personal data"); the citizen is told at their next message.
   */
  wizardIdleHours: number;
  /** Seconds after an answered appeal's answer reached a chat before the bot asks «Помог ли ответ?». */
  verdictDelaySeconds: number;
  demo: boolean;
  /** With `demo`: also fill the demo inbox with appeals (OKNO_DEMO_APPEALS=0 leaves it empty). */
  demoAppeals: boolean;
  /**
   * Load balancers whose X-Forwarded-For is believed (OKNO_TRUSTED_PROXIES: addresses or CIDR ranges,
   * comma-separated). Behind them the login throttle and the channels' allowed sources see the
   * client's address; a request straight from anywhere else keeps its own. Empty: nobody is believed.
   */
  trustedProxies?: string[];
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid server configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

type Env = Record<string, string | undefined>;

interface PersistedSecrets {
  tokenSecret?: string;
  personalDataKeys?: string;
  personalDataHashKey?: string;
  embeddedPgPassword?: string;
}

/** Reads the configuration; `argv` flags (`--demo`) override the environment. */
export function loadConfig(env: Env = process.env, argv: readonly string[] = []): ServerConfig {
  const problems: string[] = [];
  const dataDir = path.resolve(repoRoot, env.DATA_DIR?.trim() || '.data');
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }

  const secrets = databaseUrl === null ? loadOrCreateSecrets(dataDir, env) : {};
  const tokenSecretText = env.OKNO_TOKEN_SECRET?.trim() || secrets.tokenSecret;
  const pdKeysText = env.OKNO_PD_KEYS?.trim() || secrets.personalDataKeys;
  const pdHashKeyText = env.OKNO_PD_HASH_KEY?.trim() || secrets.personalDataHashKey;

  let tokenSecret = Buffer.alloc(0);
  if (!tokenSecretText) problems.push('OKNO_TOKEN_SECRET is required when DATABASE_URL is set');
  else if (Buffer.byteLength(tokenSecretText) < 32)
    problems.push('OKNO_TOKEN_SECRET must be at least 32 characters');
  else tokenSecret = Buffer.from(tokenSecretText, 'utf8');

  let personalDataKeys: PersonalDataKey[] = [];
  if (!pdKeysText) problems.push('OKNO_PD_KEYS is required when DATABASE_URL is set');
  else {
    const parsed = parsePersonalDataKeys(pdKeysText);
    if (typeof parsed === 'string') problems.push(parsed);
    else personalDataKeys = parsed;
  }

  let personalDataHashKey = Buffer.alloc(0);
  if (!pdHashKeyText) problems.push('OKNO_PD_HASH_KEY is required when DATABASE_URL is set');
  else {
    personalDataHashKey = Buffer.from(pdHashKeyText, 'base64');
    if (personalDataHashKey.length < 32)
      problems.push('OKNO_PD_HASH_KEY must be base64 of at least 32 bytes');
  }

  const logLevel = (env.OKNO_LOG_LEVEL?.trim() || 'info') as LogLevel;
  if (!logLevels.includes(logLevel)) problems.push(`OKNO_LOG_LEVEL must be one of ${logLevels.join(', ')}`);

  const config: ServerConfig = {
    host: env.HOST?.trim() || '127.0.0.1',
    port: integer(env, 'PORT', 8787, 0, 65535, problems),
    dataDir,
    databaseUrl,
    embeddedPgPort: integer(env, 'OKNO_PG_PORT', 54329, 1, 65535, problems),
    embeddedPgPassword: secrets.embeddedPgPassword ?? '',
    tokenSecret,
    accessTtlSeconds: integer(env, 'OKNO_ACCESS_TTL_SECONDS', 15 * 60, 10, 24 * 3600, problems),
    refreshTtlSeconds: integer(
      env,
      'OKNO_REFRESH_TTL_SECONDS',
      30 * 24 * 3600,
      60,
      365 * 24 * 3600,
      problems,
    ),
    personalDataKeys,
    personalDataHashKey,
    logLevel,
    bodyLimitBytes: integer(env, 'OKNO_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024, problems),
    shutdownGraceMs: integer(env, 'OKNO_SHUTDOWN_GRACE_MS', 10_000, 0, 120_000, problems),
    wizardIdleHours: integer(env, 'OKNO_WIZARD_IDLE_HOURS', 24, 1, 30 * 24, problems),
    verdictDelaySeconds: integer(env, 'OKNO_VERDICT_DELAY_SECONDS', 60, 0, 7 * 24 * 3600, problems),
    demo: env.OKNO_DEMO === '1' || env.OKNO_DEMO === 'true' || argv.includes('--demo'),
    demoAppeals: env.OKNO_DEMO_APPEALS !== '0' && env.OKNO_DEMO_APPEALS !== 'false',
    trustedProxies: addressList(env, 'OKNO_TRUSTED_PROXIES', problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** `keyId:base64key32bytes[,keyId:base64key…]`, first is current. */
export function parsePersonalDataKeys(text: string): PersonalDataKey[] | string {
  const keys: PersonalDataKey[] = [];
  for (const part of text.split(',').map((p) => p.trim())) {
    const separator = part.indexOf(':');
    const id = part.slice(0, separator);
    if (separator <= 0 || !/^[A-Za-z0-9_.-]{1,32}$/.test(id)) {
      return 'OKNO_PD_KEYS must be comma-separated keyId:base64key entries (keyId of letters, digits, _ . -)';
    }
    const key = Buffer.from(part.slice(separator + 1), 'base64');
    if (key.length !== 32) return `OKNO_PD_KEYS: key "${id}" must be base64 of exactly 32 bytes`;
    if (keys.some((k) => k.id === id)) return `OKNO_PD_KEYS: key id "${id}" is listed twice`;
    keys.push({ id, key });
  }
  return keys;
}

/** Comma-separated IP addresses or CIDR ranges (`10.0.0.5`, `10.0.0.0/24`, `::1`). */
function addressList(env: Env, name: string, problems: string[]): string[] {
  const entries = (env[name] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of entries) {
    const [address = '', bits, ...rest] = entry.split('/');
    const version = isIP(address);
    const prefix = bits === undefined ? null : Number(bits);
    const widest = version === 6 ? 128 : 32;
    if (
      version === 0 ||
      rest.length > 0 ||
      (prefix !== null && (!Number.isInteger(prefix) || prefix < 0 || prefix > widest || bits === ''))
    ) {
      problems.push(`${name}: "${entry}" is not an IP address or CIDR range`);
    }
  }
  return entries;
}

function integer(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

/**
 * Embedded mode only: secrets the environment does not give are generated once and persisted,
 * so restarts keep tokens valid and encrypted data readable.
 */
function loadOrCreateSecrets(dataDir: string, env: Env): PersistedSecrets {
  ensureDataDir(dataDir);
  const file = path.join(dataDir, 'secrets.json');
  const stored: PersistedSecrets = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const next: PersistedSecrets = { ...stored };
  if (!env.OKNO_TOKEN_SECRET && !next.tokenSecret) next.tokenSecret = randomBytes(48).toString('base64url');
  if (!env.OKNO_PD_KEYS && !next.personalDataKeys) {
    next.personalDataKeys = `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}:${randomBytes(32).toString('base64')}`;
  }
  if (!env.OKNO_PD_HASH_KEY && !next.personalDataHashKey) {
    next.personalDataHashKey = randomBytes(32).toString('base64');
  }
  if (!next.embeddedPgPassword) next.embeddedPgPassword = randomBytes(24).toString('base64url');
  if (JSON.stringify(next) !== JSON.stringify(stored)) {
    writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  return next;
}

/**
 * The data folder holds secrets, so others may not list it; but when we run as root the embedded
 * PostgreSQL runs as the `postgres` user and must be able to traverse into its cluster folder.
 */
export function ensureDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o711);
}
