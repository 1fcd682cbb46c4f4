import fc from 'fast-check';
import { validateInn, validateOrganisation } from '../../../../../shared/domain/applicant';
import { errorOf, hostileInputs, successOf } from './support';

/** Appends check digits to an ИНН body with the ФНС algorithm (written independently of the code). */
function withCheckDigits(body: string): string {
  const digit = (text: string, weights: number[]) =>
    (weights.reduce((sum, w, i) => sum + w * Number(text[i]), 0) % 11) % 10;
  if (body.length === 9) return body + digit(body, [2, 4, 10, 3, 5, 9, 4, 6, 8]);
  const eleven = body + digit(body, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
  return eleven + digit(eleven, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
}

describe('validateInn', () => {
  it.each([
    ['7707083893', 'legalEntity'],
    ['7736050003', 'legalEntity'],
    ['500100732259', 'individual'],
    ['7830 0020 0076', 'individual'],
  ] as const)('accepts %j as %s', (inn, kind) => {
    expect(successOf(validateInn(inn))).toEqual({ value: inn.replace(/ /g, ''), kind });
  });

  it.each([
    ['', 'validation:inn.required'],
    ['770708389', 'validation:inn.format'],
    ['77070838931', 'validation:inn.format'],
    ['7707O83893', 'validation:inn.format'],
    ['0000000000', 'validation:inn.format'],
    ['000000000000', 'validation:inn.format'],
    ['7707083894', 'validation:inn.checksum'],
    ['500100732258', 'validation:inn.checksum'],
    ['500100732269', 'validation:inn.checksum'],
  ])('refuses %j as %s', (inn, code) => {
    expect(errorOf(validateInn(inn)).code).toBe(code);
  });

  it.each(hostileInputs)('gives a clear error for %s', (_, value) => {
    expect(errorOf(validateInn(value)).code).toMatch(/^validation:inn\./);
  });

  it('accepts every number whose check digits are right, and refuses any single changed check digit', () => {
    const body = fc.oneof(
      fc.stringMatching(/^(0[1-9]|[1-9]\d)\d{7}$/),
      fc.stringMatching(/^(0[1-9]|[1-9]\d)\d{8}$/),
    );
    fc.assert(
      fc.property(body, fc.integer({ min: 1, max: 9 }), (digits, shift) => {
        const inn = withCheckDigits(digits);
        expect(validateInn(inn).ok).toBe(true);
        const last = (Number(inn.at(-1)) + shift) % 10;
        expect(errorOf(validateInn(inn.slice(0, -1) + last)).code).toBe('validation:inn.checksum');
      }),
    );
  });
});

describe('validateOrganisation', () => {
  it('accepts a name and a valid ИНН', () => {
    expect(successOf(validateOrganisation({ name: ' ТСЖ «Рассвет» ', inn: '7707083893' }))).toEqual({
      name: 'ТСЖ «Рассвет»',
      inn: { value: '7707083893', kind: 'legalEntity' },
    });
  });

  it('lists both field errors', () => {
    const error = errorOf(validateOrganisation({ name: '', inn: '123' }));
    expect(error.code).toBe('validation:organisation.invalidFields');
    expect(error.fields.map((f) => [f.field, f.error.code])).toEqual([
      ['name', 'validation:organisation.nameRequired'],
      ['inn', 'validation:inn.format'],
    ]);
  });

  it.each([
    ['<script>alert(1)</script>', 'validation:organisation.nameFormat'],
    ['12345', 'validation:organisation.nameFormat'],
    ['ООО '.repeat(100), 'validation:organisation.nameTooLong'],
  ])('refuses the name %j as %s', (name, code) => {
    expect(errorOf(validateOrganisation({ name, inn: '7707083893' })).fields[0]?.error.code).toBe(code);
  });

  it.each(hostileInputs)('gives clear errors for %s', (_, value) => {
    expect(errorOf(validateOrganisation({ name: value, inn: value })).fields.length).toBeGreaterThan(0);
    expect(errorOf(validateOrganisation(value as never)).code).toBe('validation:organisation.invalidFields');
  });
});
