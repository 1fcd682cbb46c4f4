import { isDiminutivePair } from './applicant/diminutives';
import {
  CYRILLIC_LETTER,
  isCoercionArtefact,
  LATIN_LETTER,
  readInput,
  unifyApostrophes,
} from './applicant/text';
import { nameSkeleton } from './applicant/transliteration';

export { type FullName, parseFullName } from './applicant/full-name';

/**
 * Seed condition 1: the applicant's social-profile name must match the passport name. Both names are
 * read the same way (so matching is symmetric) and compared word by word as a set (so "Петров Иван" and
 * "Иван Петров" match), through a transliteration skeleton (so "Ivan Petrov" matches "Иван Петров").
 *
 * Decisions:
 * - A profile usually lacks the patronymic: surname and given name matching is a match.
 * - A diminutive ("Ваня" for "Иван"), a one-letter typo, initials, a missing surname or an extra word,
 *   and a profile name decorated with emoji or digits are never a match: staff confirm them.
 * - Text that is not a name (empty, digits or emoji only, markup or SQL, coerced `null`) is a mismatch.
 */

export type NameMatchResult = 'match' | 'mismatch' | 'needs-confirmation';

type UnreadableReason =
  | 'validation:nameMatch.empty'
  | 'validation:nameMatch.placeholder'
  | 'validation:nameMatch.noLetters'
  | 'validation:nameMatch.markup'
  | 'validation:nameMatch.unsupportedScript'
  | 'validation:nameMatch.tooLong'
  | 'validation:nameMatch.tooManyWords';

export type NameMatchReason =
  | 'validation:nameMatch.exact'
  | 'validation:nameMatch.reordered'
  | 'validation:nameMatch.transliterated'
  | 'validation:nameMatch.patronymicOmitted'
  | 'validation:nameMatch.typo'
  | 'validation:nameMatch.diminutive'
  | 'validation:nameMatch.initials'
  | 'validation:nameMatch.partial'
  | 'validation:nameMatch.decorated'
  | 'validation:nameMatch.mixedScripts'
  | 'validation:nameMatch.different'
  | UnreadableReason;

export interface NameMatch {
  readonly result: NameMatchResult;
  /** An i18n key explaining the result to staff. */
  readonly reason: NameMatchReason;
  /** Which input could not be read as a name, when that decided a mismatch. */
  readonly unreadable?: 'profile' | 'passport' | 'both';
}

const NAME_MAX = 200;
const MAX_WORDS = 6;
/** Characters and sequences that never occur in a name but do in markup and SQL. */
const MARKUP = /[<>{}[\]\\;=`|]|--|\/\*|\*\//;
const OTHER_SCRIPT_LETTER = /[^\P{L}\p{Script=Cyrillic}\p{Script=Latin}]/u;
/** When both names are unreadable, the reason reported is the first of these, whichever side has it. */
const UNREADABLE_PRIORITY: readonly UnreadableReason[] = [
  'validation:nameMatch.empty',
  'validation:nameMatch.placeholder',
  'validation:nameMatch.markup',
  'validation:nameMatch.noLetters',
  'validation:nameMatch.unsupportedScript',
  'validation:nameMatch.tooLong',
  'validation:nameMatch.tooManyWords',
];

interface Word {
  readonly skeleton: string;
  /** Lower case, ё as е, without hyphens and apostrophes: tells "transliterated" from "exact". */
  readonly spelling: string;
  readonly initial: boolean;
}

interface ReadName {
  readonly words: readonly Word[];
  readonly decorated: boolean;
  readonly mixedScripts: boolean;
}

type NameReading = { ok: true; name: ReadName } | { ok: false; reason: UnreadableReason };

function readName(value: unknown): NameReading {
  const input = readInput(value, NAME_MAX);
  if (!input.ok) {
    return {
      ok: false,
      reason: input.problem === 'tooLong' ? 'validation:nameMatch.tooLong' : 'validation:nameMatch.empty',
    };
  }
  const text = unifyApostrophes(input.text);
  if (MARKUP.test(text)) return { ok: false, reason: 'validation:nameMatch.markup' };
  if (!/\p{L}/u.test(text)) return { ok: false, reason: 'validation:nameMatch.noLetters' };
  if (OTHER_SCRIPT_LETTER.test(text)) return { ok: false, reason: 'validation:nameMatch.unsupportedScript' };
  const rawWords = text
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}' .-]/gu, ' ')
    .split(/[ .]+/)
    .map((word) => word.replace(/^['-]+|['-]+$/g, ''))
    .filter((word) => word !== '');
  if (rawWords.some(isCoercionArtefact)) return { ok: false, reason: 'validation:nameMatch.placeholder' };
  if (rawWords.length > MAX_WORDS) return { ok: false, reason: 'validation:nameMatch.tooManyWords' };
  const words = rawWords.map(toWord).filter((word) => word.skeleton !== '');
  if (words.length === 0) return { ok: false, reason: 'validation:nameMatch.noLetters' };
  return {
    ok: true,
    name: {
      words,
      decorated: words.length < rawWords.length || /[^\p{L}' .-]|\p{M}/u.test(text),
      mixedScripts: rawWords.some((word) => CYRILLIC_LETTER.test(word) && LATIN_LETTER.test(word)),
    },
  };
}

function toWord(word: string): Word {
  const spelling = word.toLowerCase().replace(/ё/g, 'е').replace(/['-]/g, '');
  return { skeleton: nameSkeleton(word), spelling, initial: spelling.length === 1 };
}

/** Compares a social-profile name with a passport name. Never throws; order of arguments does not matter. */
export function matchNames(profileName: unknown, passportName: unknown): NameMatch {
  const profile = readName(profileName);
  const passport = readName(passportName);
  if (profile.ok && passport.ok) return compare(profile.name, passport.name);
  const reasons = [profile, passport].flatMap((reading) => (reading.ok ? [] : [reading.reason]));
  const reason = UNREADABLE_PRIORITY.find((candidate) => reasons.includes(candidate))!;
  const unreadable = reasons.length === 2 ? 'both' : profile.ok ? 'passport' : 'profile';
  return { result: 'mismatch', reason, unreadable };
}

function compare(a: ReadName, b: ReadName): NameMatch {
  const { exact, restA, restB } = pairExactly(a.words, b.words);
  const soft = pairSoftly(restA, restB);
  if (exact === 0 || (soft.extrasA > 0 && soft.extrasB > 0)) {
    return { result: 'mismatch', reason: 'validation:nameMatch.different' };
  }
  const hasExtras = soft.extrasA + soft.extrasB > 0;
  if ((hasExtras && !soft.extrasArePatronymic) || exact + soft.kinds.length < 2) {
    return { result: 'needs-confirmation', reason: 'validation:nameMatch.partial' };
  }
  for (const kind of SOFT_KINDS) {
    if (soft.kinds.includes(kind)) return { result: 'needs-confirmation', reason: SOFT_REASONS[kind] };
  }
  if (a.mixedScripts || b.mixedScripts)
    return { result: 'needs-confirmation', reason: 'validation:nameMatch.mixedScripts' };
  if (a.decorated || b.decorated)
    return { result: 'needs-confirmation', reason: 'validation:nameMatch.decorated' };
  return { result: 'match', reason: matchReason(a.words, b.words, hasExtras) };
}

function matchReason(a: readonly Word[], b: readonly Word[], hasExtras: boolean): NameMatchReason {
  if (hasExtras) return 'validation:nameMatch.patronymicOmitted';
  const spellingsA = a.map((word) => word.spelling);
  const spellingsB = b.map((word) => word.spelling);
  if (spellingsA.join(' ') === spellingsB.join(' ')) return 'validation:nameMatch.exact';
  if ([...spellingsA].sort().join(' ') === [...spellingsB].sort().join(' '))
    return 'validation:nameMatch.reordered';
  return 'validation:nameMatch.transliterated';
}

/** Pairs full words with equal skeletons; what is left of each side is the same whatever the order. */
function pairExactly(a: readonly Word[], b: readonly Word[]) {
  const restB = [...b];
  const restA: Word[] = [];
  let exact = 0;
  for (const word of a) {
    const at = word.initial
      ? -1
      : restB.findIndex((other) => !other.initial && other.skeleton === word.skeleton);
    if (at === -1) restA.push(word);
    else {
      restB.splice(at, 1);
      exact += 1;
    }
  }
  return { exact, restA, restB };
}

type SoftKind = 'initials' | 'diminutive' | 'typo';
/** Most doubtful first: the reason reported is the most doubtful kind of pair used. */
const SOFT_KINDS: readonly SoftKind[] = ['initials', 'diminutive', 'typo'];
const SOFT_REASONS: Record<SoftKind, NameMatchReason> = {
  initials: 'validation:nameMatch.initials',
  diminutive: 'validation:nameMatch.diminutive',
  typo: 'validation:nameMatch.typo',
};
/** Costs grow by more than MAX_WORDS times per kind, so the cheapest pairing is also the least doubtful. */
const SOFT_COST: Record<SoftKind, number> = { typo: 1, diminutive: 10, initials: 100 };

function softKind(a: Word, b: Word): SoftKind | undefined {
  if (a.initial || b.initial) {
    return a.skeleton.startsWith(b.skeleton) || b.skeleton.startsWith(a.skeleton) ? 'initials' : undefined;
  }
  if (isDiminutivePair(a.skeleton, b.skeleton)) return 'diminutive';
  if (Math.min(a.skeleton.length, b.skeleton.length) >= 3 && oneEditApart(a.skeleton, b.skeleton))
    return 'typo';
  return undefined;
}

interface SoftPairing {
  readonly kinds: readonly SoftKind[];
  readonly extrasA: number;
  readonly extrasB: number;
  readonly extrasArePatronymic: boolean;
}

/**
 * The best pairing of the leftover words by a doubtful relation: most pairs, then least doubtful, then
 * leftovers that read as a patronymic. Exhaustive, which is cheap for at most six words a side, and
 * makes the outcome independent of word order and of which name is which.
 */
function pairSoftly(a: readonly Word[], b: readonly Word[]): SoftPairing {
  let best: { score: readonly number[]; pairing: SoftPairing } | undefined;
  const usedB = b.map(() => false);
  const visit = (i: number, kinds: SoftKind[], leftA: Word[]): void => {
    if (i === a.length) {
      const leftB = b.filter((_, j) => !usedB[j]);
      const extras = leftA.length > 0 ? leftA : leftB;
      const extrasArePatronymic = readsAsPatronymic(extras);
      const cost = kinds.reduce((sum, kind) => sum + SOFT_COST[kind], 0);
      const score = [kinds.length, -cost, extrasArePatronymic ? 1 : 0];
      if (!best || isBetter(score, best.score)) {
        best = {
          score,
          pairing: { kinds: [...kinds], extrasA: leftA.length, extrasB: leftB.length, extrasArePatronymic },
        };
      }
      return;
    }
    const word = a[i]!;
    visit(i + 1, kinds, [...leftA, word]);
    b.forEach((other, j) => {
      const kind = usedB[j] ? undefined : softKind(word, other);
      if (!kind) return;
      usedB[j] = true;
      visit(i + 1, [...kinds, kind], leftA);
      usedB[j] = false;
    });
  };
  visit(0, [], []);
  return best!.pairing;
}

function isBetter(score: readonly number[], than: readonly number[]): boolean {
  for (let i = 0; i < score.length; i += 1) {
    if (score[i] !== than[i]) return score[i]! > than[i]!;
  }
  return false;
}

/** Patronymic endings in skeleton form (C stands for "ch"): -ович/-евич/-ич, -овна/-евна, -ична. */
const PATRONYMIC_ENDING = /(?:iC|vna|Cna)$/;
/** Turkic patronymic markers: оглы, кызы/гызы, улы, уулу. */
const PATRONYMIC_MARKERS = new Set(['ogli', 'kizi', 'gizi', 'uli', 'uulu']);

function readsAsPatronymic(words: readonly Word[]): boolean {
  if (words.length === 1) return !words[0]!.initial && PATRONYMIC_ENDING.test(words[0]!.skeleton);
  return words.length === 2 && words.some((word) => PATRONYMIC_MARKERS.has(word.skeleton));
}

/** True when one substitution, insertion, deletion or swap of neighbours turns one string into the other. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const differenceA = a.slice(start, endA);
  const differenceB = b.slice(start, endB);
  if (differenceA.length + differenceB.length <= 2 && Math.max(differenceA.length, differenceB.length) === 1)
    return true;
  return (
    differenceA.length === 2 &&
    differenceB.length === 2 &&
    differenceA === [...differenceB].reverse().join('')
  );
}
