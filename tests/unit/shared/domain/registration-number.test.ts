import fc from 'fast-check';
import {
  defaultRegistrationPattern,
  formatRegistrationNumber,
  parseRegistrationNumber,
  type RegistrationNumberParts,
  validatePattern,
} from '../../../../shared/domain/registration-number';
import { errorOf, hostileInputs, successOf } from './applicant/support';

describe('registration number patterns', () => {
  it('defaults to ОГ-{YYYY}-{N:6}', () => {
    expect(defaultRegistrationPattern).toBe('ОГ-{YYYY}-{N:6}');
    expect(validatePattern(defaultRegistrationPattern).ok).toBe(true);
  });

  it.each([
    'ОГ-{YYYY}-{N:6}',
    'OG-{YY}/{N:4}',
    '{DEPT}-{YYYY}-{N:6}',
    'ЖКХ/{DEPT}/{YY}-{N}',
    '{YYYY}{N:6}',
    '{N:10}-{YY}',
    'П-{N:1}.{YYYY}',
    'Вх№{YYYY}_{N:5}',
  ])('accepts %j', (pattern) => {
    expect(validatePattern(pattern).ok).toBe(true);
  });

  it.each([
    ['', 'patternRequired'],
    ['ОГ-{N:6}', 'yearTokenMissing'],
    ['ОГ-{YYYY}', 'sequenceTokenMissing'],
    ['ОГ-{YYYY}-{N:0}', 'sequenceWidth'],
    ['ОГ-{YYYY}-{N:11}', 'sequenceWidth'],
    ['ОГ-{YYYY}-{N:abc}', 'unknownToken'],
    ['ОГ-{MM}-{YYYY}-{N:6}', 'unknownToken'],
    ['ОГ-{YYYY}-{N:6', 'patternSyntax'],
    ['ОГ-{YYYY}}-{N:6}', 'patternSyntax'],
    ['ОГ {YYYY} {N:6}', 'patternCharacters'],
    ['<b>{YYYY}-{N:6}</b>', 'patternCharacters'],
    ["'; DROP TABLE x; --{YYYY}{N:6}", 'patternCharacters'],
    ['{YYYY}-{YY}-{N:6}', 'duplicateToken'],
    ['{YYYY}-{N:6}-{N:6}', 'duplicateToken'],
    ['{YYYY}-{N}{DEPT}', 'ambiguousPattern'],
    ['{DEPT}{YYYY}-{N:6}', 'ambiguousPattern'],
    ['{DEPT}ОГ-{YYYY}-{N:6}', 'ambiguousPattern'],
    ['{YYYY}-{N}1', 'ambiguousPattern'],
    [`ОГ-{YYYY}-{N:6}${'-'.repeat(60)}`, 'patternTooLong'],
  ])('refuses %j as %s', (pattern, code) => {
    expect(errorOf(validatePattern(pattern)).code).toBe(`validation:registrationNumber.${code}`);
  });

  it('accepts {year} and {seq} as aliases, so the organisation model default "{seq}/{year}" is valid', () => {
    expect(successOf(formatRegistrationNumber('{seq}/{year}', { year: 2026, sequence: 17 }))).toBe('17/2026');
    expect(successOf(parseRegistrationNumber('{seq}/{year}', '17/2026'))).toEqual({
      year: 2026,
      sequence: 17,
    });
  });

  it('names the unknown token, which is configuration, not personal data', () => {
    expect(errorOf(validatePattern('ОГ-{MM}-{YYYY}-{N:6}')).params).toEqual({ token: '{MM}' });
  });

  it.each(hostileInputs)('refuses %s as a pattern with a clear error', (_, value) => {
    expect(errorOf(validatePattern(value)).code).toMatch(/^validation:registrationNumber\./);
  });
});

describe('formatRegistrationNumber', () => {
  it.each([
    ['ОГ-{YYYY}-{N:6}', { year: 2026, sequence: 123 }, 'ОГ-2026-000123'],
    ['ОГ-{YY}/{N:4}', { year: 2026, sequence: 7 }, 'ОГ-26/0007'],
    ['{DEPT}-{YYYY}-{N:6}', { year: 2026, sequence: 42, departmentCode: 'жкх' }, 'ЖКХ-2026-000042'],
    ['{YYYY}{N:3}', { year: 2030, sequence: 999 }, '2030999'],
    ['Вх-{N}/{YY}', { year: 2005, sequence: 12345 }, 'Вх-12345/05'],
  ])('formats %j with %j as %j', (pattern, parts, number) => {
    expect(successOf(formatRegistrationNumber(pattern, parts))).toBe(number);
  });

  it.each([
    [{ year: 2026, sequence: 1_000_000 }, 'sequenceOverflow', { width: 6 }],
    [{ year: 2026, sequence: 0 }, 'sequence', undefined],
    [{ year: 2026, sequence: -5 }, 'sequence', undefined],
    [{ year: 2026, sequence: 1.5 }, 'sequence', undefined],
    [{ year: 2026, sequence: Number.NaN }, 'sequence', undefined],
    [{ year: 1999, sequence: 1 }, 'year', { min: 2000, max: 2099 }],
    [{ year: 2100, sequence: 1 }, 'year', { min: 2000, max: 2099 }],
    [{ year: 2026.5, sequence: 1 }, 'year', { min: 2000, max: 2099 }],
  ] as [RegistrationNumberParts, string, object | undefined][])('refuses %j as %s', (parts, code, params) => {
    const error = errorOf(formatRegistrationNumber(defaultRegistrationPattern, parts));
    expect(error.code).toBe(`validation:registrationNumber.${code}`);
    expect(error.params).toEqual(params);
  });

  it('refuses an unpadded sequence longer than ten digits', () => {
    const error = errorOf(formatRegistrationNumber('{YY}-{N}', { year: 2026, sequence: 12_345_678_901 }));
    expect(error).toEqual({ code: 'validation:registrationNumber.sequenceOverflow', params: { width: 10 } });
  });

  it('asks for a department code when the pattern has one, and checks it', () => {
    const pattern = '{DEPT}-{YYYY}-{N:6}';
    expect(errorOf(formatRegistrationNumber(pattern, { year: 2026, sequence: 1 })).code).toBe(
      'validation:registrationNumber.departmentRequired',
    );
    for (const departmentCode of ['ЖК-Х', 'ABCDEFGHIJK', ' ', '<b>']) {
      expect(
        errorOf(formatRegistrationNumber(pattern, { year: 2026, sequence: 1, departmentCode })).code,
      ).toMatch(/^validation:registrationNumber\.department/);
    }
  });

  it('passes on the error of an invalid pattern', () => {
    expect(errorOf(formatRegistrationNumber('ОГ-{N:6}', { year: 2026, sequence: 1 })).code).toBe(
      'validation:registrationNumber.yearTokenMissing',
    );
  });

  it('never throws on hostile parts', () => {
    fc.assert(
      fc.property(fc.anything(), (parts) => {
        const result = formatRegistrationNumber(defaultRegistrationPattern, parts as RegistrationNumberParts);
        if (!result.ok) expect(result.error.code).toMatch(/^validation:registrationNumber\./);
      }),
    );
  });
});

describe('parseRegistrationNumber', () => {
  it.each([
    'ОГ-2026-000123',
    '  ОГ-2026-000123\u00a0',
    'ог-2026-000123',
    'ОГ–2026–000123',
    '№ ОГ-2026-000123',
    'OГ-2026-000123',
  ])('reads %j as year 2026, number 123', (text) => {
    expect(parseRegistrationNumber(defaultRegistrationPattern, text)).toEqual({
      ok: true,
      value: { year: 2026, sequence: 123 },
    });
  });

  it('tolerates the case of Latin letters', () => {
    expect(successOf(parseRegistrationNumber('AB-{YY}/{N:4}', 'ab-26/0007'))).toEqual({
      year: 2026,
      sequence: 7,
    });
  });

  it('reads a two-digit year as 20YY and a department code in upper case', () => {
    expect(successOf(parseRegistrationNumber('{DEPT}/{YY}-{N}', 'жкх/26-15'))).toEqual({
      year: 2026,
      sequence: 15,
      departmentCode: 'ЖКХ',
    });
  });

  it.each([
    ['', 'required'],
    ['ОГ-2026-00123', 'format'],
    ['ОГ-2026-0001234', 'format'],
    ['ОГ-26-000123', 'format'],
    ['ОБ-2026-000123', 'format'],
    ['ОГ-2026-000123-1', 'format'],
    ['ОГ 2026 000123', 'format'],
    ['ОГ-1999-000123', 'year'],
    ['ОГ-2026-000000', 'sequence'],
  ])('refuses %j as %s', (text, code) => {
    expect(errorOf(parseRegistrationNumber(defaultRegistrationPattern, text)).code).toBe(
      `validation:registrationNumber.${code}`,
    );
  });

  it.each(hostileInputs)('gives a clear error for %s', (_, value) => {
    expect(errorOf(parseRegistrationNumber(defaultRegistrationPattern, value)).code).toMatch(
      /^validation:registrationNumber\./,
    );
  });
});

const patterns = fc.constantFrom(
  defaultRegistrationPattern,
  'OG-{YY}/{N:4}',
  '{DEPT}-{YYYY}-{N:6}',
  'ЖКХ/{DEPT}/{YY}-{N}',
  '{YYYY}{N:10}',
  '{N:3}.{YY}',
  'Вх{YY}{DEPT}_{N}',
  '{seq}/{year}',
  '{YY}{N:2}{DEPT}',
);
const departmentCode = fc.stringMatching(/^[0-9A-ZА-ЯЁ]{1,10}$/);

describe('registration number properties', () => {
  it('reads back every number it formats: parse(format(x)) == x', () => {
    fc.assert(
      fc.property(
        patterns,
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 1, max: 9_999_999_999 }),
        departmentCode,
        (pattern, year, sequence, department) => {
          const usesDepartment = pattern.includes('{DEPT}');
          const parts = usesDepartment ? { year, sequence, departmentCode: department } : { year, sequence };
          const number = formatRegistrationNumber(pattern, parts);
          if (!number.ok) {
            expect(number.error.code).toBe('validation:registrationNumber.sequenceOverflow');
            return;
          }
          expect(parseRegistrationNumber(pattern, number.value)).toEqual({ ok: true, value: parts });
          expect(parseRegistrationNumber(pattern, ` ${number.value.toLowerCase()} `)).toEqual({
            ok: true,
            value: parts,
          });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('overflows exactly when the sequence has more digits than the width', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 99_999_999_999 }),
        (width, sequence) => {
          const result = formatRegistrationNumber(`{YYYY}-{N:${width}}`, { year: 2026, sequence });
          expect(result.ok).toBe(String(sequence).length <= width);
        },
      ),
    );
  });

  it('never throws on arbitrary patterns and texts', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), patterns), fc.string(), (pattern, text) => {
        const result = parseRegistrationNumber(pattern, text);
        if (!result.ok) expect(result.error.code).toMatch(/^validation:registrationNumber\./);
      }),
    );
  });
});
