import { describe, expect, it } from 'vitest';
import { noFilters } from '../../../../../renderer/features/inbox/inbox-query';
import {
  forgetFilter,
  loadSavedFilters,
  saveFilter,
} from '../../../../../renderer/features/inbox/saved-filters';

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

describe('an official’s saved filters', () => {
  it('keeps them per user, newest first, replacing one of the same name', () => {
    const storage = memoryStorage();
    const roads = { ...noFilters, channels: ['vk', 'telegram'] as const, categories: ['roads'] };
    saveFilter(storage, 'u-1', {
      name: 'Дороги из соцсетей',
      view: 'department',
      filters: { ...roads, channels: [...roads.channels] },
    });
    saveFilter(storage, 'u-1', { name: 'Просрочка', view: 'overdue', filters: noFilters });
    saveFilter(storage, 'u-1', {
      name: 'Дороги из соцсетей',
      view: 'all',
      filters: { ...roads, channels: [...roads.channels] },
    });
    const saved = loadSavedFilters(storage, 'u-1');
    expect(saved.map((entry) => [entry.name, entry.view])).toEqual([
      ['Дороги из соцсетей', 'all'],
      ['Просрочка', 'overdue'],
    ]);
    expect(saved[0]!.filters.channels).toEqual(['vk', 'telegram']);
    expect(loadSavedFilters(storage, 'u-2')).toEqual([]);
    expect(forgetFilter(storage, 'u-1', 'Просрочка').map((entry) => entry.name)).toEqual([
      'Дороги из соцсетей',
    ]);
  });

  it('drops what does not parse rather than break the inbox', () => {
    const storage = memoryStorage();
    storage.setItem(
      'okno.inbox.savedFilters.u-1',
      JSON.stringify([
        { name: 'x', view: 'nowhere' },
        { name: 'ok', view: 'mine', filters: { channels: ['fax', 'vk'] } },
        5,
      ]),
    );
    expect(loadSavedFilters(storage, 'u-1')).toEqual([
      { name: 'ok', view: 'mine', filters: { ...noFilters, channels: ['vk'] } },
    ]);
    storage.setItem('okno.inbox.savedFilters.u-1', '{not json');
    expect(loadSavedFilters(storage, 'u-1')).toEqual([]);
  });
});
