import { languages, namespaces, resources } from '../../../shared/i18n/resources';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

describe('i18n resources', () => {
  it.each(namespaces)('namespace %s has the same keys in every language', (ns) => {
    const reference = keysOf(resources.ru[ns]).sort();
    for (const language of languages) {
      expect(keysOf(resources[language][ns]).sort()).toEqual(reference);
    }
  });

  it.each(namespaces)('namespace %s has no empty strings', (ns) => {
    for (const language of languages) {
      const walk = (value: unknown, path: string): void => {
        if (typeof value === 'string') expect(value.trim(), `${language}:${ns}:${path}`).not.toBe('');
        else if (typeof value === 'object' && value !== null)
          for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
      };
      walk(resources[language][ns], '');
    }
  });
});
