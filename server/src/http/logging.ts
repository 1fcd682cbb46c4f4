/**
 * One logger (Fastify's pino). Logs never contain passwords, tokens or passport data: request
 * bodies are not logged, credentials in headers are redacted, token-like query parameters are
 * masked in URLs (EventSource streams cannot send headers), and any object logged with such field
 * names — at any of the first three levels — is redacted.
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
];

export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-refresh-token"]',
  'res.headers["set-cookie"]',
  ...secretKeys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

const tokenInQuery = /([?&](?:access_token|token|refresh_token|refreshToken|accessToken)=)[^&#]*/gi;

export function maskUrl(url: string): string {
  return url.replace(tokenInQuery, '$1[REDACTED]');
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
      req(request: { method: string; url: string; ip?: string; id?: string }) {
        return { method: request.method, url: maskUrl(request.url), remoteAddress: request.ip };
      },
    },
  };
}
