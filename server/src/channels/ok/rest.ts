/**
 * OK's REST API (issue 13; docs/CHANNELS.md §7 «Comments under posts», OK): the group's topics and
 * their comments are not in the Bot API, only here. `GET {api_server}fb.do?method=<name>` with
 * `application_key`, `format=json`, the method's parameters, `access_token` and `sig`
 * (apiok.ru/en/dev/methods, «Calculating request signature»): the parameters but the session
 * sorted by key, joined as `key=value` with nothing between, followed by the session secret
 * `md5(access_token + application_secret_key)` (lower case); `sig` is the MD5 of that, lower case.
 *
 * The account's REST credentials live in `settings.rest = { applicationKey, applicationSecretKey,
 * accessToken, apiServer? }`: the three keys match `secretSettingKey` and are sealed at rest
 * (../secrets.ts) like every channel secret. Errors come as `{error_code, error_msg, error_data}`
 * (apiok.ru/dev/errors, the format the Bot API fake already speaks).
 */
import { createHash } from 'node:crypto';
import type { ChannelAccount } from '../types';

export interface OkRestCredentials {
  applicationKey: string;
  applicationSecretKey: string;
  accessToken: string;
  /** `https://api.ok.ru/` unless configured (the fake in tests). */
  apiServer: string;
}

const defaultApiServer = 'https://api.ok.ru/';
const timeoutMs = 15_000;

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

/** The account's REST credentials; null when any of the three is missing. */
export function okRestCredentials(
  settings: Readonly<Record<string, unknown>> | undefined,
): OkRestCredentials | null {
  const rest = settings?.rest;
  if (typeof rest !== 'object' || rest === null) return null;
  const r = rest as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const applicationKey = text(r.applicationKey);
  const applicationSecretKey = text(r.applicationSecretKey);
  const accessToken = text(r.accessToken);
  if (!applicationKey || !applicationSecretKey || !accessToken) return null;
  const server = text(r.apiServer) || defaultApiServer;
  return {
    applicationKey,
    applicationSecretKey,
    accessToken,
    apiServer: server.endsWith('/') ? server : `${server}/`,
  };
}

/** True when the account reads comments through the REST API. */
export const readsOkComments = (account: ChannelAccount): boolean =>
  account.network === 'ok' && okRestCredentials(account.settings) !== null;

/** `sig` of a call in session (the parameters without `access_token`/`session_key`). */
export function okSignature(
  params: Readonly<Record<string, string>>,
  accessToken: string,
  secretKey: string,
): string {
  const sessionSecret = md5(accessToken + secretKey).toLowerCase();
  const joined = Object.keys(params)
    .filter((key) => key !== 'access_token' && key !== 'session_key' && key !== 'sig')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('');
  return md5(joined + sessionSecret).toLowerCase();
}

/** OK's error answer, kept whole for the channel's status. */
export class OkRestError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
  ) {
    super(`ok ${code}: ${description}`);
    this.name = 'OkRestError';
  }
}

/** One REST call; the method's answer, or an `OkRestError` with OK's code and words. */
export async function okRestCall<T>(
  credentials: OkRestCredentials,
  method: string,
  params: Readonly<Record<string, string>>,
  signal?: AbortSignal,
): Promise<T> {
  const signed: Record<string, string> = {
    ...params,
    application_key: credentials.applicationKey,
    format: 'json',
    method,
  };
  signed.sig = okSignature(signed, credentials.accessToken, credentials.applicationSecretKey);
  const query = new URLSearchParams({ ...signed, access_token: credentials.accessToken });
  const response = await fetch(`${credentials.apiServer}fb.do?${query.toString()}`, {
    method: 'GET',
    signal: signal
      ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)])
      : AbortSignal.timeout(timeoutMs),
  });
  const body = (await response.json().catch(() => null)) as unknown;
  if (typeof body === 'object' && body !== null && 'error_code' in body) {
    const error = body as { error_code: unknown; error_msg?: unknown };
    throw new OkRestError(Number(error.error_code), String(error.error_msg ?? ''));
  }
  if (!response.ok) throw new OkRestError(0, `HTTP ${response.status}`);
  return body as T;
}
