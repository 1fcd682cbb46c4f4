/**
 * The organisation's letterhead (бланк) and signatories: the one module that writes
 * `organisation_letterheads` (migration 420). Set by the admin CLI (`letterhead-set`, ../cli/letterhead.ts);
 * the settings screen will call the same `saveLetterhead`. Without a stored row, letters carry the
 * organisation's name alone, signed by nobody in particular, numbered by the default pattern.
 */
import { validatePattern } from '../../../shared/domain/registration-number';
import type { Queryable } from '../db/pool';

export interface Signatory {
  name: string;
  position: string;
}

export interface Letterhead {
  fullName: string;
  address: string;
  contacts: string;
  executorPhone: string;
  /** PNG or JPEG bytes, or null. */
  logo: Buffer | null;
  signatories: Signatory[];
  outgoingPattern: string;
}

/** Outgoing numbers unless the organisation sets its own: `Исх-17/2026`. */
export const defaultOutgoingPattern = 'Исх-{N}/{YYYY}';

const maxLogoBytes = 512 * 1024;

export class LetterheadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LetterheadError';
  }
}

function text(value: string, field: string, max: number, required: boolean): string {
  const trimmed = value.trim();
  if (required && trimmed === '') throw new LetterheadError(`${field} is required`);
  if ([...trimmed].length > max) throw new LetterheadError(`${field} is longer than ${max} characters`);
  if (/\p{Cc}/u.test(trimmed)) throw new LetterheadError(`${field} holds control characters`);
  return trimmed;
}

function imageKind(bytes: Buffer): 'png' | 'jpeg' | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}

/** Checks and normalises a letterhead; throws LetterheadError with a message for the administrator. */
function validateLetterhead(input: Letterhead): Letterhead {
  if (input.signatories.length === 0) throw new LetterheadError('at least one signatory is required');
  if (input.signatories.length > 10) throw new LetterheadError('at most 10 signatories');
  const signatories = input.signatories.map((s, i) => ({
    name: text(s.name, `signatory ${i + 1} name`, 200, true),
    position: text(s.position, `signatory ${i + 1} position`, 300, true),
  }));
  if (input.logo) {
    if (input.logo.length > maxLogoBytes) throw new LetterheadError('the logo is larger than 512 KiB');
    if (!imageKind(input.logo)) throw new LetterheadError('the logo must be a PNG or JPEG image');
  }
  const pattern = validatePattern(input.outgoingPattern);
  if (!pattern.ok) throw new LetterheadError(`outgoing number pattern: ${pattern.error.code}`);
  if (/\{DEPT\}/.test(input.outgoingPattern))
    throw new LetterheadError('outgoing number pattern: {DEPT} is not available for outgoing numbers');
  return {
    fullName: text(input.fullName, 'full name', 500, true),
    address: text(input.address, 'address', 500, false),
    contacts: text(input.contacts, 'contacts', 500, false),
    executorPhone: text(input.executorPhone, 'executor phone', 40, false),
    logo: input.logo,
    signatories,
    outgoingPattern: input.outgoingPattern.trim(),
  };
}

/** Validates and stores the letterhead; returns what was stored. */
export async function saveLetterhead(db: Queryable, orgId: string, input: Letterhead): Promise<Letterhead> {
  const letterhead = validateLetterhead(input);
  await db.query(
    `INSERT INTO organisation_letterheads
       (org_id, full_name, address, contacts, executor_phone, logo, signatories, outgoing_pattern, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
     ON CONFLICT (org_id) DO UPDATE SET full_name = $2, address = $3, contacts = $4, executor_phone = $5,
       logo = $6, signatories = $7, outgoing_pattern = $8, updated_at = now()`,
    [
      orgId,
      letterhead.fullName,
      letterhead.address,
      letterhead.contacts,
      letterhead.executorPhone,
      letterhead.logo,
      JSON.stringify(letterhead.signatories),
      letterhead.outgoingPattern,
    ],
  );
  return letterhead;
}

interface LetterheadRow {
  full_name: string;
  address: string;
  contacts: string;
  executor_phone: string;
  logo: Buffer | null;
  signatories: Signatory[];
  outgoing_pattern: string;
}

/** The stored letterhead, or one made of the organisation's name. */
export async function loadLetterhead(db: Queryable, orgId: string): Promise<Letterhead> {
  const stored = await db.query<LetterheadRow>('SELECT * FROM organisation_letterheads WHERE org_id = $1', [
    orgId,
  ]);
  const row = stored.rows[0];
  if (row) {
    return {
      fullName: row.full_name,
      address: row.address,
      contacts: row.contacts,
      executorPhone: row.executor_phone,
      logo: row.logo,
      signatories: row.signatories,
      outgoingPattern: validatePattern(row.outgoing_pattern).ok
        ? row.outgoing_pattern
        : defaultOutgoingPattern,
    };
  }
  const org = await db.query<{ name: string }>('SELECT name FROM organisations WHERE id = $1', [orgId]);
  return {
    fullName: org.rows[0]?.name ?? '',
    address: '',
    contacts: '',
    executorPhone: '',
    logo: null,
    signatories: [],
    outgoingPattern: defaultOutgoingPattern,
  };
}
