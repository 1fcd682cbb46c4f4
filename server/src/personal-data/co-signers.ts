/**
 * The phone and e-mail of the co-signers of a collective appeal (migration 300), encrypted like
 * passports: AES-256-GCM under the personal-data keyring, the associated data binding each
 * ciphertext to its organisation and co-signer. The bot seals them as the citizen types them
 * (bot/wizard/applicant.ts), so its session keeps the ciphertext; filing stores it beside the appeal.
 * Staff see the masked form (`+7912*****89`, `i***@mail.ru`); the clear form is a reveal, audited.
 */
import type pg from 'pg';
import { appendAudit } from '../audit/audit';
import type { ServerConfig } from '../config';
import { inTransaction, type Queryable } from '../db/pool';
import { type Encrypted, openJson, PersonalDataError, sealJson } from './passport-crypto';

type PersonalDataConfig = Pick<ServerConfig, 'personalDataKeys'>;

export interface CoSignerContacts {
  phone: string | null;
  email: string | null;
}

/** A sealed contact pair, as JSON-safe strings (it rides in the bot's session until filing). */
export interface SealedContacts {
  keyId: string;
  iv: string;
  ciphertext: string;
  tag: string;
  masked: CoSignerContacts;
}

/** `+79123456789` → `+7912*****89`: the operator and the last two digits, enough to tell numbers apart. */
export function maskPhone(phone: string): string {
  return phone.length <= 7
    ? '*'.repeat(phone.length)
    : `${phone.slice(0, 5)}${'*'.repeat(phone.length - 7)}${phone.slice(-2)}`;
}

/** `ivan.petrov@example.ru` → `i***@example.ru`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at <= 0 ? '***' : `${email[0]}***${email.slice(at)}`;
}

const associatedData = (orgId: string, coSignerId: string) =>
  Buffer.from(`okno:co-signer-contacts:v1:${orgId}:${coSignerId}`);

export function sealCoSignerContacts(
  config: PersonalDataConfig,
  owner: { orgId: string; coSignerId: string },
  contacts: CoSignerContacts,
): SealedContacts {
  const key = config.personalDataKeys[0];
  if (!key) throw new PersonalDataError('unknown_key', 'No personal-data key configured');
  const sealed = sealJson(key, associatedData(owner.orgId, owner.coSignerId), {
    p: contacts.phone,
    e: contacts.email,
  });
  return {
    keyId: sealed.keyId,
    iv: sealed.iv.toString('base64'),
    ciphertext: sealed.ciphertext.toString('base64'),
    tag: sealed.tag.toString('base64'),
    masked: {
      phone: contacts.phone ? maskPhone(contacts.phone) : null,
      email: contacts.email ? maskEmail(contacts.email) : null,
    },
  };
}

function open(
  config: PersonalDataConfig,
  orgId: string,
  coSignerId: string,
  sealed: Encrypted,
): CoSignerContacts {
  const value = openJson<{ p: string | null; e: string | null }>(
    config.personalDataKeys,
    associatedData(orgId, coSignerId),
    sealed,
    'Co-signer contacts',
  );
  return { phone: value.p, email: value.e };
}

/** Stores the sealed contacts of an appeal's co-signers, at their positions in `kind.coSigners`. */
export async function storeCoSignerContacts(
  db: Queryable,
  orgId: string,
  appealId: string,
  coSigners: { position: number; coSignerId: string; sealed: SealedContacts }[],
): Promise<void> {
  if (coSigners.length === 0) return;
  await db.query(
    `INSERT INTO co_signer_contacts (org_id, appeal_id, position, co_signer_id, key_id, iv, ciphertext, tag, masked)
     SELECT $1, $2, r.position, r.id, r.key_id, decode(r.iv, 'base64'), decode(r.ciphertext, 'base64'),
            decode(r.tag, 'base64'), r.masked
       FROM jsonb_to_recordset($3::jsonb)
         AS r(position int, id text, key_id text, iv text, ciphertext text, tag text, masked jsonb)`,
    [
      orgId,
      appealId,
      JSON.stringify(
        coSigners.map(({ position, coSignerId, sealed }) => ({
          position,
          id: coSignerId,
          key_id: sealed.keyId,
          iv: sealed.iv,
          ciphertext: sealed.ciphertext,
          tag: sealed.tag,
          masked: sealed.masked,
        })),
      ),
    ],
  );
}

interface Row {
  position: number;
  co_signer_id: string;
  key_id: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
  masked: CoSignerContacts;
}

const rowsOf = async (db: Queryable, orgId: string, appealId: string) =>
  (
    await db.query<Row>(
      'SELECT * FROM co_signer_contacts WHERE org_id = $1 AND appeal_id = $2 ORDER BY position',
      [orgId, appealId],
    )
  ).rows;

/** The masked contacts of an appeal's co-signers, by position. */
export async function maskedCoSignerContacts(
  db: Queryable,
  orgId: string,
  appealId: string,
): Promise<({ position: number } & CoSignerContacts)[]> {
  return (await rowsOf(db, orgId, appealId)).map((row) => ({ position: row.position, ...row.masked }));
}

/** Decrypts for an authorised reader and writes the audit entry in the same transaction. */
export async function revealCoSignerContacts(
  db: pg.Pool,
  config: PersonalDataConfig,
  request: { orgId: string; appealId: string; actorUserId: string; deviceId: string | null },
): Promise<({ position: number } & CoSignerContacts)[]> {
  return inTransaction(db, async (tx) => {
    const rows = await rowsOf(tx, request.orgId, request.appealId);
    const clear = rows.map((row) => ({
      position: row.position,
      ...open(config, request.orgId, row.co_signer_id, {
        keyId: row.key_id,
        iv: row.iv,
        ciphertext: row.ciphertext,
        tag: row.tag,
      }),
    }));
    if (rows.length > 0)
      await appendAudit(tx, {
        orgId: request.orgId,
        actorUserId: request.actorUserId,
        deviceId: request.deviceId,
        action: 'co_signers.reveal',
        entity: 'appeal',
        entityId: request.appealId,
        details: { coSigners: rows.length },
      });
    return clear;
  });
}

/** Re-encrypts co-signer contacts not under the current key (part of `rotatePersonalDataKeys`). */
export async function rotateCoSignerContacts(db: Queryable, config: PersonalDataConfig, limit: number) {
  const key = config.personalDataKeys[0];
  if (!key) throw new PersonalDataError('unknown_key', 'No personal-data key configured');
  const rows = await db.query<Row & { org_id: string; appeal_id: string }>(
    'SELECT * FROM co_signer_contacts WHERE key_id <> $1 ORDER BY co_signer_id LIMIT $2 FOR UPDATE SKIP LOCKED',
    [key.id, limit],
  );
  const perOrg = new Map<string, number>();
  for (const row of rows.rows) {
    const contacts = open(config, row.org_id, row.co_signer_id, {
      keyId: row.key_id,
      iv: row.iv,
      ciphertext: row.ciphertext,
      tag: row.tag,
    });
    const sealed = sealCoSignerContacts(
      config,
      { orgId: row.org_id, coSignerId: row.co_signer_id },
      contacts,
    );
    await db.query(
      `UPDATE co_signer_contacts SET key_id = $2, iv = decode($3, 'base64'), ciphertext = decode($4, 'base64'),
              tag = decode($5, 'base64'), updated_at = now()
        WHERE co_signer_id = $1`,
      [row.co_signer_id, sealed.keyId, sealed.iv, sealed.ciphertext, sealed.tag],
    );
    perOrg.set(row.org_id, (perOrg.get(row.org_id) ?? 0) + 1);
  }
  return { rows: rows.rows.length, perOrg };
}
