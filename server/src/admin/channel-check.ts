/**
 * «Проверить подключение»: one harmless call to the network with the account's stored credentials,
 * answered as a code the desktop words in Russian or English (`admin:channels.check.*`):
 *   Telegram `getMe`, VK `groups.getLongPollServer` of the community, MAX `GET /me`, OK
 *   `GET /graph/me/subscriptions`, a mailbox's IMAP login (then logout). Portal sources push to us:
 *   nothing to call.
 * The calls are the ones the channels make themselves: the mail poller's IMAP client
 * (channels/email/poller.ts) and the bot identity call (channels/bot-identity.ts).
 * The token never leaves this module except to the network; the answer names the network's own
 * description (no secret in it) for the administrator to quote to support.
 */
import { askBotIdentity, askNetwork } from '../channels/bot-identity';
import { imapClient, imapSettings } from '../channels/email/poller';
import type { ChannelAccount } from '../channels/types';

export type CheckCode =
  | 'ok'
  | 'no_token'
  | 'unauthorized'
  | 'not_found'
  | 'unreachable'
  | 'network_error'
  | 'no_mailbox_settings'
  | 'not_applicable';

export interface ConnectionCheck {
  code: CheckCode;
  ok: boolean;
  /** The name the network gives the bot/community/mailbox when the check passed. */
  name?: string;
  /** The network's own words on a failure (HTTP status and description), for support. */
  detail?: string;
}

const timeoutMs = 10_000;

const getJson = (url: string, init: RequestInit = {}) => askNetwork(url, init, timeoutMs);

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const failed = (code: CheckCode, detail: string): ConnectionCheck => ({ code, ok: false, detail });
const byStatus = (status: number, detail: string): ConnectionCheck =>
  failed(
    status === 401 || status === 403 ? 'unauthorized' : status === 404 ? 'not_found' : 'network_error',
    detail,
  );

async function telegram(account: ChannelAccount, token: string): Promise<ConnectionCheck> {
  const { status, body } = await askBotIdentity(account, token, timeoutMs);
  const answer = obj(body);
  if (answer.ok === true) {
    const bot = obj(answer.result);
    return { code: 'ok', ok: true, name: String(bot.username ?? bot.first_name ?? '') };
  }
  return byStatus(
    Number(answer.error_code ?? status),
    `${status} ${String(answer.description ?? '')}`.trim(),
  );
}

async function vk(account: ChannelAccount, token: string): Promise<ConnectionCheck> {
  const form = new URLSearchParams({ group_id: account.accountId, v: '5.199' });
  const { status, body } = await getJson(`${account.apiBaseUrl}/groups.getLongPollServer`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  const answer = obj(body);
  if (answer.response) return { code: 'ok', ok: true, name: account.accountId };
  const error = obj(answer.error);
  const code = Number(error.error_code ?? 0);
  const detail = `${code || status} ${String(error.error_msg ?? '')}`.trim();
  // VK: 5 — authorisation failed, 15/27 — access denied / group token needed, 100 — wrong group id.
  if (code === 5 || code === 15 || code === 27) return failed('unauthorized', detail);
  if (code === 100) return failed('not_found', detail);
  return byStatus(status, detail);
}

async function max(account: ChannelAccount, token: string): Promise<ConnectionCheck> {
  const { status, body } = await askBotIdentity(account, token, timeoutMs);
  const answer = obj(body);
  if (status === 200) return { code: 'ok', ok: true, name: String(answer.name ?? answer.username ?? '') };
  return byStatus(status, `${status} ${String(answer.message ?? answer.code ?? '')}`.trim());
}

async function ok(account: ChannelAccount, token: string): Promise<ConnectionCheck> {
  const { status, body } = await getJson(
    `${account.apiBaseUrl}/graph/me/subscriptions?access_token=${encodeURIComponent(token)}`,
  );
  const answer = obj(body);
  if (status === 200 && answer.error_code === undefined)
    return { code: 'ok', ok: true, name: account.accountId };
  const code = Number(answer.error_code ?? status);
  // OK: 102 — session expired, 103/104 — invalid session key or signature.
  const detail = `${code} ${String(answer.error_msg ?? '')}`.trim();
  return code === 102 || code === 103 || code === 104
    ? failed('unauthorized', detail)
    : byStatus(status, detail);
}

async function mailbox(account: ChannelAccount): Promise<ConnectionCheck> {
  let settings: ReturnType<typeof imapSettings>;
  try {
    settings = imapSettings(account);
  } catch {
    return failed('no_mailbox_settings', 'settings.imap.host/user');
  }
  const client = imapClient(settings, timeoutMs);
  client.on('error', () => {});
  try {
    await client.connect();
    await client.logout();
    return { code: 'ok', ok: true, name: settings.user };
  } catch (error) {
    const e = error as { authenticationFailed?: boolean; code?: string; message?: string };
    if (e.authenticationFailed) return failed('unauthorized', 'IMAP LOGIN');
    return failed('unreachable', e.code ?? 'IMAP');
  }
}

/** Calls the network with the account's credentials; never throws. */
export async function checkChannelConnection(account: ChannelAccount): Promise<ConnectionCheck> {
  if (account.network === 'portal') return { code: 'not_applicable', ok: true };
  if (account.network === 'email') return mailbox(account);
  const token = account.apiToken;
  if (!token) return failed('no_token', '');
  try {
    if (account.network === 'telegram') return await telegram(account, token);
    if (account.network === 'vk') return await vk(account, token);
    if (account.network === 'max') return await max(account, token);
    return await ok(account, token);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return failed('unreachable', cause?.code ?? (error as Error).name);
  }
}
