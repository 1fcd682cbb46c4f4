import { loadPreferences, saveLanguage, saveTheme } from '../../../../renderer/app/preferences';

function memoryStorage(): Storage {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
    clear: () => values.clear(),
    key: () => null,
    get length() {
      return values.size;
    },
  };
}

describe('interface preferences', () => {
  it('starts in Russian, with the theme the OS prefers', () => {
    expect(loadPreferences(memoryStorage(), true)).toEqual({ language: 'ru', theme: 'dark' });
    expect(loadPreferences(memoryStorage(), false)).toEqual({ language: 'ru', theme: 'light' });
  });

  it('remembers the chosen language and theme', () => {
    const storage = memoryStorage();
    saveLanguage(storage, 'en');
    saveTheme(storage, 'dark');
    expect(loadPreferences(storage, false)).toEqual({ language: 'en', theme: 'dark' });
  });

  it('ignores values it does not know (an old or tampered setting)', () => {
    const storage = memoryStorage();
    storage.setItem('okno.language', 'de');
    storage.setItem('okno.theme', 'neon');
    expect(loadPreferences(storage, false)).toEqual({ language: 'ru', theme: 'light' });
  });
});
