/** The few VK API calls the inbound side needs (docs/CHANNELS.md §1.4): users.get, groups.getLongPollServer. */
import type { ChannelAccount } from '../types';

export const vkApiVersion = '5.199';

export class VkApiError extends Error {
  constructor(
    public readonly code: number,
    message: string,
  ) {
    super(`VK error ${code}: ${message}`);
    this.name = 'VkApiError';
  }
}

export async function vkCall<T>(
  account: ChannelAccount,
  method: string,
  params: Record<string, string | number>,
  signal?: AbortSignal,
): Promise<T> {
  const body = new URLSearchParams({
    ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
    v: vkApiVersion,
  });
  const response = await fetch(`${account.apiBaseUrl}/${method}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${account.apiToken ?? ''}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body,
    signal: signal ?? AbortSignal.timeout(5_000),
  });
  const json = (await response.json()) as { response?: T; error?: { error_code: number; error_msg: string } };
  if (json.error) throw new VkApiError(json.error.error_code, json.error.error_msg);
  if (!('response' in json)) throw new VkApiError(0, `unexpected answer to ${method}`);
  return json.response as T;
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
