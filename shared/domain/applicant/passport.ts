import { fail, ok, type Result } from '../result';
import { type InputProblem, readInput } from './text';

/**
 * A Russian internal passport: series = 2 digits of region + 2 digits of the blank's year, number = 6
 * digits (docs/DOMAIN.md, "Identity and personal data"). Passport data must never reach logs or error
 * params, so no error produced here echoes the input.
 */
export interface Passport {
  readonly series: string;
  readonly number: string;
}

/** Generous bound for one field: "45 03", "№ 123 456" and the like, with room for stray spaces. */
const FIELD_MAX = 24;
/** Bound for a whole line such as "паспорт РФ серия 45 03 № 123456". */
const LINE_MAX = 80;

/** Spaces, hyphens and the number sign people write between digit groups. */
const DIGIT_GROUP_SEPARATORS = /[ \-№]/g;
/** Words and marks that may surround the digits in a free-form line; case-insensitive. */
const LINE_LABELS = /паспорт(?:а)?|рф|серия|сер\.|номер|ном\.|№|[ \-.,:]/giu;

const SERIES = /^\d{4}$/;
const NUMBER = /^\d{6}$/;

const seriesCodes: Record<InputProblem, string> = {
  missing: 'validation:passport.seriesRequired',
  notText: 'validation:passport.seriesFormat',
  tooLong: 'validation:passport.seriesFormat',
};
const numberCodes: Record<InputProblem, string> = {
  missing: 'validation:passport.numberRequired',
  notText: 'validation:passport.numberFormat',
  tooLong: 'validation:passport.numberFormat',
};

function digitsOf(value: unknown, pattern: RegExp, codes: Record<InputProblem, string>): Result<string> {
  const input = readInput(value, FIELD_MAX);
  if (!input.ok) return fail(codes[input.problem]);
  const digits = input.text.replace(DIGIT_GROUP_SEPARATORS, '');
  return pattern.test(digits) ? ok(digits) : fail(codes.notText);
}

/** Parses series and number typed into two fields: `45 03` / `4503`, `123456` / `№ 123 456`. */
export function parsePassport(series: unknown, number: unknown): Result<Passport> {
  const parsedSeries = digitsOf(series, SERIES, seriesCodes);
  if (!parsedSeries.ok) return parsedSeries;
  const parsedNumber = digitsOf(number, NUMBER, numberCodes);
  if (!parsedNumber.ok) return parsedNumber;
  return ok({ series: parsedSeries.value, number: parsedNumber.value });
}

/** Parses series and number written on one line: `45 03 123456`, `4503123456`, `45 03 № 123456`. */
export function parsePassportLine(text: unknown): Result<Passport> {
  const input = readInput(text, LINE_MAX);
  if (!input.ok) {
    return fail(
      input.problem === 'missing' ? 'validation:passport.required' : 'validation:passport.lineFormat',
    );
  }
  const digits = input.text.replace(LINE_LABELS, '');
  if (!/^\d{10}$/.test(digits)) return fail('validation:passport.lineFormat');
  return ok({ series: digits.slice(0, 4), number: digits.slice(4) });
}

/** The written form: `45 03 123456`. */
export function formatPassport(passport: Passport): string {
  return `${passport.series.slice(0, 2)} ${passport.series.slice(2)} ${passport.number}`;
}

/**
 * The on-screen form: `45 ** ***456` — region digits and the last three digits of the number only.
 * Anything that is not a well-formed passport is masked completely rather than partly revealed.
 */
export function maskPassport(passport: Passport): string {
  const series = typeof passport?.series === 'string' ? passport.series : '';
  const number = typeof passport?.number === 'string' ? passport.number : '';
  if (!SERIES.test(series) || !NUMBER.test(number)) return '** ** ******';
  return `${series.slice(0, 2)} ** ***${number.slice(3)}`;
}

/** The issuing unit code (код подразделения), normalised to `NNN-NNN`. */
export function parseIssuingUnitCode(value: unknown): Result<string> {
  const input = readInput(value, FIELD_MAX);
  if (!input.ok) {
    return fail(
      input.problem === 'missing'
        ? 'validation:passport.unitCodeRequired'
        : 'validation:passport.unitCodeFormat',
    );
  }
  const digits = input.text.replace(/[ -]/g, '');
  if (!/^\d{6}$/.test(digits)) return fail('validation:passport.unitCodeFormat');
  return ok(`${digits.slice(0, 3)}-${digits.slice(3)}`);
}
