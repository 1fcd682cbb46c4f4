// The routing data set, as this repository keeps it: resources/triage/kursk-features.json.gz holds the
// public ПОС set (docs in resources/triage/README.md) as hashed features only — no text, no row of the
// original — written once by scripts/vendor-routing-features.ts. Training and measuring read it from here, so
// `npm run eval:routing` runs on a fresh clone with nothing beside it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { TextFeatures } from '../../shared/triage/features';

/** One portal appeal as training and measuring use it: its features and the two labels. */
export interface PortalExample {
  /** Features of the whole masked text (shared/triage/features.ts). */
  readonly features: TextFeatures;
  /** Features of the text without greetings and courtesies (shared/triage/incident.ts). */
  readonly incidentFeatures: TextFeatures;
  /** The portal's subcategory. */
  readonly category: string;
  /** The body that answered. */
  readonly executor: string;
}

export const routingDataFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'resources',
  'triage',
  'kursk-features.json.gz',
);

/** The format of the vendored file; vendor.ts writes it, readRoutingData reads it. */
export const routingDataFormat = 'okno-routing-features-1';

/** A document's features: buckets delta-coded, each followed by its count; stems as bucket deltas. */
export interface StoredDocument {
  /** Index into `categories`. */
  readonly c: number;
  /** Index into `executors`. */
  readonly e: number;
  /** Whole text: [Δbucket, count, Δbucket, count, …]. */
  readonly f: number[];
  /** Without courtesies, the same way; absent when it equals `f`. */
  readonly i?: number[];
  /** Buckets of the stems, delta-coded. */
  readonly s: number[];
}

export interface StoredRoutingData {
  readonly format: typeof routingDataFormat;
  readonly minDocuments: number;
  readonly hashBits: number;
  readonly categories: string[];
  readonly executors: string[];
  readonly train: StoredDocument[];
  readonly test: StoredDocument[];
}

function countsOf(coded: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  let bucket = 0;
  for (let k = 0; k < coded.length; k += 2) {
    bucket += coded[k] as number;
    counts.set(bucket, coded[k + 1] as number);
  }
  return counts;
}

function bucketsOf(coded: readonly number[]): Set<number> {
  let bucket = 0;
  return new Set(coded.map((delta) => (bucket += delta)));
}

/** Features read back carry no origin: the vendored file has no words, so reasons stay empty. */
const featuresFrom = (coded: readonly number[], stems: Set<number>): TextFeatures => ({
  counts: countsOf(coded),
  origin: new Map(),
  stems,
});

export function readRoutingData(file = routingDataFile): { train: PortalExample[]; test: PortalExample[] } {
  const stored = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as StoredRoutingData;
  if (stored.format !== routingDataFormat)
    throw new Error(`${file}: format ${String(stored.format)}, expected ${routingDataFormat}`);
  const example = (doc: StoredDocument): PortalExample => {
    const stems = bucketsOf(doc.s);
    const features = featuresFrom(doc.f, stems);
    return {
      features,
      incidentFeatures: doc.i ? featuresFrom(doc.i, stems) : features,
      category: stored.categories[doc.c] as string,
      executor: stored.executors[doc.e] as string,
    };
  };
  return { train: stored.train.map(example), test: stored.test.map(example) };
}
