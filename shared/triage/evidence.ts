import { featuresOf } from './features';
import { headProbabilities, type Ranked, topClasses } from './head';
import type { TriageModel } from './model';
import { type SparseVector, vectorise } from './vectoriser';

/** What the suggestions read from one message: its features and the model's category belief. */
export interface TriageEvidence {
  readonly vector: SparseVector;
  /** Hash buckets of the message's stems: an organisation's learner keys by them, so it outlives a model release. */
  readonly stems: readonly number[];
  /** Stem bucket → the stem, for a reason; never stored. */
  readonly stemOf: ReadonlyMap<number, string>;
  /** Portal (ПОС) categories, best first, at most three. */
  readonly categories: readonly Ranked[];
}

export function triageEvidence(model: TriageModel, text: string): TriageEvidence {
  const features = featuresOf(text);
  const vector = vectorise(model.vectoriser, features);
  const probabilities = headProbabilities(model.category, vector);
  const stems = [...features.stems];
  const stemOf = new Map(stems.map((bucket) => [bucket, features.origin.get(bucket) ?? '']));
  return { vector, stems, stemOf, categories: topClasses(model.category, vector, probabilities, 3) };
}
