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
 * Where to cut `window` (a text's first `limit` characters): at the last paragraph break, else the
 * last line break, else the last sentence end, else the last space — whichever exists in the
 * window's second half, so no part is left short — else at the limit itself, never between the two
 * halves of a surrogate pair.
 */
function cutAt(window: string, limit: number): number {
  const late = (at: number) => (at > limit / 2 ? at : -1);
  const sentenceEnd = Math.max(
    ...[...window.matchAll(/[.!?…]["»)]*\s/g)].map((m) => m.index + m[0].length - 1),
  );
  for (const at of [
    window.lastIndexOf('\n\n'),
    window.lastIndexOf('\n'),
    sentenceEnd,
    window.lastIndexOf(' '),
  ])
    if (late(at) > 0) return at;
  const code = window.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

/**
 * Splits a text into parts of at most `limit` characters (UTF-16 code units, as Telegram counts;
 * never more code points either), on paragraph, line, sentence or word boundaries in that order of
 * preference, so an answer longer than the network allows arrives whole, in order, readable.
 */
export function splitText(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const at = cutAt(rest.slice(0, limit), limit);
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
