import { fail, ok, type Result } from '../result';
import { isCoercionArtefact, readInput, unifyApostrophes } from './text';

/** Surname, given name and patronymic (if any), as 59-FZ art. 7 asks of an appeal. */
export interface FullName {
  readonly surname: string;
  readonly givenName: string;
  readonly patronymic?: string;
}

const FULL_NAME_MAX = 150;
const NAME_PART_MAX = 50;

/** Words after a Turkic patronymic: "Алиев Рашид Гейдар оглы". */
const PATRONYMIC_MARKERS = new Set([
  'оглы',
  'кызы',
  'гызы',
  'улы',
  'уулу',
  'ogly',
  'kyzy',
  'gyzy',
  'uly',
  'uulu',
]);
/** "И", "И.", "И.И.", "I.V": one or more initials. */
const INITIALS = /^\p{L}(?:\.\p{L})*\.?$/u;
/** A word: letters, with single hyphens or apostrophes between letters (Петрова-Водкина, Д'Артаньян). */
const WORD = /^\p{L}+(?:['-]\p{L}+)*$/u;

/**
 * Parses "Фамилия Имя Отчество" (the order of Russian documents). Letters of one script (Cyrillic or
 * Latin), hyphens, apostrophes and spaces only. A word typed all in lower or upper case is title-cased;
 * mixed case is kept (МакКартни). Single letters are read as initials and refused: an appeal needs the
 * full name. (A one-letter surname such as Ю is rare enough to be entered by staff with a note.)
 */
export function parseFullName(value: unknown): Result<FullName> {
  const input = readInput(value, FULL_NAME_MAX);
  if (!input.ok) {
    if (input.problem === 'missing') return fail('validation:name.required');
    return input.problem === 'tooLong'
      ? fail('validation:name.tooLong', { max: FULL_NAME_MAX })
      : fail('validation:name.characters');
  }
  const text = unifyApostrophes(input.text);
  const words = text.split(' ');
  const problem = wordsProblem(text, words);
  if (problem) return problem;
  return structure(words.map(titleCase));
}

function wordsProblem(text: string, words: readonly string[]): ReturnType<typeof fail> | undefined {
  if (!words.every((word) => WORD.test(word) || INITIALS.test(word)))
    return fail('validation:name.characters');
  const letters = text.replace(/[^\p{L}]/gu, '');
  const cyrillic = letters.replace(/\P{Script=Cyrillic}/gu, '').length;
  const latin = letters.replace(/\P{Script=Latin}/gu, '').length;
  if (cyrillic + latin < letters.length) return fail('validation:name.script');
  if (cyrillic > 0 && latin > 0) return fail('validation:name.mixedScripts');
  if (words.some((word) => INITIALS.test(word))) return fail('validation:name.initials');
  if (words.some(isCoercionArtefact)) return fail('validation:name.placeholder');
  if (words.some((word) => word.length > NAME_PART_MAX)) {
    return fail('validation:name.partTooLong', { max: NAME_PART_MAX });
  }
  return undefined;
}

function structure(words: readonly string[]): Result<FullName> {
  const [surname, givenName, ...rest] = words;
  if (surname === undefined || givenName === undefined) return fail('validation:name.tooFewParts');
  if (rest.length === 0) return ok({ surname, givenName });
  const withMarker = rest.length === 2 && PATRONYMIC_MARKERS.has(rest[1]!.toLowerCase());
  if (rest.length > 1 && !withMarker) return fail('validation:name.tooManyParts');
  const patronymic = withMarker ? `${rest[0]} ${rest[1]!.toLowerCase()}` : rest[0]!;
  return ok({ surname, givenName, patronymic });
}

/** Title-cases each hyphen- or apostrophe-separated segment of a word typed in one case. */
function titleCase(word: string): string {
  if (word !== word.toLowerCase() && word !== word.toUpperCase()) return word;
  return word
    .toLowerCase()
    .replace(/(^|['-])(\p{L})/gu, (_, separator: string, letter: string) => separator + letter.toUpperCase());
}
