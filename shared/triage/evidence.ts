import { couple } from './coupling';
import { featuresOf, type TextFeatures } from './features';
import { headProbabilities, type Ranked, topClasses } from './head';
import type { TriageModel } from './model';
import { type SparseVector, vectorise } from './vectoriser';

/** What the suggestions read from one message: its features and the model's category belief. */
export interface TriageEvidence {
  /** The message as the category and executor heads read it (stems and n-grams normalised separately). */
  readonly vector: SparseVector;
  /** Hash buckets of the message's stems: an organisation's learner keys by them, so it outlives a model release. */
  readonly stems: readonly number[];
  /** Stem bucket → the stem, for a reason; never stored. */
  readonly stemOf: ReadonlyMap<number, string>;
  /** Portal (ПОС) categories, best first, at most three. */
  readonly categories: readonly Ranked[];
  /** Bodies that answered such appeals in the public data, best first, at most three. */
  readonly executors: readonly Ranked[];
}

export function triageEvidence(model: TriageModel, text: string): TriageEvidence {
  return evidenceOf(model, featuresOf(text));
}

/** The same from features already taken (the vendored routing set holds features, not texts). */
export function evidenceOf(model: TriageModel, features: TextFeatures): TriageEvidence {
  const vector = vectorise(model.vectoriser, features, true);
  const coupled = couple(
    model.coupling,
    headProbabilities(model.category, vector),
    headProbabilities(model.executor, vector),
  );
  const stems = [...features.stems];
  const stemOf = new Map(stems.map((bucket) => [bucket, features.origin.get(bucket) ?? '']));
  return {
    vector,
    stems,
    stemOf,
    categories: topClasses(model.category, vector, coupled.category, 3),
    executors: topClasses(model.executor, vector, coupled.executor, 3),
  };
}
