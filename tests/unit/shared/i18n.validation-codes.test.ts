import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { resources } from '../../../shared/i18n/resources';
import { textOf } from './domain/applicant/support';

const domain = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'domain');
const sources = [
  ...readdirSync(path.join(domain, 'applicant')).map((file) => path.join(domain, 'applicant', file)),
  path.join(domain, 'name-match.ts'),
  path.join(domain, 'registration-number.ts'),
];
/** Every code is written out in full in the source, so this finds every code the validators can return. */
const emitted = [
  ...new Set(
    sources.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/'(validation:[\w.]+)'/g)].map((m) => m[1]!),
    ),
  ),
].sort();

function keysOf(value: unknown, prefix: string): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, `${prefix}.${key}`));
}

describe('error and reason codes of applicant validation, name matching and registration numbers', () => {
  it('are found in the sources', () => {
    expect(emitted.length).toBeGreaterThan(80);
  });

  it.each(emitted)('%s has a Russian and an English text', (code) => {
    expect(textOf(code, 'ru')).toBeTypeOf('string');
    expect(textOf(code, 'en')).toBeTypeOf('string');
  });

  it('every text of their groups belongs to a code the validators return (no stale texts)', () => {
    const groups = new Set(emitted.map((code) => code.split('.')[0]));
    const keys = Object.entries(resources.ru.validation)
      .filter(([group]) => groups.has(`validation:${group}`))
      .flatMap(([group, texts]) => keysOf(texts, `validation:${group}`));
    expect(keys.sort()).toEqual(emitted);
  });

  it('uses the same placeholders in Russian and English', () => {
    for (const code of emitted) {
      const placeholders = (language: 'ru' | 'en') =>
        [...textOf(code, language)!.matchAll(/\{\{\w+\}\}/g)].map(String).sort();
      expect(placeholders('en'), code).toEqual(placeholders('ru'));
    }
  });
});
