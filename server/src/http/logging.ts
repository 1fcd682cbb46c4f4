/**
 * One logger (Fastify's pino). Logs never contain passwords, tokens or passport data: request
 * bodies are not logged, credentials in headers are redacted, token-like query parameters are
 * masked in URLs (EventSource streams cannot send headers), so is the unguessable webhook path
 * segment of /api/v1/channels/<network>/<path token> (for OK it is the only credential) — in the
 * request line and in any message text — and any object logged with such field names, at any of
 * the first three levels, is redacted.
 *
 * Nor do logs carry message texts or row values (finding 3): every logged error (`err`) goes
 * through `safeError`, which keeps what says what failed and drops what may quote data.
 */
import type { FastifyServerOptions } from 'fastify';
import type { LogLevel } from '../config';

const secretKeys = [
  'password',
  'newPassword',
  'passwordHash',
  'password_hash',
  'accessToken',
  'refreshToken',
  'token',
  'access_token',
  'refresh_token',
  'authorization',
  'cookie',
  'passport',
  'series',
  'number',
  'passportSeries',
  'passportNumber',
  'ciphertext',
  'secret',
  'tokenSecret',
  'apiToken',
  'api_token',
  'webhookSecret',
  'confirmationCode',
];

const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-refresh-token"]',
  'res.headers["set-cookie"]',
  ...secretKeys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

const tokenInQuery = /([?&](?:access_token|token|refresh_token|refreshToken|accessToken)=)[^&#]*/gi;

/** The webhook path token: everything after /api/v1/channels/<network>/ up to the query. */
const webhookPathToken = /(\/api\/v1\/channels\/[^/?#\s]+\/)[^?#\s"]+/gi;

function maskUrl(url: string): string {
  return url.replace(tokenInQuery, '$1[REDACTED]').replace(webhookPathToken, '$1[REDACTED]');
}

/**
 * Fields of an error that say what failed without quoting data. PostgreSQL errors carry row values
 * in `detail` ("Key (…)=(…)"), `where` ("JSON data, line 1: …" — a citizen's message), `hint` and
 * `internalQuery`; our own errors may carry `details`. None of those is kept.
 */
const errorFields = [
  'code',
  'severity',
  'routine',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'statusCode',
] as const;

/** "…: \"4509 777888\"" → "…: \"…\"": PostgreSQL and JSON.parse quote the offending input in messages. */
const quoted = /"(?:[^"\\]|\\.)*"/g;
const withoutQuotes = (text: string) => text.replace(quoted, '"…"');

export interface SafeError {
  [field: string]: unknown;
  type: string;
  message: string;
  stack: string;
}

/** An error as logged: type, message and stack with quoted input masked, the fields above, its cause. */
function safeError(error: unknown, depth = 0): SafeError {
  // Something thrown that is no Error says nothing safely: only its kind is logged.
  if (!(error instanceof Error)) return { type: typeof error, message: '', stack: '' };
  const fields = error as unknown as Record<string, unknown>;
  const safe: SafeError = {
    type: error.constructor?.name ?? 'Error',
    message: withoutQuotes(error.message),
    stack: withoutQuotes(error.stack ?? ''),
  };
  for (const field of errorFields) {
    const value = fields[field];
    if (typeof value === 'string' || typeof value === 'number') safe[field] = value;
  }
  if (error.cause !== undefined && depth < 3) safe.cause = safeError(error.cause, depth + 1);
  if (error instanceof AggregateError && depth < 3)
    safe.errors = error.errors.slice(0, 5).map((inner) => safeError(inner, depth + 1));
  return safe;
}

export interface LogDestination {
  write(message: string): void;
}

export interface LogOptions {
  level?: LogLevel;
  /** Where JSON lines go (default stdout); tests pass a capture stream. */
  stream?: LogDestination;
}

export function loggerOptions(
  level: LogLevel,
  options: LogOptions | false | undefined,
): FastifyServerOptions['logger'] {
  if (options === false) return false;
  return {
    level: options?.level ?? level,
    redact: { paths: redactPaths, censor: '[REDACTED]' },
    ...(options?.stream ? { stream: options.stream } : {}),
    serializers: {
      err: safeError,
      req(request: { method: string; url: string; ip?: string; id?: string }) {
        return { method: request.method, url: maskUrl(request.url), remoteAddress: request.ip };
      },
    },
    hooks: {
      // Message texts (e.g. a framework's "Route POST:/api/v1/channels/ok/<token> not found").
      logMethod(args, method) {
        const masked = args.map((arg) => (typeof arg === 'string' ? maskUrl(arg) : arg));
        method.apply(this, masked as Parameters<typeof method>);
      },
    },
  };
}
