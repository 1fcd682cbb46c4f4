/**
 * The vendored routing set (resources/triage/kursk-features.json.gz, written by scripts/vendor-routing-features.ts
 * from the public ПОС set): it must read back whole, and hold nothing of the citizens' texts — no string
 * but the format and the two label lists, and no feature fewer than `minDocuments` appeals share.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import {
  readRoutingData,
  routingDataFile,
  routingDataFormat,
  type StoredDocument,
  type StoredRoutingData,
} from '../../../../scripts/routing/data';

const stored = JSON.parse(gunzipSync(readFileSync(routingDataFile)).toString('utf8')) as StoredRoutingData;

function strings(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, found);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) strings(item, found);
  return found;
}

const bucketsOf = (coded: readonly number[]) => {
  let bucket = 0;
  return coded.filter((_, k) => k % 2 === 0).map((delta) => (bucket += delta));
};

describe('the vendored routing set', () => {
  it('reads back as 2,000 training and 1,000 test appeals, each with both labels and features', () => {
    const { train, test } = readRoutingData();
    expect([train.length, test.length]).toEqual([2000, 1000]);
    for (const appeal of [...train, ...test]) {
      expect(stored.categories).toContain(appeal.category);
      expect(stored.executors).toContain(appeal.executor);
      expect(appeal.features.counts.size).toBeGreaterThan(0);
      expect(appeal.features.origin.size).toBe(0);
    }
  });

  it('holds no text but its format and the label names (portal subcategories, public bodies)', () => {
    expect(strings(stored).sort()).toEqual(
      [routingDataFormat, ...stored.categories, ...stored.executors].sort(),
    );
  });

  it('keeps only features that at least minDocuments appeals share', () => {
    const documents = new Map<number, number>();
    const all: StoredDocument[] = [...stored.train, ...stored.test];
    for (const doc of all) {
      for (const bucket of new Set(bucketsOf(doc.f))) documents.set(bucket, (documents.get(bucket) ?? 0) + 1);
    }
    expect(stored.minDocuments).toBeGreaterThanOrEqual(3);
    expect([...documents.values()].filter((n) => n < stored.minDocuments)).toEqual([]);
    // The courtesy-free features and the stems draw on the same kept buckets.
    const stemBuckets = (coded: readonly number[]) => {
      let bucket = 0;
      return coded.map((delta) => (bucket += delta));
    };
    const outside = all.flatMap((doc) =>
      [...bucketsOf(doc.i ?? []), ...stemBuckets(doc.s)].filter((bucket) => !documents.has(bucket)),
    );
    expect(outside).toEqual([]);
  });
});
