/**
 * Access tokens: `v1.<payload>.<signature>`, payload = base64url JSON claims, signature =
 * HMAC-SHA256 over `v1.<payload>` with the server secret. Short-lived; role and departments are
 * NOT in the token but read from the database on every request, so a demotion or a move between
 * departments takes effect at once. Refresh tokens are opaque random strings; only their SHA-256
 * is stored.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface AccessClaims {
  /** user id */
  sub: string;
  /** organisation id */
  org: string;
  /** session (refresh-token family) id: revoking the session invalidates the token */
  sid: string;
  /** device id given at login */
  dev: string | null;
  /** token id: unique per issued token */
  jti: string;
  /** issued at / expires at, Unix seconds */
  iat: number;
  exp: number;
}

export type VerifyResult =
  | { ok: true; claims: AccessClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

const version = 'v1';

function sign(data: string, secret: Buffer): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

export function signAccessToken(claims: AccessClaims, secret: Buffer): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signed = `${version}.${payload}`;
  return `${signed}.${sign(signed, secret).toString('base64url')}`;
}

export function verifyAccessToken(token: string, secret: Buffer, nowSeconds: number): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== version || !parts[1] || !parts[2])
    return { ok: false, reason: 'malformed' };
  const expected = sign(`${parts[0]}.${parts[1]}`, secret);
  const actual = Buffer.from(parts[2], 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    return { ok: false, reason: 'bad_signature' };
  }
  let claims: AccessClaims;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string' || typeof claims.exp !== 'number') {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.exp <= nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

export function newTokenId(): string {
  return randomBytes(12).toString('base64url');
}

export function newRefreshToken(): string {
  return `rt1.${randomBytes(32).toString('base64url')}`;
}

export function hashRefreshToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
