/**
 * The Snowball Russian stemmer (M. Porter, snowballstem.org/algorithms/russian/stemmer.html), so that
 * a search for «дорога» finds «дороги», «дорогах», «дорогой». Pure: no DOM, no Node.
 *
 * Regions: RV is the part after the first vowel; R2 as in every Snowball stemmer. Every ending is
 * removed only when it lies inside RV; the longest matching ending of a group wins, and endings of
 * the "а/я" groups also need that letter (inside RV) right before them.
 */

const vowels = new Set(['а', 'е', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я']);

interface EndingGroup {
  /** Endings that must follow «а» or «я». */
  readonly afterAYa: readonly string[];
  readonly plain: readonly string[];
}

const perfectiveGerund: EndingGroup = {
  afterAYa: ['в', 'вши', 'вшись'],
  plain: ['ив', 'ивши', 'ившись', 'ыв', 'ывши', 'ывшись'],
};
const adjective: EndingGroup = {
  afterAYa: [],
  plain: [
    'ее',
    'ие',
    'ые',
    'ое',
    'ими',
    'ыми',
    'ей',
    'ий',
    'ый',
    'ой',
    'ем',
    'им',
    'ым',
    'ом',
    'его',
    'ого',
    'ему',
    'ому',
    'их',
    'ых',
    'ую',
    'юю',
    'ая',
    'яя',
    'ою',
    'ею',
  ],
};
const participle: EndingGroup = { afterAYa: ['ем', 'нн', 'вш', 'ющ', 'щ'], plain: ['ивш', 'ывш', 'ующ'] };
const reflexive: EndingGroup = { afterAYa: [], plain: ['ся', 'сь'] };
const verb: EndingGroup = {
  afterAYa: [
    'ла',
    'на',
    'ете',
    'йте',
    'ли',
    'й',
    'л',
    'ем',
    'н',
    'ло',
    'но',
    'ет',
    'ют',
    'ны',
    'ть',
    'ешь',
    'нно',
  ],
  plain: [
    'ила',
    'ыла',
    'ена',
    'ейте',
    'уйте',
    'ите',
    'или',
    'ыли',
    'ей',
    'уй',
    'ил',
    'ыл',
    'им',
    'ым',
    'ен',
    'ило',
    'ыло',
    'ено',
    'ят',
    'ует',
    'уют',
    'ит',
    'ыт',
    'ены',
    'ить',
    'ыть',
    'ишь',
    'ую',
    'ю',
  ],
};
const noun: EndingGroup = {
  afterAYa: [],
  plain: [
    'а',
    'ев',
    'ов',
    'ие',
    'ье',
    'е',
    'иями',
    'ями',
    'ами',
    'еи',
    'ии',
    'и',
    'ией',
    'ей',
    'ой',
    'ий',
    'й',
    'иям',
    'ям',
    'ием',
    'ем',
    'ам',
    'ом',
    'о',
    'у',
    'ах',
    'иях',
    'ях',
    'ы',
    'ь',
    'ию',
    'ью',
    'ю',
    'ия',
    'ья',
    'я',
  ],
};
const derivational: EndingGroup = { afterAYa: [], plain: ['ост', 'ость'] };

/** Longest ending first, each tagged with whether it needs «а»/«я» before it. */
function compile(group: EndingGroup): readonly [string, boolean][] {
  return [
    ...group.afterAYa.map((ending) => [ending, true] as [string, boolean]),
    ...group.plain.map((ending) => [ending, false] as [string, boolean]),
  ].sort((a, b) => b[0].length - a[0].length);
}

const groups = {
  perfectiveGerund: compile(perfectiveGerund),
  adjective: compile(adjective),
  participle: compile(participle),
  reflexive: compile(reflexive),
  verb: compile(verb),
  noun: compile(noun),
  derivational: compile(derivational),
};

/**
 * Removes the longest ending of `endings` lying at or after `limit`. Returns the shorter word, or null
 * when no ending matches — or when the longest match needs «а»/«я» and lacks it (Snowball's `among`
 * does not fall back to a shorter ending then).
 */
function removeEnding(word: string, limit: number, endings: readonly [string, boolean][]): string | null {
  for (const [ending, afterAYa] of endings) {
    const start = word.length - ending.length;
    if (start < limit || !word.endsWith(ending)) continue;
    if (!afterAYa) return word.slice(0, start);
    const before = word[start - 1];
    return start - 1 >= limit && (before === 'а' || before === 'я') ? word.slice(0, start) : null;
  }
  return null;
}

function regions(word: string): { rv: number; r2: number } {
  const n = word.length;
  let i = 0;
  while (i < n && !vowels.has(word[i]!)) i++;
  const rv = Math.min(n, i + 1);
  // R1: after the first non-vowel that follows a vowel; R2: the same again inside R1.
  let j = rv;
  while (j < n && vowels.has(word[j]!)) j++;
  j++;
  while (j < n && !vowels.has(word[j]!)) j++;
  while (j < n && vowels.has(word[j]!)) j++;
  const r2 = Math.min(n, j + 1);
  return { rv, r2 };
}

/** The stem of one lower-case Russian word (ё is treated as е). Non-Cyrillic input comes back as is. */
export function stemRussian(input: string): string {
  let word = input.replace(/ё/g, 'е');
  const { rv, r2 } = regions(word);
  if (rv >= word.length) return word;

  // Step 1.
  const gerund = removeEnding(word, rv, groups.perfectiveGerund);
  if (gerund !== null) {
    word = gerund;
  } else {
    word = removeEnding(word, rv, groups.reflexive) ?? word;
    const adjectival = removeEnding(word, rv, groups.adjective);
    if (adjectival !== null) {
      word = removeEnding(adjectival, rv, groups.participle) ?? adjectival;
    } else {
      word = removeEnding(word, rv, groups.verb) ?? removeEnding(word, rv, groups.noun) ?? word;
    }
  }

  // Step 2.
  if (word.endsWith('и') && word.length - 1 >= rv) word = word.slice(0, -1);

  // Step 3: derivational endings inside R2.
  word = removeEnding(word, Math.max(rv, r2), groups.derivational) ?? word;

  // Step 4: superlative (then undouble н), undouble н, or a final soft sign.
  if ((word.endsWith('ейше') && word.length - 4 >= rv) || (word.endsWith('ейш') && word.length - 3 >= rv)) {
    word = word.slice(0, word.endsWith('ейше') ? -4 : -3);
    if (word.endsWith('нн') && word.length - 2 >= rv) word = word.slice(0, -1);
  } else if (word.endsWith('нн') && word.length - 2 >= rv) {
    word = word.slice(0, -1);
  } else if (word.endsWith('ь') && word.length - 1 >= rv) {
    word = word.slice(0, -1);
  }
  return word;
}
