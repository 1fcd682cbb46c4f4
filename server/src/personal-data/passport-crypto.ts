/**
 * Field-level encryption of passport data with AES-256-GCM. The associated data binds each
 * ciphertext to its organisation and applicant, so a ciphertext moved to another row — or any
 * changed byte of iv, ciphertext or tag — fails authentication instead of decrypting to garbage.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Passport } from '../../../shared/domain/applicant/passport';
import type { PersonalDataKey } from './keyring';

export type { Passport };

export interface EncryptedPassport {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

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

export function encryptPassport(
  key: PersonalDataKey,
  owner: PassportOwner,
  passport: Passport,
): EncryptedPassport {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(associatedData(owner));
  const plaintext = Buffer.from(JSON.stringify({ s: passport.series, n: passport.number }));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  plaintext.fill(0);
  return { keyId: key.id, iv, ciphertext, tag: cipher.getAuthTag() };
}

export function decryptPassport(
  keys: readonly PersonalDataKey[],
  owner: PassportOwner,
  encrypted: EncryptedPassport,
): Passport {
  const key = keys.find((k) => k.id === encrypted.keyId);
  if (!key)
    throw new PersonalDataError('unknown_key', `Personal-data key "${encrypted.keyId}" is not configured`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, encrypted.iv);
    decipher.setAAD(associatedData(owner));
    decipher.setAuthTag(encrypted.tag);
    const plaintext = Buffer.concat([decipher.update(encrypted.ciphertext), decipher.final()]);
    const value = JSON.parse(plaintext.toString('utf8')) as { s: string; n: string };
    plaintext.fill(0);
    return { series: value.s, number: value.n };
  } catch {
    throw new PersonalDataError('tampered', 'Passport ciphertext failed authentication');
  }
}

/**
 * Keyed hash for matching the same passport across applicants without decrypting. HMAC, not a
 * plain hash: 10 digits are too few to resist brute force without a secret key.
 */
export function passportMatchHash(hashKey: Buffer, orgId: string, passport: Passport): Buffer {
  return createHmac('sha256', hashKey).update(`${orgId}:${passport.series}${passport.number}`).digest();
}
