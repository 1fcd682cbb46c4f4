/**
 * Stored passport data: only ciphertext, a keyed matching hash and the masked form are in the
 * database. Clear values exist in memory only for a reveal, and are never logged.
 */
import type pg from 'pg';
import { maskPassport, parsePassport } from '../../../shared/domain/applicant/passport';
import { appendAudit } from '../audit/audit';
import { rotateChannelSecrets } from '../channels/secrets';
import type { ServerConfig } from '../config';
import { inTransaction, type Queryable } from '../db/pool';
import { rotateCoSignerContacts } from './co-signers';
import type { PersonalDataKey } from './keyring';
import {
  decryptPassport,
  type EncryptedPassport,
  encryptPassport,
  type Passport,
  PersonalDataError,
  passportMatchHash,
} from './passport-crypto';

export type PersonalDataConfig = Pick<ServerConfig, 'personalDataKeys' | 'personalDataHashKey'>;

interface Row {
  applicant_id: string;
  org_id: string;
  key_id: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
  masked: string;
}

const currentKey = (config: PersonalDataConfig): PersonalDataKey => {
  const key = config.personalDataKeys[0];
  if (!key) throw new PersonalDataError('unknown_key', 'No personal-data key configured');
  return key;
};

const encryptedOf = (row: Row): EncryptedPassport => ({
  keyId: row.key_id,
  iv: row.iv,
  ciphertext: row.ciphertext,
  tag: row.tag,
});

/** Stores (or replaces) an applicant's passport. Returns the masked form for the desktop. */
export async function savePassport(
  db: Queryable,
  config: PersonalDataConfig,
  input: { orgId: string; applicantId: string; series: string; number: string },
): Promise<{ masked: string }> {
  const parsed = parsePassport(input.series, input.number);
  // The shared validator's error code never echoes the input, so it is safe to pass on.
  if (!parsed.ok) throw new PersonalDataError('invalid_passport', parsed.error.code);
  const passport = parsed.value;
  const owner = { orgId: input.orgId, applicantId: input.applicantId };
  const encrypted = encryptPassport(currentKey(config), owner, passport);
  const masked = maskPassport(passport);
  await db.query(
    `INSERT INTO personal_data (applicant_id, org_id, key_id, iv, ciphertext, tag, match_hash, masked)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (applicant_id) DO UPDATE SET
       key_id = EXCLUDED.key_id, iv = EXCLUDED.iv, ciphertext = EXCLUDED.ciphertext, tag = EXCLUDED.tag,
       match_hash = EXCLUDED.match_hash, masked = EXCLUDED.masked, updated_at = now()
     WHERE personal_data.org_id = EXCLUDED.org_id`,
    [
      input.applicantId,
      input.orgId,
      encrypted.keyId,
      encrypted.iv,
      encrypted.ciphertext,
      encrypted.tag,
      passportMatchHash(config.personalDataHashKey, input.orgId, passport),
      masked,
    ],
  );
  return { masked };
}

/** Decrypts without auditing: callers are the reveal route (which audits) and tests. */
export async function readPassport(
  db: Queryable,
  config: PersonalDataConfig,
  orgId: string,
  applicantId: string,
): Promise<Passport | null> {
  const result = await db.query<Row>('SELECT * FROM personal_data WHERE org_id = $1 AND applicant_id = $2', [
    orgId,
    applicantId,
  ]);
  const row = result.rows[0];
  return row ? decryptPassport(config.personalDataKeys, { orgId, applicantId }, encryptedOf(row)) : null;
}

/** Applicants of the organisation with the same passport (through the keyed hash). */
export async function findApplicantsByPassport(
  db: Queryable,
  config: PersonalDataConfig,
  orgId: string,
  input: { series: string; number: string },
): Promise<string[]> {
  const parsed = parsePassport(input.series, input.number);
  if (!parsed.ok) return [];
  const passport = parsed.value;
  const result = await db.query<{ applicant_id: string }>(
    'SELECT applicant_id FROM personal_data WHERE org_id = $1 AND match_hash = $2 ORDER BY applicant_id',
    [orgId, passportMatchHash(config.personalDataHashKey, orgId, passport)],
  );
  return result.rows.map((row) => row.applicant_id);
}

export interface RevealRequest {
  orgId: string;
  applicantId: string;
  actorUserId: string;
  deviceId: string | null;
  reason?: string;
}

/** Decrypts for an authorised reader and writes the audit entry in the same transaction. */
export async function revealPassport(
  db: pg.Pool,
  config: PersonalDataConfig,
  request: RevealRequest,
): Promise<Passport | null> {
  return inTransaction(db, async (client) => {
    const passport = await readPassport(client, config, request.orgId, request.applicantId);
    if (!passport) return null;
    await appendAudit(client, {
      orgId: request.orgId,
      actorUserId: request.actorUserId,
      deviceId: request.deviceId,
      action: 'passport.reveal',
      entity: 'applicant',
      entityId: request.applicantId,
      details: request.reason ? { reason: request.reason } : null,
    });
    return passport;
  });
}

/**
 * Re-encrypts every row not under the current key (the first of OKNO_PD_KEYS) — passports,
 * co-signers' contacts (./co-signers.ts) and channel account secrets (channels/secrets.ts) —, in batches, each batch in its own transaction. Rows locked by another rotation are skipped and picked up by it.
 * After it reports 0 remaining, old keys can be removed from the configuration.
 */
export async function rotatePersonalDataKeys(
  db: pg.Pool,
  config: PersonalDataConfig,
  batchSize = 500,
): Promise<{ rotated: number }> {
  const key = currentKey(config);
  let rotated = 0;
  for (;;) {
    const done = await inTransaction(db, async (client) => {
      const rows = await client.query<Row>(
        'SELECT * FROM personal_data WHERE key_id <> $1 ORDER BY applicant_id LIMIT $2 FOR UPDATE SKIP LOCKED',
        [key.id, batchSize],
      );
      const perOrg = new Map<string, number>();
      for (const row of rows.rows) {
        const owner = { orgId: row.org_id, applicantId: row.applicant_id };
        const passport = decryptPassport(config.personalDataKeys, owner, encryptedOf(row));
        const encrypted = encryptPassport(key, owner, passport);
        await client.query(
          `UPDATE personal_data SET key_id = $2, iv = $3, ciphertext = $4, tag = $5, updated_at = now()
            WHERE applicant_id = $1`,
          [row.applicant_id, encrypted.keyId, encrypted.iv, encrypted.ciphertext, encrypted.tag],
        );
        perOrg.set(row.org_id, (perOrg.get(row.org_id) ?? 0) + 1);
      }
      const coSigners = await rotateCoSignerContacts(client, config, batchSize);
      for (const [orgId, count] of coSigners.perOrg) perOrg.set(orgId, (perOrg.get(orgId) ?? 0) + count);
      const channels = await rotateChannelSecrets(client, config, batchSize);
      for (const [orgId, count] of channels.perOrg) perOrg.set(orgId, (perOrg.get(orgId) ?? 0) + count);
      for (const [orgId, count] of perOrg) {
        await appendAudit(client, {
          orgId,
          action: 'personal_data.rotate_key',
          entity: 'personal_data',
          details: { keyId: key.id, rows: count },
        });
      }
      rotated += rows.rows.length + coSigners.rows + channels.rows;
      return rows.rows.length < batchSize && coSigners.rows < batchSize && channels.rows < batchSize;
    });
    if (done) return { rotated };
  }
}
