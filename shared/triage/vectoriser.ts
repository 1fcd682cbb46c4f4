import type { TextFeatures } from './features';

/**
 * TF-IDF over the kept buckets: sublinear term frequency (1 + ln tf) times idf, L2-normalised.
 * Only buckets seen in at least `minDocuments` training texts are kept, so a word one citizen
 * wrote (a surname the masking missed, a rare street) leaves no trace in the model.
 */
export interface Vectoriser {
  /** Kept buckets, ascending; a feature's index is its position here. */
  readonly buckets: Int32Array;
  readonly idf: Float32Array;
  readonly indexOf: Map<number, number>;
}

export interface SparseVector {
  readonly index: Int32Array;
  readonly value: Float32Array;
  /** Feature index → the stem it came from, for reasons. */
  readonly origin: Map<number, string>;
}

export function makeVectoriser(buckets: Int32Array, idf: Float32Array): Vectoriser {
  const indexOf = new Map<number, number>();
  buckets.forEach((bucket, index) => {
    indexOf.set(bucket, index);
  });
  return { buckets, idf, indexOf };
}

export function fitVectoriser(documents: readonly TextFeatures[], minDocuments: number): Vectoriser {
  const documentCount = new Map<number, number>();
  for (const document of documents) {
    for (const bucket of document.counts.keys())
      documentCount.set(bucket, (documentCount.get(bucket) ?? 0) + 1);
  }
  const kept = [...documentCount.entries()]
    .filter(([, count]) => count >= minDocuments)
    .sort((a, b) => a[0] - b[0]);
  const total = documents.length;
  return makeVectoriser(
    Int32Array.from(kept, ([bucket]) => bucket),
    Float32Array.from(kept, ([, count]) => Math.log((total + 1) / (count + 1)) + 1),
  );
}

/**
 * The TF-IDF vector of a text. `separately`: its stems and its character n-grams are each
 * L2-normalised, then the whole (so each part weighs the same whatever the word lengths): the category
 * and executor heads read this view, measured better than one normalisation over both
 * (resources/triage/README.md); the incident heads read the joint one.
 */
export function vectorise(vectoriser: Vectoriser, features: TextFeatures, separately = false): SparseVector {
  const entries: [index: number, value: number, part: number][] = [];
  const origin = new Map<number, string>();
  const partNorm = [0, 0];
  for (const [bucket, count] of features.counts) {
    const index = vectoriser.indexOf.get(bucket);
    if (index === undefined) continue;
    const value = (1 + Math.log(count)) * (vectoriser.idf[index] ?? 1);
    const which = separately && features.stems.has(bucket) ? 1 : 0;
    entries.push([index, value, which]);
    partNorm[which] = (partNorm[which] as number) + value * value;
    const from = features.origin.get(bucket);
    if (from !== undefined) origin.set(index, from);
  }
  entries.sort((a, b) => a[0] - b[0]);
  const scale = partNorm.map((sum) => 1 / (Math.sqrt(sum) || 1));
  const parts = partNorm.filter((sum) => sum > 0).length || 1;
  return {
    index: Int32Array.from(entries, ([index]) => index),
    value: Float32Array.from(
      entries,
      ([, value, which]) => (value * (scale[which] as number)) / Math.sqrt(parts),
    ),
    origin,
  };
}
