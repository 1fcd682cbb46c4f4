/**
 * The Telegram Bot API (docs/CHANNELS.md §3): where a method lives (also for the outbox's sender,
 * ./send.ts), and the inbound side's calls, getUpdates (./polling.ts) and getFile.
 */
import type { ChannelAccount } from '../types';

class TelegramApiError extends Error {
  constructor(
    public readonly code: number,
    message: string,
  ) {
    super(`Telegram error ${code}: ${message}`);
    this.name = 'TelegramApiError';
  }
}

/** `<apiRoot>/bot<token>/<method>`: every Bot API call, both directions. */
export function telegramMethodUrl(apiBaseUrl: string, token: string, method: string): string {
  return `${apiBaseUrl}/bot${token}/${method}`;
}

export async function tgCall<T>(
  account: ChannelAccount,
  method: string,
  params: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<T> {
  const response = await fetch(telegramMethodUrl(account.apiBaseUrl, account.apiToken ?? '', method), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
    signal: signal ?? AbortSignal.timeout(5_000),
  });
  const json = (await response.json()) as {
    ok: boolean;
    result?: T;
    error_code?: number;
    description?: string;
  };
  if (!json.ok)
    throw new TelegramApiError(json.error_code ?? response.status, json.description ?? 'request failed');
  return json.result as T;
}

/** The download URL of a file (getFile → /file/bot<token>/<file_path>). */
export async function tgFileUrl(account: ChannelAccount, fileId: string): Promise<string> {
  const file = await tgCall<{ file_path?: string }>(account, 'getFile', { file_id: fileId });
  if (!file.file_path) throw new TelegramApiError(400, 'file has no path');
  return `${account.apiBaseUrl}/file/bot${account.apiToken ?? ''}/${file.file_path}`;
}
