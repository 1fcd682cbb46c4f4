import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { deadlineErrorCodes } from '../../../shared/domain/deadlines';
import { resources } from '../../../shared/i18n/resources';

const domainDir = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'domain');
const sources = [
  path.join(domainDir, 'deadlines.ts'),
  ...readdirSync(path.join(domainDir, 'calendar')).map((f) => path.join(domainDir, 'calendar', f)),
];
/** Every `deadlines:…` key the engine can emit, read from its source so a new one cannot be forgotten. */
const emitted = [
  ...new Set(
    sources.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/'deadlines:([\w.]+)'/g)].map((m) => m[1] ?? ''),
    ),
  ),
];

function lookup(tree: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

describe('deadline messages', () => {
  it('finds the keys the engine emits', () => {
    expect(emitted).toContain('warnings.calendarMissing');
    expect(emitted).toContain('errors.calendarUnsafe');
    for (const code of deadlineErrorCodes) expect(emitted).toContain(code.replace('deadlines:', ''));
  });

  it.each(emitted)('has a Russian and an English text for deadlines:%s', (key) => {
    expect(typeof lookup(resources.ru.deadlines, key)).toBe('string');
    expect(typeof lookup(resources.en.deadlines, key)).toBe('string');
  });
});
