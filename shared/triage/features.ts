import { termOf } from '../search/tokens';
import { maskPersonalData } from './text';

/**
 * Features of a masked text: Russian stems (Snowball) and character 3–5-grams inside words
 * (they carry misspellings and word forms the stemmer misses; measured in resources/triage/README.md). Each is hashed (FNV-1a) into a fixed space, so a model ships weights
 * by bucket and never a vocabulary; the reason of a suggestion is read back from the message's
 * own words (`origin`), never from the model.
 */

export const hashBits = 20;
const charGrams = { min: 3, max: 5 };
const hashMask = (1 << hashBits) - 1;
const wordPattern = /[\p{L}\p{N}]+/gu;
const stopWords = new Set(
  'и в во на не что с со по к ко у о об от до из за для же бы ли а но да то это как так я мы вы он она они его ее их мне нас вас им был была были быть есть уже еще очень все всё при или ни этот эта эти который которые которая'.split(
    ' ',
  ),
);

export function hashFeature(feature: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    hash ^= feature.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) & hashMask;
}

export interface TextFeatures {
  /** Bucket → count in this text. */
  readonly counts: Map<number, number>;
  /** Bucket → the stem it came from (for a reason); character n-grams point at their word's stem. */
  readonly origin: Map<number, string>;
  /** Buckets of the stems (not of character n-grams). */
  readonly stems: Set<number>;
}

/** The words of a text, digits reduced to their shape (house numbers are masked already). */
function wordsOf(maskedText: string): string[] {
  return [...maskedText.matchAll(wordPattern)].map((match) => match[0].replace(/\d/g, '0'));
}

export function featuresOf(text: string, withCharGrams = true): TextFeatures {
  const counts = new Map<number, number>();
  const origin = new Map<number, string>();
  const stems = new Set<number>();
  const add = (feature: string, from: string) => {
    const bucket = hashFeature(feature);
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
    if (!origin.has(bucket)) origin.set(bucket, from);
  };
  for (const word of wordsOf(maskPersonalData(text))) {
    const stem = termOf(word);
    if (stopWords.has(word)) continue;
    add(`w ${stem}`, stem);
    stems.add(hashFeature(`w ${stem}`));
    if (!withCharGrams) continue;
    const padded = ` ${word} `;
    for (let size = charGrams.min; size <= charGrams.max; size++) {
      for (let start = 0; start + size <= padded.length; start++)
        add(`c${padded.slice(start, start + size)}`, stem);
    }
  }
  return { counts, origin, stems };
}
