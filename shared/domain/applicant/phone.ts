import { fail, ok, type Result } from '../result';
import { readInput } from './text';

/** A Russian phone number in E.164: `+7` and ten digits. */
export type PhoneNumber = `+7${string}`;

/** Enough for `+7 (912) 345-67-89` written with generous spacing. */
const INPUT_MAX = 40;

/**
 * First digit of a Russian national number: 3, 4 and 8 are geographic and non-geographic codes,
 * 9 is mobile. +7 6xx and +7 7xx belong to Kazakhstan, which shares the country code.
 */
const RUSSIAN_FIRST_DIGIT = /^[3489]/;
const KAZAKH_FIRST_DIGIT = /^[67]/;

/**
 * Normalises a Russian phone number to E.164. Accepts `8 (912) 345-67-89`, `+7 912 345 67 89`,
 * `9123456789`, `7-912-345-67-89`; refuses foreign numbers (other country codes, Kazakhstan's +7 6xx/7xx,
 * international prefixes 00 and 810), too short or too long numbers, and anything with letters.
 */
export function normalizePhone(value: unknown): Result<PhoneNumber> {
  const input = readInput(value, INPUT_MAX);
  if (!input.ok) {
    if (input.problem === 'missing') return fail('validation:phone.required');
    return fail(input.problem === 'tooLong' ? 'validation:phone.tooLong' : 'validation:phone.format');
  }
  const compact = input.text.replace(/[ \-().]/g, '');
  if (!/^\+?\d+$/.test(compact)) return fail('validation:phone.format');
  const national = nationalDigits(compact);
  if (!national.ok) return national;
  if (KAZAKH_FIRST_DIGIT.test(national.value)) return fail('validation:phone.foreign');
  if (!RUSSIAN_FIRST_DIGIT.test(national.value)) return fail('validation:phone.areaCode');
  return ok<PhoneNumber>(`+7${national.value}`);
}

/** The ten digits after the country code, from a string of digits with an optional leading '+'. */
function nationalDigits(compact: string): Result<string> {
  if (compact.startsWith('+')) {
    const digits = compact.slice(1);
    if (!digits.startsWith('7')) return fail('validation:phone.foreign');
    return lengthChecked(digits.slice(1));
  }
  if (compact.length === 10) return ok(compact);
  if (compact.length === 11 && /^[78]/.test(compact)) return ok(compact.slice(1));
  if (compact.length > 11 && /^(?:00|810)/.test(compact)) return fail('validation:phone.foreign');
  if (compact.length === 11) return fail('validation:phone.foreign');
  return lengthChecked(compact);
}

function lengthChecked(national: string): Result<string> {
  if (national.length < 10) return fail('validation:phone.tooShort');
  if (national.length > 10) return fail('validation:phone.tooLong');
  return ok(national);
}
