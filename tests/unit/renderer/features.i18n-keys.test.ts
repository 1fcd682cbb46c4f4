import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { resources } from '../../../shared/i18n/resources';

// The appeal, reception and supervisor screens translate through a loosely typed `t` (their error codes
// and labels are composed at run time), so their static keys are checked here instead of by the compiler.
const root = join(__dirname, '../../../renderer/features');
const featureDirs = ['appeal', 'reception', 'supervisor', 'archive', 'workload', 'notifications'].map((dir) =>
  join(root, dir),
);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

function lookup(namespace: Record<string, unknown>, key: string): boolean {
  const parts = key.split('.');
  const last = parts.pop()!;
  let node: unknown = namespace;
  for (const part of parts) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'object' || node === null) return false;
  const record = node as Record<string, unknown>;
  return typeof record[last] === 'string' || typeof record[`${last}_one`] === 'string';
}

const resolves = (key: string, language: 'ru' | 'en') => {
  const [ns, path] = key.includes(':') ? key.split(':') : ['app', key];
  const namespace = (resources[language] as Record<string, Record<string, unknown>>)[ns!];
  return namespace !== undefined && lookup(namespace, path!);
};

describe('static i18n keys of the appeal, reception and supervisor screens', () => {
  const files = featureDirs.flatMap(sources);
  const keys = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    // A file whose `t` is bound to one namespace (`useTranslation('updates')`) looks its bare keys up there.
    const bound = /useTranslation\(\s*'([a-z]+)'\s*\)/.exec(text)?.[1];
    for (const match of text.matchAll(/\bt\(\s*'([^'$]+)'/g)) {
      const key = match[1]!;
      keys.add(bound && !key.includes(':') ? `${bound}:${key}` : key);
    }
    for (const match of text.matchAll(/'(app:[A-Za-z.]+)'/g)) keys.add(match[1]!);
  }

  it('finds the keys', () => {
    expect(keys.size).toBeGreaterThan(100);
  });

  it.each(['ru', 'en'] as const)('every key exists in %s', (language) => {
    expect([...keys].filter((key) => !resolves(key, language))).toEqual([]);
  });
});
