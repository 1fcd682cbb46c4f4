/**
 * The organisation's letterhead (бланк) and signatories: the one module that writes
 * `organisation_letterheads` (migration 420). Set by the admin CLI (`letterhead-set`, ../cli/letterhead.ts)
 * and by «Бланк и подписи» (../admin/letterhead.ts) through the same `saveLetterhead`. Without a stored row, letters carry the
 * organisation's name alone, signed by nobody in particular, numbered by the default pattern.
 */
import PDFDocument from 'pdfkit';
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

export const maxLogoBytes = 512 * 1024;
export const maxSignatories = 10;

/** Why a letterhead was refused: the API's `details.problem`, words in `letterhead:refusal.*`. */
type LetterheadProblem =
  | 'required'
  | 'tooLong'
  | 'controlCharacters'
  | 'signatoriesMissing'
  | 'signatoriesTooMany'
  | 'logoTooLarge'
  | 'logoType'
  | 'logoUnreadable'
  | 'pattern'
  | 'patternDepartment';

/** A field of the letterhead; a signatory's as `signatories.<i>.name` / `.position`. */
type LetterheadField = string;

export class LetterheadError extends Error {
  constructor(
    message: string,
    readonly problem: LetterheadProblem,
    readonly field: LetterheadField | null = null,
    /** For `pattern`: the registration-number pattern's i18n key (validation:registrationNumber.*). */
    readonly patternKey: string | null = null,
  ) {
    super(message);
    this.name = 'LetterheadError';
  }
}

function text(value: string, field: string, label: string, max: number, required: boolean): string {
  const trimmed = value.trim();
  if (required && trimmed === '') throw new LetterheadError(`${label} is required`, 'required', field);
  if ([...trimmed].length > max)
    throw new LetterheadError(`${label} is longer than ${max} characters`, 'tooLong', field);
  if (/\p{Cc}/u.test(trimmed))
    throw new LetterheadError(`${label} holds control characters`, 'controlCharacters', field);
  return trimmed;
}

/** What the logo's first bytes say it is (PNG signature, JPEG SOI marker), whatever it was called. */
export function imageKind(bytes: Buffer): 'png' | 'jpeg' | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}

/**
 * Whether the letters' PDF renderer (./pdf.ts, pdfkit) can read the image: a PNG broken after its
 * signature passed the byte check, was stored, and then failed the rendering of every letter.
 */
function readableImage(bytes: Buffer): boolean {
  try {
    new PDFDocument().image(bytes, 0, 0, { width: 1 });
    return true;
  } catch {
    return false;
  }
}

/** Checks and normalises a letterhead; throws LetterheadError with a message for the administrator. */
function validateLetterhead(input: Letterhead): Letterhead {
  if (input.signatories.length === 0)
    throw new LetterheadError('at least one signatory is required', 'signatoriesMissing', 'signatories');
  if (input.signatories.length > maxSignatories)
    throw new LetterheadError(`at most ${maxSignatories} signatories`, 'signatoriesTooMany', 'signatories');
  const signatories = input.signatories.map((s, i) => ({
    name: text(s.name, `signatories.${i}.name`, `signatory ${i + 1} name`, 200, true),
    position: text(s.position, `signatories.${i}.position`, `signatory ${i + 1} position`, 300, true),
  }));
  if (input.logo) {
    if (input.logo.length > maxLogoBytes)
      throw new LetterheadError('the logo is larger than 512 KiB', 'logoTooLarge', 'logo');
    if (!imageKind(input.logo))
      throw new LetterheadError('the logo must be a PNG or JPEG image', 'logoType', 'logo');
    if (!readableImage(input.logo))
      throw new LetterheadError('the logo is damaged: not a readable PNG or JPEG', 'logoUnreadable', 'logo');
  }
  const pattern = validatePattern(input.outgoingPattern);
  if (!pattern.ok)
    throw new LetterheadError(
      `outgoing number pattern: ${pattern.error.code}`,
      'pattern',
      'outgoingPattern',
      pattern.error.code,
    );
  if (/\{DEPT\}/.test(input.outgoingPattern))
    throw new LetterheadError(
      'outgoing number pattern: {DEPT} is not available for outgoing numbers',
      'patternDepartment',
      'outgoingPattern',
    );
  return {
    fullName: text(input.fullName, 'fullName', 'full name', 500, true),
    address: text(input.address, 'address', 'address', 500, false),
    contacts: text(input.contacts, 'contacts', 'contacts', 500, false),
    executorPhone: text(input.executorPhone, 'executorPhone', 'executor phone', 40, false),
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
