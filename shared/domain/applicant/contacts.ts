import { ok, type Result } from '../result';
import { normalizeEmail } from './email';
import { type FieldError, type FieldsFailure, failFields } from './field-errors';
import { normalizePhone, type PhoneNumber } from './phone';
import { normalizePostalAddress, type PostalAddress } from './postal-address';
import { isBlank } from './text';

export type ContactField = 'phone' | 'email' | 'postalAddress';

/** Contacts as received; every field is untrusted. */
export interface ContactsInput {
  phone?: unknown;
  email?: unknown;
  postalAddress?: unknown;
}

/**
 * Normalised contacts. Invariant (seed condition 2): a phone plus a postal or an e-mail address;
 * without a phone, both a postal and an e-mail address.
 */
export interface Contacts {
  phone?: PhoneNumber;
  email?: string;
  postalAddress?: PostalAddress;
}

/** The fields present in the input, read as own properties only (nothing inherited is trusted). */
export function contactFieldsOf(input: unknown): Record<ContactField, unknown> {
  const own = (field: ContactField): unknown =>
    typeof input === 'object' && input !== null && Object.hasOwn(input, field)
      ? (input as Record<string, unknown>)[field]
      : undefined;
  return { phone: own('phone'), email: own('email'), postalAddress: own('postalAddress') };
}

/**
 * Validates each given contact and returns every field error found. Blank fields count as not given.
 * An error in a given field is listed under `fields`; the top-level code names what is still missing
 * for the contact rule, or `contacts.invalidFields` when only corrections are needed.
 */
export function validateContacts(
  input: ContactsInput | null | undefined,
): Result<Contacts, FieldsFailure<ContactField>> {
  const raw = contactFieldsOf(input);
  const contacts: Contacts = {};
  const fields: FieldError<ContactField>[] = [];
  const given = (field: ContactField): boolean => !isBlank(raw[field]);

  if (given('phone')) {
    const phone = normalizePhone(raw.phone);
    if (phone.ok) contacts.phone = phone.value;
    else fields.push({ field: 'phone', error: phone.error });
  }
  if (given('email')) {
    const email = normalizeEmail(raw.email);
    if (email.ok) contacts.email = email.value;
    else fields.push({ field: 'email', error: email.error });
  }
  if (given('postalAddress')) {
    const postal = normalizePostalAddress(raw.postalAddress);
    if (postal.ok) contacts.postalAddress = postal.value;
    else fields.push({ field: 'postalAddress', error: postal.error });
  }

  const missing = missingContactCode(given('phone'), given('email'), given('postalAddress'));
  if (missing) return failFields(missing, fields);
  if (fields.length > 0)
    return failFields('validation:contacts.invalidFields', fields, { count: fields.length });
  return ok(contacts);
}

/** Which part of the contact rule is unmet by the fields given, or undefined when it is met. */
function missingContactCode(phone: boolean, email: boolean, postal: boolean): string | undefined {
  if (phone) return email || postal ? undefined : 'validation:contacts.addressMissing';
  if (email && postal) return undefined;
  if (email) return 'validation:contacts.postalOrPhoneMissing';
  if (postal) return 'validation:contacts.emailOrPhoneMissing';
  return 'validation:contacts.missing';
}
