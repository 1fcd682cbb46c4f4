import fc from 'fast-check';
import { extractPostalIndex, normalizePostalAddress } from '../../../../../shared/domain/applicant';
import { errorOf, hostileInputs, successOf } from './support';

describe('extractPostalIndex', () => {
  it.each([
    ['123456, г. Москва, ул. Ленина, д. 1', '123456'],
    ['г. Омск, ул. Ленина, д. 1, 644099', '644099'],
    ['Россия,\u00a0101000 Москва, Мясницкая ул., 26', '101000'],
    ['тел. 89123456789, 644099 Омск', '644099'],
    ['ул. Ленина, д. 1', undefined],
    ['1234567 Москва', undefined],
    ['023456 Москва', undefined],
    ['923456 Москва', undefined],
  ])('finds the index in %j: %j', (text, index) => {
    expect(extractPostalIndex(text)).toBe(index);
  });

  it('returns undefined for anything that is not text', () => {
    expect(extractPostalIndex(null as unknown as string)).toBeUndefined();
    expect(extractPostalIndex(644099 as unknown as string)).toBeUndefined();
  });
});

describe('normalizePostalAddress', () => {
  it('trims and collapses white space, keeping the text as written', () => {
    expect(successOf(normalizePostalAddress('  644099,\u00a0г.  Омск,\n ул. Ленина, д. 1, кв. 5 '))).toEqual({
      index: '644099',
      text: '644099, г. Омск, ул. Ленина, д. 1, кв. 5',
    });
  });

  it.each([
    '123456, г. Москва, ул. Ленина, д. 1',
    '399000, Липецкая обл., д. Ивановка, 5',
    '630099, Новосибирск, Красный пр-т, 18',
    '142000, Московская обл., СНТ «Ромашка», уч. 12',
  ])('accepts %j', (address) => {
    expect(normalizePostalAddress(address).ok).toBe(true);
  });

  it.each([
    ['', 'validation:postalAddress.required'],
    ['г. Москва, ул. Ленина, д. 1', 'validation:postalAddress.indexMissing'],
    ['123456', 'validation:postalAddress.incomplete'],
    ['123456, Москва', 'validation:postalAddress.incomplete'],
    ['123456 а б', 'validation:postalAddress.incomplete'],
    ['123456, Москва, <b>ул. Ленина</b>', 'validation:postalAddress.characters'],
    ["123456, Москва'; DROP TABLE appeals; --", 'validation:postalAddress.characters'],
    [`123456, Москва, ${'ул. Ленина '.repeat(60)}`, 'validation:postalAddress.tooLong'],
  ])('refuses %j as %s', (address, code) => {
    expect(errorOf(normalizePostalAddress(address)).code).toBe(code);
  });

  it.each(hostileInputs)('gives a clear error for %s', (_, value) => {
    expect(errorOf(normalizePostalAddress(value)).code).toMatch(/^validation:postalAddress\./);
  });

  it('always reports an index that occurs in the accepted text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), fc.stringMatching(/^[1-6]\d{5}$/), (rest, index) => {
        const result = normalizePostalAddress(`${index}, ${rest}`);
        if (result.ok) {
          expect(result.value.text).toContain(result.value.index);
          expect(result.value.text.length).toBeLessThanOrEqual(500);
        } else expect(result.error.code).toMatch(/^validation:postalAddress\./);
      }),
    );
  });
});
