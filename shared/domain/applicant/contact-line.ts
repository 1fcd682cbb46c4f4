import { normalizeEmail } from './email';
import { normalizePhone, type PhoneNumber } from './phone';
import { normalizePostalAddress, type PostalAddress } from './postal-address';
import { readInput } from './text';

/** What one message gave of the applicant's contacts; absent: not found in it. */
export interface ContactLine {
  phone?: PhoneNumber;
  email?: string;
  postal?: PostalAddress;
}

const LINE_MAX = 700;
/** A run that may be a phone number: an optional '+', digits, spaces, hyphens, brackets, dots. */
const PHONE_RUN = /\+?\(?\d[\d ().-]{7,}\d/g;
/** Anything with an '@' between non-separators. */
const EMAIL_RUN = /[^\s,;:<>()"«»]+@[^\s,;:<>()"«»]+/g;
/** The words people put before a contact: «тел.», «почта», «e-mail», «адрес:» … */
const LABELS =
  /(?<![\p{L}])(?:моб(?:ильный)?|тел(?:ефон)?|phone|tel|почт(?:а|овый)?|эл(?:ектронная)?|e-?mail|mail|адрес|address|post(?:al)?|мой|my)(?![\p{L}])\.?:?/giu;

/**
 * Reads the contacts a citizen wrote in one message — «+7 912 345-67-89, ivan.petrov@example.ru»,
 * «тел 89123456789 почта ivan@mail.ru», «620014, Екатеринбург, ул. Ленина, д. 5, тел. 8 912 345 67 89» —
 * with the same validators as one contact at a time: a phone and an e-mail are taken where they are
 * valid; what remains, without the labels, is a postal address when it is one.
 */
export function extractContacts(value: unknown): ContactLine {
  const input = readInput(value, LINE_MAX);
  if (!input.ok) return {};
  let rest = input.text;
  const found: ContactLine = {};

  for (const run of rest.match(EMAIL_RUN) ?? []) {
    const candidate = run.replace(/[.!?]+$/, '');
    const email = normalizeEmail(candidate);
    if (email.ok && found.email === undefined) {
      found.email = email.value;
      rest = rest.replace(candidate, ' ');
    }
  }

  for (const run of rest.match(PHONE_RUN) ?? []) {
    if (found.phone !== undefined) break;
    const phone = phoneIn(run);
    if (phone) {
      found.phone = phone.value;
      rest = rest.replace(phone.text, ' ');
    }
  }

  const remainder = rest
    .replace(LABELS, ' ')
    .replace(/;/g, ',')
    .replace(/\s+/g, ' ')
    .replace(/\s*,(?:\s*[.,])+/g, ',')
    .replace(/^[\s,.:-]+|(?:[\s,:-]|\s\.|,\.)+$/g, '');
  const postal = normalizePostalAddress(remainder);
  if (postal.ok) found.postal = postal.value;
  return found;
}

/** A phone number in a run of digits, or in its tail (a flat number may stand before it: «кв. 12 8912…»). */
function phoneIn(run: string): { value: PhoneNumber; text: string } | undefined {
  const groups = run.split(' ');
  for (let from = 0; from < groups.length; from++) {
    const text = groups.slice(from).join(' ');
    const phone = normalizePhone(text);
    if (phone.ok) return { value: phone.value, text };
  }
  return undefined;
}
