import { type DomainError, ok, type Result } from '../result';
import { type ContactField, type Contacts, contactFieldsOf } from './contacts';
import { normalizeEmail } from './email';
import { type FullName, parseFullName } from './full-name';
import { normalizePhone } from './phone';
import { normalizePostalAddress } from './postal-address';
import { isBlank } from './text';

/**
 * A co-signer of a collective appeal: a full name and at least one way to reach them. The contact rule
 * of the main applicant (seed condition 2) does not apply: the answer goes to the applicant, and a
 * co-signer's contact only lets staff confirm the signature.
 */
export interface CoSigner {
  readonly fullName: FullName;
  readonly contacts: Contacts;
}

export interface CoSignerInput {
  fullName?: unknown;
  phone?: unknown;
  email?: unknown;
  postalAddress?: unknown;
}

export type CoSignerField = 'entry' | 'fullName' | 'contacts' | ContactField;

/** An error of one co-signer, by position in the list. */
export interface CoSignerError {
  readonly index: number;
  readonly field: CoSignerField;
  readonly error: DomainError;
}

export interface CoSignersFailure extends DomainError {
  readonly entries: readonly CoSignerError[];
}

/** Default upper bound of a list; an organisation may set its own (`options.max`). */
export const DEFAULT_CO_SIGNERS_MAX = 100;

const failList = (
  code: string,
  entries: readonly CoSignerError[] = [],
  params?: Record<string, string | number>,
): { ok: false; error: CoSignersFailure } => ({
  ok: false,
  error: params ? { code, params, entries } : { code, entries },
});

/**
 * Validates the co-signers of a collective appeal: a non-empty list within the limit, each entry with a
 * valid full name and at least one valid contact, no person listed twice (same name and same phone or
 * e-mail). Lists every entry's errors.
 */
export function validateCoSigners(
  list: unknown,
  options: { max?: number } = {},
): Result<CoSigner[], CoSignersFailure> {
  const max = options.max ?? DEFAULT_CO_SIGNERS_MAX;
  if (!Array.isArray(list)) return failList('validation:coSigners.notList');
  if (list.length === 0) return failList('validation:coSigners.empty');
  if (list.length > max) return failList('validation:coSigners.tooMany', [], { max });

  const coSigners: CoSigner[] = [];
  const entries: CoSignerError[] = [];
  const seen = new Set<string>();
  list.forEach((entry: unknown, index) => {
    const checked = validateCoSigner(entry, index);
    if (!checked.ok) {
      entries.push(...checked.errors);
      return;
    }
    const keys = identityKeys(checked.value);
    if (keys.some((key) => seen.has(key))) {
      entries.push({ index, field: 'entry', error: { code: 'validation:coSigners.duplicate' } });
    }
    for (const key of keys) seen.add(key);
    coSigners.push(checked.value);
  });
  if (entries.length > 0) {
    return failList('validation:coSigners.invalidEntries', entries, {
      count: new Set(entries.map((e) => e.index)).size,
    });
  }
  return ok(coSigners);
}

type CoSignerCheck = { ok: true; value: CoSigner } | { ok: false; errors: CoSignerError[] };

function validateCoSigner(entry: unknown, index: number): CoSignerCheck {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return {
      ok: false,
      errors: [{ index, field: 'entry', error: { code: 'validation:coSigners.entryFormat' } }],
    };
  }
  const errors: CoSignerError[] = [];
  const name = parseFullName(
    Object.hasOwn(entry, 'fullName') ? (entry as CoSignerInput).fullName : undefined,
  );
  if (!name.ok) errors.push({ index, field: 'fullName', error: name.error });

  const raw = contactFieldsOf(entry);
  const contacts: Contacts = {};
  const check = <T>(
    field: ContactField,
    validate: (value: unknown) => Result<T>,
    store: (value: T) => void,
  ) => {
    if (isBlank(raw[field])) return;
    const result = validate(raw[field]);
    if (result.ok) store(result.value);
    else errors.push({ index, field, error: result.error });
  };
  check('phone', normalizePhone, (phone) => {
    contacts.phone = phone;
  });
  check('email', normalizeEmail, (email) => {
    contacts.email = email;
  });
  check('postalAddress', normalizePostalAddress, (postal) => {
    contacts.postalAddress = postal;
  });
  const anyGiven = (['phone', 'email', 'postalAddress'] as const).some((field) => !isBlank(raw[field]));
  if (!anyGiven)
    errors.push({ index, field: 'contacts', error: { code: 'validation:coSigners.contactMissing' } });

  if (!name.ok || errors.length > 0) return { ok: false, errors };
  return ok({ fullName: name.value, contacts });
}

/** Keys under which the same person would be listed twice: the name with each phone or e-mail given. */
function identityKeys({ fullName, contacts }: CoSigner): string[] {
  const name = [fullName.surname, fullName.givenName, fullName.patronymic ?? '']
    .join(' ')
    .toLowerCase()
    .replace(/ё/g, 'е');
  return [contacts.phone, contacts.email?.toLowerCase()].flatMap((contact) =>
    contact ? [`${name}|${contact}`] : [],
  );
}
