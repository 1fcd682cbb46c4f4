import type { DomainError } from '../../../../../shared/domain/result';
import { resources } from '../../../../../shared/i18n/resources';

/** Inputs that every validator must turn into a clear error (or a mismatch), never a throw. */
export const hostileInputs: readonly [label: string, value: unknown][] = [
  ['an empty string', ''],
  ['white space only', ' \t\u00a0\u202f\n '],
  ['a very long string (100k characters)', '9'.repeat(100_000)],
  ['a very long string of letters (100k characters)', 'Иван '.repeat(20_000)],
  ['mixed scripts', 'Ivan Иванoв 45о3'],
  ['emoji', '😀🎉👍🏽'],
  ['an SQL fragment', "'; DROP TABLE appeals; --"],
  ['an HTML fragment', '<script>alert(1)</script>'],
  ['null', null],
  ['undefined', undefined],
  ['the string "null"', 'null'],
  ['the string "undefined"', 'undefined'],
  ['the string "[object Object]"', '[object Object]'],
  ['NaN', Number.NaN],
  ['a number', 4503123456],
  ['an object', { toString: () => '4503123456' }],
  ['an array', ['45', '03']],
  ['a boolean', true],
  ['control characters', '\u0000\u0007\u001b[31m'],
  ['zero-width characters only', '\u200b\u200c\u200d\ufeff'],
];

/** The text of an i18n key such as 'validation:passport.seriesFormat' in one language, if any. */
export function textOf(code: string, language: 'ru' | 'en'): string | undefined {
  const [namespace, path] = code.split(':');
  if (namespace === undefined || path === undefined) return undefined;
  let node: unknown = (resources[language] as Record<string, unknown>)[namespace];
  for (const key of path.split('.')) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return typeof node === 'string' ? node : undefined;
}

/** Asserts that an error code reads in Russian and English, and that every placeholder gets a param. */
export function expectReadableError(error: DomainError): void {
  for (const language of ['ru', 'en'] as const) {
    const text = textOf(error.code, language);
    expect(text, `${language} text for ${error.code}`).toBeTypeOf('string');
    for (const [, name] of text!.matchAll(/\{\{(\w+)\}\}/g)) {
      expect(error.params?.[name!], `param ${name} of ${error.code}`).toBeDefined();
    }
  }
}

/** Asserts a failed Result and returns its error, for further expectations. */
export function errorOf<E extends DomainError>(result: { ok: true } | { ok: false; error: E }): E {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('expected a failure');
  expectReadableError(result.error);
  return result.error;
}

export function successOf<T>(result: { ok: true; value: T } | { ok: false; error: DomainError }): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}`);
  return result.value;
}
