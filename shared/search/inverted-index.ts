/**
 * An in-memory inverted index for full-text search over appeals, updated document by document.
 * Postings are append-only arrays of internal document numbers; re-indexing or removing a document
 * retires its number, and the postings are compacted when a quarter of the numbers are retired.
 * Queries AND their words; the last word also matches as a prefix of a term (search as you type).
 */
import { termOf, termsOf } from './tokens';

/**
 * The index in a form that is cheap to store and to read back (structured clone copies typed arrays
 * as bytes): the documents' ids by number, the terms, and every term's postings one after another.
 */
export interface IndexSnapshot {
  readonly ids: readonly string[];
  readonly terms: readonly string[];
  /** Where each term's postings end in `numbers`. */
  readonly ends: Int32Array;
  readonly numbers: Int32Array;
}

export class InvertedIndex {
  private readonly numberOf = new Map<string, number>();
  private ids: (string | null)[] = [];
  private postings = new Map<string, number[]>();
  private retired = 0;
  private termList: string[] | null = null;

  get size(): number {
    return this.numberOf.size;
  }

  /** The index as it is now, retired numbers dropped. */
  toSnapshot(): IndexSnapshot {
    if (this.retired > 0) this.compact();
    const terms = [...this.postings.keys()];
    const ends = new Int32Array(terms.length);
    let total = 0;
    terms.forEach((term, i) => {
      total += this.postings.get(term)?.length ?? 0;
      ends[i] = total;
    });
    const numbers = new Int32Array(total);
    let at = 0;
    for (const list of this.postings.values()) {
      numbers.set(list, at);
      at += list.length;
    }
    return { ids: this.ids as string[], terms, ends, numbers };
  }

  /** An index answering exactly as the one `snapshot` was taken of. */
  static fromSnapshot(snapshot: IndexSnapshot): InvertedIndex {
    const index = new InvertedIndex();
    index.ids = [...snapshot.ids];
    index.ids.forEach((id, n) => {
      if (id !== null) index.numberOf.set(id, n);
    });
    let start = 0;
    snapshot.terms.forEach((term, i) => {
      const end = snapshot.ends[i] ?? start;
      index.postings.set(term, Array.from(snapshot.numbers.subarray(start, end)));
      start = end;
    });
    return index;
  }

  /** Indexes (or re-indexes) a document's text. */
  put(id: string, text: string): void {
    this.remove(id);
    const n = this.ids.length;
    this.ids.push(id);
    this.numberOf.set(id, n);
    for (const term of termsOf(text)) {
      let list = this.postings.get(term);
      if (!list) {
        list = [];
        this.postings.set(term, list);
        this.termList = null;
      }
      list.push(n);
    }
  }

  remove(id: string): void {
    const n = this.numberOf.get(id);
    if (n === undefined) return;
    this.numberOf.delete(id);
    this.ids[n] = null;
    this.retired += 1;
    if (this.retired > 1000 && this.retired * 4 > this.ids.length) this.compact();
  }

  /** Ids of the documents containing every word of `query` (the last one also as a prefix). */
  search(query: string): string[] {
    const words = [...query.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0]);
    if (words.length === 0) return [];
    const lists: number[][] = [];
    words.forEach((word, index) => {
      const exact = this.postings.get(termOf(word)) ?? [];
      const isLast = index === words.length - 1;
      lists.push(isLast && word.length >= 3 ? this.withPrefix(word, exact) : exact);
    });
    lists.sort((a, b) => a.length - b.length);
    let hits: number[] = lists[0] ?? [];
    for (const list of lists.slice(1)) {
      if (hits.length === 0) break;
      const inList = new Set(list);
      hits = hits.filter((n) => inList.has(n));
    }
    const ids = new Set<string>();
    for (const n of hits) {
      const id = this.ids[n];
      if (id != null) ids.add(id);
    }
    return [...ids];
  }

  /** The postings of every term starting with the word (as typed, and as stemmed). */
  private withPrefix(word: string, exact: number[]): number[] {
    const lower = word.toLowerCase().replace(/ё/g, 'е');
    const stem = termOf(word);
    const prefixes = [...new Set([lower, stem])];
    this.termList ??= [...this.postings.keys()];
    const merged: number[] = [...exact];
    for (const term of this.termList) {
      if (prefixes.some((prefix) => term.startsWith(prefix)) && term !== stem) {
        for (const n of this.postings.get(term) ?? []) merged.push(n);
      }
    }
    return merged;
  }

  private compact(): void {
    const renumber = new Map<number, number>();
    const ids: (string | null)[] = [];
    this.ids.forEach((id, old) => {
      if (id === null) return;
      renumber.set(old, ids.length);
      this.numberOf.set(id, ids.length);
      ids.push(id);
    });
    const postings = new Map<string, number[]>();
    for (const [term, list] of this.postings) {
      const kept = list.flatMap((n) => {
        const next = renumber.get(n);
        return next === undefined ? [] : [next];
      });
      if (kept.length > 0) postings.set(term, kept);
    }
    this.ids = ids;
    this.postings = postings;
    this.retired = 0;
    this.termList = null;
  }
}
