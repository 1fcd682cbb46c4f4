/**
 * Signing in without the server, for a limited time after the last online sign-in (staff in
 * settlements with no link for days). After an online sign-in the desktop keeps a verifier of the
 * password — PBKDF2-SHA-256 with a random salt and many iterations, via WebCrypto — never the password.
 * Offline, the same derivation must reproduce it. The verifier expires `offlineLoginDays` after the last
 * online sign-in; signing out with "wipe local data" removes it.
 */
import type { SessionUser } from '../api/client';

const offlineLoginDays = 7;
const iterations = 210_000;
const prefix = 'okno.offline.';

interface StoredVerifier {
  readonly user: SessionUser;
  readonly salt: string;
  readonly iterations: number;
  readonly hash: string;
  /** The last online sign-in (epoch ms). */
  readonly onlineAt: number;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const normalisedLogin = (login: string) => login.trim().toLowerCase();

async function derive(password: string, salt: Uint8Array, rounds: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations: rounds },
    key,
    256,
  );
  return toBase64(new Uint8Array(bits));
}

/** Constant-time comparison of two base64 strings of equal length. */
function sameSecret(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

export async function rememberOfflineLogin(
  storage: Storage,
  login: string,
  password: string,
  user: SessionUser,
  now = Date.now(),
): Promise<void> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const verifier: StoredVerifier = {
    user,
    salt: toBase64(salt),
    iterations,
    hash: await derive(password, salt, iterations),
    onlineAt: now,
  };
  storage.setItem(prefix + normalisedLogin(login), JSON.stringify(verifier));
}

export type OfflineLoginResult =
  | { readonly ok: true; readonly user: SessionUser }
  | { readonly ok: false; readonly reason: 'unknown' | 'expired' | 'wrong-password' };

export async function verifyOfflineLogin(
  storage: Storage,
  login: string,
  password: string,
  now = Date.now(),
): Promise<OfflineLoginResult> {
  const raw = storage.getItem(prefix + normalisedLogin(login));
  if (!raw) return { ok: false, reason: 'unknown' };
  let verifier: StoredVerifier;
  try {
    verifier = JSON.parse(raw) as StoredVerifier;
  } catch {
    return { ok: false, reason: 'unknown' };
  }
  if (now - verifier.onlineAt > offlineLoginDays * 24 * 3_600_000) return { ok: false, reason: 'expired' };
  const hash = await derive(password, fromBase64(verifier.salt), verifier.iterations);
  return sameSecret(hash, verifier.hash)
    ? { ok: true, user: verifier.user }
    : { ok: false, reason: 'wrong-password' };
}

/** Removes every stored verifier of `userId` (sign-out with wiping local data). */
export function forgetOfflineLogin(storage: Storage, userId: string): void {
  for (let i = storage.length - 1; i >= 0; i--) {
    const key = storage.key(i);
    if (!key?.startsWith(prefix)) continue;
    try {
      if ((JSON.parse(storage.getItem(key) ?? '{}') as StoredVerifier).user?.id === userId)
        storage.removeItem(key);
    } catch {
      storage.removeItem(key);
    }
  }
}

/** Removes the verifiers of everyone who signed in on this computer (switching to another server). */
export function forgetEveryOfflineLogin(storage: Storage): void {
  for (let i = storage.length - 1; i >= 0; i--) {
    const key = storage.key(i);
    if (key?.startsWith(prefix)) storage.removeItem(key);
  }
}
