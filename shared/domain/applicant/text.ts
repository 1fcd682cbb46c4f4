/**
 * Reading untrusted text. Applicant data arrives from chat bots, web forms and staff typing, so every
 * validator starts here: anything that is not a string is refused as a value, never thrown at.
 */

/** Unicode dashes and minus signs that people paste instead of a hyphen-minus. */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
/** Characters that render as nothing: soft hyphen, zero-width spaces and joiners, byte-order mark. */
const INVISIBLES = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
/** Typographic apostrophes and primes used in names such as Д’Артаньян. */
const APOSTROPHES = /[\u2019\u2018\u02BC\u02B9\u0060\u00B4\u2032]/g;

export type InputProblem = 'missing' | 'notText' | 'tooLong';

export type InputText = { ok: true; text: string } | { ok: false; problem: InputProblem };

/**
 * The text of an untrusted input: NFC, invisible characters dropped, dashes unified to '-', runs of
 * white space (no-break and narrow spaces included) collapsed to one space, trimmed.
 * `missing` for null, undefined and blank strings; `notText` for any other non-string;
 * `tooLong` when the normalised text exceeds `maxLength` (huge inputs are refused before any work).
 */
export function readInput(value: unknown, maxLength: number): InputText {
  if (value === null || value === undefined) return { ok: false, problem: 'missing' };
  if (typeof value !== 'string') return { ok: false, problem: 'notText' };
  if (value.length > maxLength * 8 + 64) return { ok: false, problem: 'tooLong' };
  const text = value
    .normalize('NFC')
    .replace(INVISIBLES, '')
    .replace(DASHES, '-')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return { ok: false, problem: 'missing' };
  if (text.length > maxLength) return { ok: false, problem: 'tooLong' };
  return { ok: true, text };
}

/** True when the input carries nothing: null, undefined or a string of white space. */
export function isBlank(value: unknown): boolean {
  const input = readInput(value, Number.MAX_SAFE_INTEGER);
  return !input.ok && input.problem === 'missing';
}

export function unifyApostrophes(text: string): string {
  return text.replace(APOSTROPHES, "'");
}

/**
 * Strings that a bug upstream produced by coercing a missing value (`String(null)`, `${undefined}`).
 * Real people are not called this; such a name is refused rather than stored.
 */
const COERCION_ARTEFACTS = new Set(['null', 'undefined', 'nan', '[object object]']);

export function isCoercionArtefact(word: string): boolean {
  return COERCION_ARTEFACTS.has(word.toLowerCase());
}

export const CYRILLIC_LETTER = /\p{Script=Cyrillic}/u;
export const LATIN_LETTER = /\p{Script=Latin}/u;
