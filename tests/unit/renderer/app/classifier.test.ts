import { describe, expect, it } from 'vitest';
import { currentClassifier, keepClassifierEdition } from '../../../../renderer/app/classifier';
import { sampleClassifierEdition } from '../../../../shared/domain/classifier';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

const edition = {
  format: 'okno-classifier/1',
  edition: 'Редакция округа 2026-01',
  sample: false,
  entries: [
    { code: '0005.0000.0000.0000', title: 'Жилищно-коммунальная сфера' },
    { code: '0005.0005.0000.0000', title: 'Жилище' },
    { code: '0005.0005.0056.0000', title: 'Коммунальное хозяйство' },
    { code: '0005.0005.0056.1153', title: 'Уборка снега' },
  ],
};
const sampleName = (sampleClassifierEdition as { edition: string }).edition;

describe('the classifier edition on this desktop', () => {
  it('is the bundled sample until the organisation’s edition arrives', () => {
    const tree = currentClassifier(memoryStorage());
    expect(tree).toMatchObject({ edition: sampleName, sample: true });
  });

  it('keeps the organisation’s edition for offline work and names its questions', () => {
    const storage = memoryStorage();
    expect(keepClassifierEdition(storage, edition)).toBe(true);
    const tree = currentClassifier(storage);
    expect(tree).toMatchObject({ edition: 'Редакция округа 2026-01', sample: false });
    expect(tree?.get('0005.0005.0056.1153')?.title).toBe('Уборка снега');
    expect(currentClassifier(storage)).toBe(tree);
    expect(keepClassifierEdition(storage, edition)).toBe(false);
  });

  it('drops the copy when the organisation has none, and never keeps an edition that does not load', () => {
    const storage = memoryStorage();
    keepClassifierEdition(storage, edition);
    expect(keepClassifierEdition(storage, { ...edition, entries: [] })).toBe(false);
    expect(currentClassifier(storage)?.edition).toBe('Редакция округа 2026-01');
    expect(keepClassifierEdition(storage, null)).toBe(true);
    expect(currentClassifier(storage)?.edition).toBe(sampleName);
  });

  it('reads a damaged copy as none', () => {
    const storage = memoryStorage();
    storage.setItem('okno.classifier.edition', '{"format":');
    expect(currentClassifier(storage)?.edition).toBe(sampleName);
  });
});
