import { fail, ok, type Result } from '../result';
import { readInput } from './text';

/** A postal address for the reply (59-FZ art. 7): the whole line and its six-digit index. */
export interface PostalAddress {
  readonly index: string;
  readonly text: string;
}

const POSTAL_ADDRESS_MAX = 500;

/**
 * Russian postal indexes run from 101000 (Moscow) to 69xxxx (Far East): six digits starting with 1–6,
 * not part of a longer run of digits (so a phone number inside the line is not mistaken for one).
 */
const POSTAL_INDEX = /(?<!\d)[1-6]\d{5}(?!\d)/;
/** Nothing in a Russian address needs these; they signal markup or code pasted by mistake. */
const FORBIDDEN = /[<>{}[\]\\`|;\p{Cc}]/u;
/** A word with at least one letter: a settlement, a street, "д.", "кв." … */
const WORD_WITH_LETTERS = /[\p{L}][\p{L}\p{N}'-]*/gu;
/** Without the index, at least a settlement and a street or house: two words, eight letters or digits. */
const MIN_WORDS = 2;
const MIN_ALPHANUMERIC = 8;

/** The first Russian postal index found in the text, or undefined. */
export function extractPostalIndex(text: string): string | undefined {
  if (typeof text !== 'string') return undefined;
  return POSTAL_INDEX.exec(text.slice(0, POSTAL_ADDRESS_MAX * 2))?.[0];
}

/** Validates a postal address: a postal index plus a non-trivial remainder, whitespace normalised. */
export function normalizePostalAddress(value: unknown): Result<PostalAddress> {
  const input = readInput(value, POSTAL_ADDRESS_MAX);
  if (!input.ok) {
    if (input.problem === 'missing') return fail('validation:postalAddress.required');
    return input.problem === 'tooLong'
      ? fail('validation:postalAddress.tooLong', { max: POSTAL_ADDRESS_MAX })
      : fail('validation:postalAddress.characters');
  }
  const { text } = input;
  if (FORBIDDEN.test(text)) return fail('validation:postalAddress.characters');
  const index = extractPostalIndex(text);
  if (index === undefined) return fail('validation:postalAddress.indexMissing');
  const remainder = text.replace(index, ' ');
  const words = remainder.match(WORD_WITH_LETTERS) ?? [];
  const alphanumeric = remainder.replace(/[^\p{L}\p{N}]/gu, '').length;
  if (words.length < MIN_WORDS || alphanumeric < MIN_ALPHANUMERIC) {
    return fail('validation:postalAddress.incomplete');
  }
  return ok({ index, text });
}
