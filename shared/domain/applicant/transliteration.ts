/**
 * One canonical Latin skeleton for a name written in Cyrillic or in any common Latin transliteration.
 *
 * Cyrillic is first romanised with the passport system (ICAO Doc 9303 / ГОСТ Р 52535.1-2006:
 * х→kh, ц→ts, щ→shch, ю→iu, я→ia, й→i, ы→y, ь/ъ dropped). Then the same folding is applied to both
 * sides, collapsing the differences between systems: BGN "Yury/Yuriy", ICAO "Iurii", German "Jurij";
 * "Zh/Ž", "Kh/H", "Ts/Tz", "Shch/Sch", "Ya/Ia/Ja", "Yu/Iu/Ju", "Ye/Je/E", "Yo/E" for ё, "-iy/-ii/-y".
 * The folding is lossy on purpose: two different names may share a skeleton (rare among real names),
 * but one name written in two systems always does, which is what matching a profile to a passport needs.
 */

const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  // Ukrainian and Belarusian letters met in names of Russian citizens.
  і: 'i',
  ї: 'i',
  є: 'e',
  ґ: 'g',
  ў: 'u',
};

/** Ordered folding rules; upper-case letters are placeholders for digraphs so later rules leave them be. */
const FOLDING: readonly (readonly [RegExp, string])[] = [
  [/ž/g, 'zh'],
  [/š/g, 'sh'],
  [/č/g, 'ch'],
  [/[^\p{L}]/gu, ''],
  [/shch|sch|shh/g, 'Q'],
  [/zh/g, 'Z'],
  [/ch/g, 'C'],
  [/sh/g, 'S'],
  [/kh/g, 'h'],
  [/ph/g, 'f'],
  [/ts|tz/g, 'T'],
  [/x/g, 'ks'],
  [/w/g, 'v'],
  [/q/g, 'k'],
  [/ck/g, 'k'],
  [/c(?=[eiy])/g, 's'],
  [/c/g, 'k'],
  [/[yj]o/g, 'e'],
  [/[yj]e/g, 'e'],
  [/[yj]/g, 'i'],
  [/i{2,}/g, 'i'],
];

function romanise(lowerCase: string): string {
  let latin = '';
  for (const char of lowerCase) latin += CYRILLIC_TO_LATIN[char] ?? char;
  return latin;
}

/** The skeleton of one word of a name; '' when nothing Latin or Cyrillic is left. */
export function nameSkeleton(word: string): string {
  let text = romanise(word.normalize('NFC').toLowerCase());
  for (const [pattern, replacement] of FOLDING.slice(0, 3)) text = text.replace(pattern, replacement);
  text = text.normalize('NFD').replace(/\p{M}/gu, '');
  for (const [pattern, replacement] of FOLDING.slice(3)) text = text.replace(pattern, replacement);
  return text.replace(/[^a-zA-Z]/g, '');
}
