// npx tsx scripts/vendor-routing-features.ts <folder with train.csv and test.csv>
//
// Writes resources/triage/kursk-features.json.gz from the public ПОС set (SOURCE.txt beside the CSV
// files; resources/triage/README.md). The set holds personal data citizens wrote themselves, so no text
// and no row of it enters the repository: each appeal becomes its masked, hashed features
// (shared/triage/features.ts) — kept only for buckets seen in at least `minDocuments` of the 3,000
// appeals, so a word one citizen wrote (a surname the masking missed) leaves no trace — and its two
// labels (a portal subcategory and the public body that answered). Run once, when the set changes.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { featuresOf, hashBits, type TextFeatures } from '../shared/triage/features';
import { withoutCourtesies } from '../shared/triage/incident';
import {
  routingDataFile,
  routingDataFormat,
  type StoredDocument,
  type StoredRoutingData,
} from './routing/data';

const minDocuments = 3;

const folder = process.argv[2];
if (!folder) {
  console.error('usage: npx tsx scripts/vendor-routing-features.ts <folder with train.csv and test.csv>');
  process.exit(2);
}

interface Appeal {
  readonly features: TextFeatures;
  readonly incident: TextFeatures;
  readonly category: string;
  readonly executor: string;
}

// train.csv: id, text, category, executor, group id; test.csv: id, text, category, executor. No header.
const read = (name: string): Appeal[] =>
  (parse(readFileSync(path.join(folder, name), 'utf8'), { relax_column_count: true }) as string[][]).map(
    ([, text = '', category = '', executor = '']) => ({
      features: featuresOf(text),
      incident: featuresOf(withoutCourtesies(text)),
      category,
      executor,
    }),
  );
const train = read('train.csv');
const test = read('test.csv');

const documents = new Map<number, number>();
for (const appeal of [...train, ...test]) {
  for (const bucket of appeal.features.counts.keys()) documents.set(bucket, (documents.get(bucket) ?? 0) + 1);
}
const kept = (bucket: number) => (documents.get(bucket) ?? 0) >= minDocuments;

function coded(features: TextFeatures): number[] {
  const entries = [...features.counts].filter(([bucket]) => kept(bucket)).sort((a, b) => a[0] - b[0]);
  let last = 0;
  return entries.flatMap(([bucket, count]) => {
    const delta = bucket - last;
    last = bucket;
    return [delta, count];
  });
}

function codedStems(features: TextFeatures): number[] {
  let last = 0;
  return [...features.stems]
    .filter(kept)
    .sort((a, b) => a - b)
    .map((bucket) => {
      const delta = bucket - last;
      last = bucket;
      return delta;
    });
}

const categories = [...new Set([...train, ...test].map((a) => a.category))].sort();
const executors = [...new Set([...train, ...test].map((a) => a.executor))].sort();
const stored = (appeal: Appeal): StoredDocument => {
  const f = coded(appeal.features);
  const i = coded(appeal.incident);
  return {
    c: categories.indexOf(appeal.category),
    e: executors.indexOf(appeal.executor),
    f,
    ...(i.join() === f.join() ? {} : { i }),
    s: codedStems(appeal.features),
  };
};
const data: StoredRoutingData = {
  format: routingDataFormat,
  minDocuments,
  hashBits,
  categories,
  executors,
  train: train.map(stored),
  test: test.map(stored),
};
writeFileSync(routingDataFile, gzipSync(JSON.stringify(data), { level: 9 }));
console.log(
  `wrote ${path.relative(process.cwd(), routingDataFile)}: ${train.length} + ${test.length} appeals, ` +
    `${[...documents.values()].filter((n) => n >= minDocuments).length} of ${documents.size} buckets kept`,
);
