/**
 * A bot's own description from its network — Telegram `getMe`, MAX `GET /me` — asked by
 * «Проверить подключение» (admin/channel-check.ts, which words the answer) and by the link a group
 * chat is pointed to (bot/private-chat-link.ts, which needs the username). One call, two readers;
 * `askNetwork` is the check's other calls too (VK, OK).
 */
import type { ChannelAccount } from './types';

export interface NetworkAnswer {
  status: number;
  /** The parsed JSON, or the first 200 characters of an answer that is not JSON. */
  body: unknown;
}

/** One call to a network's API within `timeoutMs`; rejects when the network cannot be reached. */
export async function askNetwork(url: string, init: RequestInit, timeoutMs: number): Promise<NetworkAnswer> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  const raw = await response.text();
  try {
    return { status: response.status, body: JSON.parse(raw) };
  } catch {
    return { status: response.status, body: raw.slice(0, 200) };
  }
}

/** Asks Telegram or MAX who the bot of `token` is. */
export function askBotIdentity(
  account: Pick<ChannelAccount, 'network' | 'apiBaseUrl'>,
  token: string,
  timeoutMs: number,
): Promise<NetworkAnswer> {
  return account.network === 'telegram'
    ? askNetwork(`${account.apiBaseUrl}/bot${token}/getMe`, {}, timeoutMs)
    : askNetwork(`${account.apiBaseUrl}/me`, { headers: { authorization: token } }, timeoutMs);
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});

/** The bot's username in a successful answer, when it is one a link may carry; null otherwise. */
export function botUsernameOf(network: ChannelAccount['network'], answer: NetworkAnswer): string | null {
  if (answer.status !== 200) return null;
  const body = obj(answer.body);
  const username = network === 'telegram' ? obj(body.result).username : body.username;
  return typeof username === 'string' && /^[A-Za-z0-9_.]{1,64}$/.test(username) ? username : null;
}
