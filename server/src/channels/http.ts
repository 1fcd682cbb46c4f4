/** Webhook plumbing shared by the adapters: the raw JSON body, secret comparison, source addresses. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIPv4 } from 'node:net';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { ApiError } from '../http/errors';
import { parseStorableJson } from '../http/json';
import type { NormalisedEvent } from './events';

/** Networks send small JSON events; anything larger is refused before parsing (413). */
const webhookBodyLimit = 256 * 1024;

/** The body as the network sent it (stored verbatim) and parsed. */
export interface RawJsonBody {
  text: string;
  json: unknown;
}

/** Registers, in the channels plugin's scope only, a JSON parser that keeps the raw text. */
export function installRawJsonParser(app: FastifyInstance, bodyLimit = webhookBodyLimit): void {
  app.removeContentTypeParser('application/json');
  // Nesting depth is checked before parsing; U+0000 and unpaired surrogates, which PostgreSQL
  // cannot store, become U+FFFD so a citizen's message is kept (http/json.ts).
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (_request, body, done) => {
    try {
      done(null, parseStorableJson(String(body)) satisfies RawJsonBody);
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

/**
 * The adapter's reading of an authenticated webhook body or a polled update. One it cannot read (a
 * shape no network sends, or an adapter bug) is stored raw and acknowledged as `ignored`, keyed by
 * its hash so a redelivery is absorbed, and logged: answered 5xx, the network would resend it for
 * good; thrown in a poller, it would hold the channel's cursor, and every message after it, for good.
 */
export function readNetworkEvent<T extends NormalisedEvent | null>(
  log: FastifyBaseLogger,
  raw: string,
  read: () => T,
): T | NormalisedEvent {
  try {
    return read();
  } catch (error) {
    log.error({ err: error }, 'network event could not be read; stored raw and acknowledged');
    const digest = createHash('sha256').update(raw).digest('hex');
    return { kind: 'ignored', externalId: `unreadable:${digest}`, reason: 'unreadable' };
  }
}

export function rawBody(body: unknown): RawJsonBody {
  const raw = body as RawJsonBody | undefined;
  if (!raw || typeof raw.text !== 'string')
    throw new ApiError(415, 'unsupported_media_type', 'Send application/json');
  return raw;
}

/** Constant-time comparison (hashing first makes the lengths equal). */
export function secretEquals(given: string | undefined | null, expected: string | null): boolean {
  if (!expected || typeof given !== 'string') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
}

/** Whether `ip` is inside one of the CIDR blocks (IPv4; IPv6 only by exact address). Empty list = any. */
export function sourceAllowed(ip: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const address = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  return allowed.some((block) => {
    const [base = '', bitsText] = block.split('/');
    if (!isIPv4(base) || !isIPv4(address)) return base.toLowerCase() === address.toLowerCase();
    const bits = bitsText === undefined ? 32 : Number(bitsText);
    if (bits === 0) return true;
    const mask = bits >= 32 ? 0xffffffff : (~((1 << (32 - bits)) - 1) >>> 0) >>> 0;
    return (ipv4ToInt(base) & mask) === (ipv4ToInt(address) & mask);
  });
}

export const rejected = (status: 401 | 403 | 404, message: string) =>
  new ApiError(status, status === 404 ? 'not_found' : 'webhook_rejected', message);
