import { createReadMarksStore, readMarksKey } from '../../../../renderer/app/read-marks';

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
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('what the official has seen, kept on this computer', () => {
  const key = readMarksKey('okno-db', 'user-1');

  it('starts the marks now, and keeps them across a restart', () => {
    const storage = memoryStorage();
    const first = createReadMarksStore(storage, key, 1_000);
    first.markSeen(['a-1'], 2_000);
    const again = createReadMarksStore(storage, key, 9_000);
    expect(again.getSnapshot()).toEqual({ since: 1_000, seen: { 'a-1': 2_000 }, assignedAt: {} });
  });

  it('never moves a mark back, and keeps the first instant an appeal was seen assigned', () => {
    const store = createReadMarksStore(memoryStorage(), key, 0);
    store.markSeen(['a-1'], 5_000);
    store.markSeen(['a-1'], 4_000);
    store.noteAssigned([{ id: 'a-1', at: 3_000 }]);
    store.noteAssigned([{ id: 'a-1', at: 7_000 }]);
    expect(store.getSnapshot()).toMatchObject({ seen: { 'a-1': 5_000 }, assignedAt: { 'a-1': 3_000 } });
  });

  it('starts afresh from unreadable marks', () => {
    const storage = memoryStorage();
    storage.setItem(key, '{not json');
    expect(createReadMarksStore(storage, key, 42).getSnapshot()).toEqual({
      since: 42,
      seen: {},
      assignedAt: {},
    });
  });
});
