import { fail, ok, type Result } from '../result';
import { readInput } from './text';

/** 10 digits: a legal entity; 12 digits: an individual, including an individual entrepreneur (ИП). */
export type InnKind = 'legalEntity' | 'individual';

export interface Inn {
  readonly value: string;
  readonly kind: InnKind;
}

const INPUT_MAX = 32;

/** Check-digit weights of the ФНС algorithm. */
const WEIGHTS_10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit(digits: string, weights: readonly number[]): number {
  const sum = weights.reduce((total, weight, i) => total + weight * Number(digits[i]), 0);
  return (sum % 11) % 10;
}

/** Validates an ИНН (taxpayer number) with its check digits; spaces between groups are tolerated. */
export function validateInn(value: unknown): Result<Inn> {
  const input = readInput(value, INPUT_MAX);
  if (!input.ok)
    return fail(input.problem === 'missing' ? 'validation:inn.required' : 'validation:inn.format');
  const digits = input.text.replace(/[ -]/g, '');
  // Region "00" does not exist; an all-zero number would otherwise pass the checksum.
  if (!/^(?:\d{10}|\d{12})$/.test(digits) || digits.startsWith('00')) return fail('validation:inn.format');
  if (digits.length === 10) {
    return checkDigit(digits, WEIGHTS_10) === Number(digits[9])
      ? ok({ value: digits, kind: 'legalEntity' })
      : fail('validation:inn.checksum');
  }
  const valid =
    checkDigit(digits, WEIGHTS_11) === Number(digits[10]) &&
    checkDigit(digits, WEIGHTS_12) === Number(digits[11]);
  return valid ? ok({ value: digits, kind: 'individual' }) : fail('validation:inn.checksum');
}
