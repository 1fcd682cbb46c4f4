import { type Coupling, loadCoupling, type StoredCoupling } from './coupling';
import { hashBits } from './features';
import { type Head, loadHead, type StoredHead } from './head';
import { makeVectoriser, type Vectoriser } from './vectoriser';

/**
 * The shipped triage model (resources/triage/model.json): the kept feature buckets with their idf,
 * and one head per suggestion. Derived numbers only — no text, no vocabulary: a bucket is a hash.
 */
/** 2: category and executor read stems and character n-grams normalised separately; coupling has a temperature. */
export const triageModelFormat = 'okno-triage/2';

export interface StoredTriageModel {
  readonly format: typeof triageModelFormat;
  readonly hashBits: number;
  /** A bucket is kept when this many training texts have it. */
  readonly minDocuments: number;
  /** Kept buckets, ascending, delta-coded. */
  readonly buckets: readonly number[];
  /** idf of each kept bucket, times 100, rounded. */
  readonly idf: readonly number[];
  readonly heads: {
    readonly category: StoredHead;
    readonly executor: StoredHead;
    /** Classes `incident` and `other`, over portal appeals and the team's messages. */
    readonly incident: StoredHead;
    /** Classes `incident` and `other`, over the team's chat messages alone. */
    readonly incidentChat: StoredHead;
  };
  /** A message is an incident when the two incident heads' mean probability reaches this. */
  readonly incidentThreshold: number;
  readonly coupling: StoredCoupling;
  /** How it was made (what from, when, with which settings); free text for people. */
  readonly provenance: Record<string, string | number>;
}

export interface TriageModel {
  readonly vectoriser: Vectoriser;
  readonly category: Head;
  readonly executor: Head;
  readonly incident: Head;
  readonly incidentChat: Head;
  readonly incidentThreshold: number;
  readonly coupling: Coupling;
}

function isStoredHead(value: unknown): value is StoredHead {
  const head = value as StoredHead | null;
  return (
    typeof head === 'object' &&
    head !== null &&
    Array.isArray(head.classes) &&
    Array.isArray(head.bias) &&
    typeof head.scale === 'number' &&
    Array.isArray(head.features) &&
    Array.isArray(head.weights) &&
    head.features.length === head.classes.length &&
    head.weights.length === head.classes.length
  );
}

/**
 * The model from its parsed JSON. A model file is a shipped resource, not user input: one that does
 * not match this format is a packaging error, so it throws rather than returning a Result.
 */
export function loadTriageModel(json: unknown): TriageModel {
  const stored = json as StoredTriageModel | null;
  if (
    typeof stored !== 'object' ||
    stored === null ||
    stored.format !== triageModelFormat ||
    stored.hashBits !== hashBits ||
    !Array.isArray(stored.buckets) ||
    !Array.isArray(stored.idf) ||
    stored.buckets.length !== stored.idf.length ||
    !isStoredHead(stored.heads?.category) ||
    !isStoredHead(stored.heads.executor) ||
    !isStoredHead(stored.heads.incident) ||
    !isStoredHead(stored.heads.incidentChat) ||
    typeof stored.incidentThreshold !== 'number' ||
    typeof stored.coupling?.gamma !== 'number' ||
    typeof stored.coupling.temperature !== 'number' ||
    !Array.isArray(stored.coupling.pairs)
  ) {
    throw new Error(`not an ${triageModelFormat} model with ${hashBits}-bit features`);
  }
  let bucket = 0;
  const buckets = Int32Array.from(stored.buckets, (delta) => {
    bucket += delta;
    return bucket;
  });
  const vectoriser = makeVectoriser(
    buckets,
    Float32Array.from(stored.idf, (idf) => idf / 100),
  );
  const featureCount = buckets.length;
  return {
    vectoriser,
    category: loadHead(stored.heads.category, featureCount),
    executor: loadHead(stored.heads.executor, featureCount),
    incident: loadHead(stored.heads.incident, featureCount),
    incidentChat: loadHead(stored.heads.incidentChat, featureCount),
    incidentThreshold: stored.incidentThreshold,
    coupling: loadCoupling(
      stored.coupling,
      stored.heads.executor.classes.length,
      stored.heads.category.classes.length,
    ),
  };
}

export function storeVectoriser(vectoriser: Vectoriser): Pick<StoredTriageModel, 'buckets' | 'idf'> {
  return {
    buckets: Array.from(
      vectoriser.buckets,
      (bucket, i) => bucket - (i > 0 ? (vectoriser.buckets[i - 1] as number) : 0),
    ),
    idf: Array.from(vectoriser.idf, (idf) => Math.round(idf * 100)),
  };
}
