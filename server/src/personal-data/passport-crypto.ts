/**
 * Field-level encryption of personal data with AES-256-GCM: passports here, co-signers' contacts
 * (./co-signers.ts) with the same `sealJson`/`openJson`. The associated data binds each ciphertext
 * to its organisation and owner, so a ciphertext moved to another row — or any changed byte of iv,
 * ciphertext or tag — fails authentication instead of decrypting to garbage.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Passport } from '../../../shared/domain/applicant/passport';
import type { PersonalDataKey } from './keyring';

export type { Passport };

/** A sealed value as stored: the key it is under, and AES-GCM's iv, ciphertext and tag. */
export interface Encrypted {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

export type EncryptedPassport = Encrypted;

export interface PassportOwner {
  orgId: string;
  applicantId: string;
}

export class PersonalDataError extends Error {
  constructor(
    public readonly code: 'invalid_passport' | 'unknown_key' | 'tampered',
    message: string,
  ) {
    super(message);
    this.name = 'PersonalDataError';
  }
}

const associatedData = (owner: PassportOwner) =>
  Buffer.from(`okno:passport:v1:${owner.orgId}:${owner.applicantId}`);

/** Encrypts a JSON value under `key`, bound to `associatedData`; the clear bytes are wiped. */
export function sealJson(key: PersonalDataKey, associatedData: Buffer, value: unknown): Encrypted {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(associatedData);
  const plaintext = Buffer.from(JSON.stringify(value));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  plaintext.fill(0);
  return { keyId: key.id, iv, ciphertext, tag: cipher.getAuthTag() };
}

/** The JSON value `sealJson` sealed; `unknown_key` or `tampered` (naming `what`) when it cannot be. */
export function openJson<T>(
  keys: readonly PersonalDataKey[],
  associatedData: Buffer,
  sealed: Encrypted,
  what: string,
): T {
  const key = keys.find((k) => k.id === sealed.keyId);
  if (!key)
    throw new PersonalDataError('unknown_key', `Personal-data key "${sealed.keyId}" is not configured`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, sealed.iv);
    decipher.setAAD(associatedData);
    decipher.setAuthTag(sealed.tag);
    const plaintext = Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
    const value = JSON.parse(plaintext.toString('utf8')) as T;
    plaintext.fill(0);
    return value;
  } catch {
    throw new PersonalDataError('tampered', `${what} failed authentication`);
  }
}

export function encryptPassport(
  key: PersonalDataKey,
  owner: PassportOwner,
  passport: Passport,
): EncryptedPassport {
  return sealJson(key, associatedData(owner), { s: passport.series, n: passport.number });
}

export function decryptPassport(
  keys: readonly PersonalDataKey[],
  owner: PassportOwner,
  encrypted: EncryptedPassport,
): Passport {
  const value = openJson<{ s: string; n: string }>(
    keys,
    associatedData(owner),
    encrypted,
    'Passport ciphertext',
  );
  return { series: value.s, number: value.n };
}

/**
 * Keyed hash for matching the same passport across applicants without decrypting. HMAC, not a
 * plain hash: 10 digits are too few to resist brute force without a secret key.
 */
export function passportMatchHash(hashKey: Buffer, orgId: string, passport: Passport): Buffer {
  return createHmac('sha256', hashKey).update(`${orgId}:${passport.series}${passport.number}`).digest();
}
