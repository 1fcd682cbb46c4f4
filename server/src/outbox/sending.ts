/**
 * Helpers every network sender shares: one HTTP client (fetch with a timeout), text splitting to
 * the network's length limit, and the shape of transient failures.
 */
import type { OutboxAttachment, SendOutcome } from './types';

const requestTimeoutMs = 15_000;

class TransportError extends Error {}

/** fetch with a timeout (or the caller's signal); network failures become TransportError (always retried). */
export async function request(
  url: string,
  init: RequestInit,
  signal: AbortSignal = AbortSignal.timeout(requestTimeoutMs),
): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal });
  } catch (error) {
    throw new TransportError(error instanceof Error ? error.message : String(error));
  }
}

/** Reads a JSON body; anything else is a transient failure of the network's front end. */
export async function jsonBody(response: Response): Promise<Record<string, unknown>> {
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'object' && parsed !== null) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new TransportError(`HTTP ${response.status}: not JSON`);
}

/**
 * Splits a text into parts of at most `limit` characters, preferring paragraph, line and word
 * boundaries, so an answer longer than the network allows arrives whole, in order.
 */
export function splitText(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    const cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const at = cut > limit / 2 ? cut : limit;
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}

export function fileBlob(attachment: OutboxAttachment): Blob {
  return new Blob([Buffer.from(attachment.contentBase64, 'base64')], { type: attachment.mimeType });
}

/** Seconds from a `Retry-After` header, as milliseconds. */
export function retryAfterHeader(response: Response): number | null {
  const value = Number(response.headers.get('retry-after'));
  return Number.isFinite(value) && value > 0 ? value * 1000 : null;
}

export const retry = (error: string, afterMs: number | null, partsSent: number): SendOutcome => ({
  kind: 'retry',
  error,
  afterMs,
  partsSent,
});

/** Runs the parts from `partsSent` on; stops at the first part that does not go through. */
export async function sendParts(
  parts: number,
  partsSent: number,
  sendPart: (index: number) => Promise<SendOutcome>,
): Promise<SendOutcome> {
  let last: SendOutcome = { kind: 'sent', networkMessageId: null };
  for (let index = partsSent; index < parts; index++) {
    try {
      last = await sendPart(index);
    } catch (error) {
      if (error instanceof TransportError) return retry(`transport: ${error.message}`, null, index);
      throw error;
    }
    if (last.kind !== 'sent') return { ...last, partsSent: index } as SendOutcome;
  }
  return last;
}
