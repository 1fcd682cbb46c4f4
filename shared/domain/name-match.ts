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
  readonly cyrillic: boolean;
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
  return {
    skeleton: nameSkeleton(word),
    spelling,
    initial: spelling.length === 1,
    cyrillic: CYRILLIC_LETTER.test(word) && !LATIN_LETTER.test(word),
  };
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
  const pairing = pairWords(a.words, b.words);
  const { kinds, extrasA, extrasB } = pairing;
  const exact = kinds.filter((kind) => kind === 'exact').length;
  if (exact === 0 || (extrasA > 0 && extrasB > 0))
    return { result: 'mismatch', reason: 'validation:nameMatch.different' };
  const hasExtras = extrasA + extrasB > 0;
  if ((hasExtras && !pairing.extrasArePatronymic) || kinds.length < 2) {
    return { result: 'needs-confirmation', reason: 'validation:nameMatch.partial' };
  }
  for (const kind of DOUBTFUL_KINDS) {
    if (kinds.includes(kind)) return { result: 'needs-confirmation', reason: DOUBTFUL_REASONS[kind] };
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

type PairKind = 'exact' | 'initials' | 'diminutive' | 'typo';
type DoubtfulKind = Exclude<PairKind, 'exact'>;
/** Most doubtful first: the reason reported is the most doubtful kind of pair used. */
const DOUBTFUL_KINDS: readonly DoubtfulKind[] = ['initials', 'diminutive', 'typo'];
const DOUBTFUL_REASONS: Record<DoubtfulKind, NameMatchReason> = {
  initials: 'validation:nameMatch.initials',
  diminutive: 'validation:nameMatch.diminutive',
  typo: 'validation:nameMatch.typo',
};
/** Costs grow by more than MAX_WORDS times per kind, so the cheapest pairing is also the least doubtful. */
const COST: Record<PairKind, number> = { exact: 0, typo: 1, diminutive: 10, initials: 100 };

/**
 * How two words of the two names relate. The same word: equal skeletons, except that two Cyrillic
 * spellings must also be equal, since a passport's Cyrillic spelling is exact (Наталья ≠ Наталия,
 * though both romanise alike).
 */
function pairKind(a: Word, b: Word): PairKind | undefined {
  if (a.initial || b.initial) {
    return a.skeleton.startsWith(b.skeleton) || b.skeleton.startsWith(a.skeleton) ? 'initials' : undefined;
  }
  const bothCyrillic = a.cyrillic && b.cyrillic;
  if (a.skeleton === b.skeleton && (!bothCyrillic || a.spelling === b.spelling)) return 'exact';
  if (isDiminutivePair(a.skeleton, b.skeleton)) return 'diminutive';
  const typo = bothCyrillic ? oneEditApart(a.spelling, b.spelling) : oneEditApart(a.skeleton, b.skeleton);
  return typo && Math.min(a.spelling.length, b.spelling.length) >= 3 ? 'typo' : undefined;
}

interface Pairing {
  readonly kinds: readonly PairKind[];
  readonly extrasA: number;
  readonly extrasB: number;
  readonly extrasArePatronymic: boolean;
}

/**
 * The best pairing of the words of two names: most exact pairs, then most pairs, then least doubtful,
 * then leftovers that read as a patronymic. Exhaustive, which is cheap for at most six words a side,
 * and makes the outcome independent of word order and of which name is which.
 */
function pairWords(a: readonly Word[], b: readonly Word[]): Pairing {
  let best: { score: readonly number[]; pairing: Pairing } | undefined;
  const usedB = b.map(() => false);
  const visit = (i: number, kinds: PairKind[], leftA: number, leftWordsA: Word[]): void => {
    if (i === a.length) {
      const leftB = b.filter((_, j) => !usedB[j]);
      const extrasArePatronymic = readsAsPatronymic(leftA > 0 ? leftWordsA : leftB);
      const exact = kinds.filter((kind) => kind === 'exact').length;
      const cost = kinds.reduce((sum, kind) => sum + COST[kind], 0);
      const score = [exact, kinds.length, -cost, extrasArePatronymic ? 1 : 0];
      if (!best || isBetter(score, best.score)) {
        best = {
          score,
          pairing: { kinds: [...kinds], extrasA: leftA, extrasB: leftB.length, extrasArePatronymic },
        };
      }
      return;
    }
    const word = a[i]!;
    visit(i + 1, kinds, leftA + 1, [...leftWordsA, word]);
    b.forEach((other, j) => {
      const kind = usedB[j] ? undefined : pairKind(word, other);
      if (!kind) return;
      usedB[j] = true;
      visit(i + 1, [...kinds, kind], leftA, leftWordsA);
      usedB[j] = false;
    });
  };
  visit(0, [], 0, []);
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
