/**
 * The VK API client (docs/CHANNELS.md §1.4), one for both directions: the inbound side's users.get
 * and groups.getLongPollServer (./polling.ts), and the outbox sender's messages.send and document
 * upload (./send.ts).
 */
import { jsonBody, request } from '../../outbox/sending';
import type { ChannelAccount } from '../types';

const vkApiVersion = '5.199';

class VkApiError extends Error {
  constructor(
    public readonly code: number,
    message: string,
  ) {
    super(`VK error ${code}: ${message}`);
    this.name = 'VkApiError';
  }
}

type VkAnswer<T> = { response: T } | { error: { error_code: number; error_msg?: string } };

/**
 * One call of a VK API method: a form POST with the community token as Bearer, the answer or VK's
 * error. Network failures and non-JSON answers throw TransportError (../../outbox/sending.ts).
 */
export async function vkMethod<T = unknown>(
  apiBaseUrl: string,
  token: string,
  method: string,
  params: Record<string, string | number>,
  signal?: AbortSignal,
): Promise<VkAnswer<T>> {
  const body = new URLSearchParams({
    ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
    v: vkApiVersion,
  });
  const response = await request(
    `${apiBaseUrl}/${method}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    },
    signal,
  );
  return (await jsonBody(response)) as VkAnswer<T>;
}

/** A method's result for the inbound side; VK's errors (and an answer without one) throw VkApiError. */
export async function vkCall<T>(
  account: ChannelAccount,
  method: string,
  params: Record<string, string | number>,
  signal?: AbortSignal,
): Promise<T> {
  const json = await vkMethod<T>(
    account.apiBaseUrl,
    account.apiToken ?? '',
    method,
    params,
    signal ?? AbortSignal.timeout(5_000),
  );
  if ('error' in json) throw new VkApiError(json.error.error_code, json.error.error_msg ?? '');
  if (!('response' in json)) throw new VkApiError(0, `unexpected answer to ${method}`);
  return json.response;
}

const nameCache = new Map<string, { name: string; until: number }>();
const nameTtlMs = 60 * 60 * 1000;
/** After a failed users.get, an account's messages go without names for a minute instead of each waiting. */
const failedUntil = new Map<string, number>();
const failurePauseMs = 60_000;

/** Profile names by user id (cached an hour); ids VK does not know are left out. */
export async function vkUserNames(account: ChannelAccount, userIds: string[]): Promise<Map<string, string>> {
  const now = Date.now();
  const names = new Map<string, string>();
  const missing: string[] = [];
  for (const id of new Set(userIds)) {
    const hit = nameCache.get(`${account.id}:${id}`);
    if (hit && hit.until > now) names.set(id, hit.name);
    else if (/^\d+$/.test(id)) missing.push(id);
  }
  if (missing.length > 0 && (failedUntil.get(account.id) ?? 0) <= now) {
    const users = await vkCall<{ id: number; first_name: string; last_name: string; deactivated?: string }[]>(
      account,
      'users.get',
      { user_ids: missing.join(',') },
      AbortSignal.timeout(3_000),
    ).catch((error: unknown) => {
      failedUntil.set(account.id, now + failurePauseMs);
      throw error;
    });
    for (const user of users) {
      if (user.deactivated) continue;
      const name = `${user.first_name} ${user.last_name}`.trim();
      if (nameCache.size > 50_000) nameCache.clear();
      nameCache.set(`${account.id}:${user.id}`, { name, until: now + nameTtlMs });
      names.set(String(user.id), name);
    }
  }
  return names;
}
