import { fromDexieToStorage, fromStorageToDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import { fromStored } from '../../../../renderer/db/fast-read';
import { appealFixture } from '../../shared/model/fixtures';

const booleanIndexes = ['_deleted'];
const stored = (doc: object) =>
  fromStorageToDexie(booleanIndexes, {
    ...doc,
    _deleted: false,
    _rev: '1-a',
    _meta: { lwt: 1 },
    _attachments: {},
  } as never);

describe('fromStored (the inbox read without RxDB deep copy, issue 15)', () => {
  it('gives back what RxDB Dexie storage gives back for an appeal', () => {
    const raw = stored(appealFixture());
    const expected = fromDexieToStorage(booleanIndexes, structuredClone(raw));
    expect(fromStored(booleanIndexes, structuredClone(raw))).toEqual(expected);
    expect(fromStored<{ _deleted: boolean }>(booleanIndexes, structuredClone(raw))._deleted).toBe(false);
  });

  it('a deleted document reads as deleted', () => {
    const raw = { ...stored(appealFixture()), _deleted: '1' };
    expect(fromStored<{ _deleted: boolean }>(booleanIndexes, raw)._deleted).toBe(true);
  });

  it('a key Dexie renamed (a leading pipe) is turned back as RxDB does', () => {
    const raw = stored({ ...appealFixture(), extra: { '|piped': 1, nested: [{ '|deep': 2 }] } });
    expect(JSON.stringify(raw)).toContain('__piped');
    const doc = fromStored<{ extra: unknown }>(booleanIndexes, structuredClone(raw));
    expect(doc.extra).toEqual({ '|piped': 1, nested: [{ '|deep': 2 }] });
    expect(doc).toEqual(fromDexieToStorage(booleanIndexes, structuredClone(raw)));
  });
});
