import { stemRussian } from './russian-stemmer';

const wordPattern = /[\p{L}\p{N}]+/gu;
const cyrillic = /[а-яё]/;

// Appeals repeat a limited vocabulary: stemming each distinct word once makes indexing 100,000 fast.
const memo = new Map<string, string>();
const memoLimit = 200_000;

/** The search term of one word: lower case, ё → е, Russian words stemmed. */
export function termOf(word: string): string {
  const lower = word.toLowerCase().replace(/ё/g, 'е');
  let term = memo.get(lower);
  if (term === undefined) {
    term = cyrillic.test(lower) ? stemRussian(lower) : lower;
    if (memo.size >= memoLimit) memo.clear();
    memo.set(lower, term);
  }
  return term;
}

/** The distinct terms of a text, in first-seen order. Single letters are not indexed. */
export function termsOf(text: string): string[] {
  const terms = new Set<string>();
  for (const match of text.matchAll(wordPattern)) {
    if (match[0].length < 2 && !/\d/.test(match[0])) continue;
    terms.add(termOf(match[0]));
  }
  return [...terms];
}
