import fc from 'fast-check';
import { DEFAULT_CO_SIGNERS_MAX, validateCoSigners } from '../../../../../shared/domain/applicant';
import { errorOf, hostileInputs, successOf } from './support';

const petrov = { fullName: 'Петров Иван Сергеевич', phone: '+7 912 345 67 89' };
const sidorova = { fullName: 'сидорова анна', email: 'anna@mail.ru' };

describe('validateCoSigners (collective appeals)', () => {
  it('accepts co-signers with a full name and one contact each, normalising both', () => {
    expect(successOf(validateCoSigners([petrov, sidorova]))).toEqual([
      {
        fullName: { surname: 'Петров', givenName: 'Иван', patronymic: 'Сергеевич' },
        contacts: { phone: '+79123456789' },
      },
      { fullName: { surname: 'Сидорова', givenName: 'Анна' }, contacts: { email: 'anna@mail.ru' } },
    ]);
  });

  it('accepts a postal address as the only contact', () => {
    const list = [{ fullName: 'Козлов Пётр', postalAddress: '644099, г. Омск, ул. Ленина, д. 1' }];
    expect(validateCoSigners(list).ok).toBe(true);
  });

  it.each([
    ['a string', 'Петров Иван', 'validation:coSigners.notList'],
    ['null', null, 'validation:coSigners.notList'],
    ['an empty list', [], 'validation:coSigners.empty'],
  ])('refuses %s as %s', (_, list, code) => {
    expect(errorOf(validateCoSigners(list)).code).toBe(code);
  });

  it('refuses more co-signers than the limit without checking each', () => {
    const error = errorOf(
      validateCoSigners(Array.from({ length: DEFAULT_CO_SIGNERS_MAX + 1 }, () => petrov)),
    );
    expect(error).toMatchObject({
      code: 'validation:coSigners.tooMany',
      params: { max: DEFAULT_CO_SIGNERS_MAX },
    });
  });

  it('lets an organisation set its own limit', () => {
    expect(errorOf(validateCoSigners([petrov, sidorova], { max: 1 })).params).toEqual({ max: 1 });
  });

  it('lists the errors of every entry, by position', () => {
    const error = errorOf(
      validateCoSigners([
        petrov,
        { fullName: 'Петров' },
        'Иванов',
        { fullName: '', phone: '12', email: 'x@' },
      ]),
    );
    expect(error.code).toBe('validation:coSigners.invalidEntries');
    expect(error.params).toEqual({ count: 3 });
    expect(error.entries.map((e) => [e.index, e.field, e.error.code])).toEqual([
      [1, 'fullName', 'validation:name.tooFewParts'],
      [1, 'contacts', 'validation:coSigners.contactMissing'],
      [2, 'entry', 'validation:coSigners.entryFormat'],
      [3, 'fullName', 'validation:name.required'],
      [3, 'phone', 'validation:phone.tooShort'],
      [3, 'email', 'validation:email.domain'],
    ]);
  });

  it('refuses the same person listed twice (same name and phone), even written differently', () => {
    const again = { fullName: 'ПЕТРОВ ИВАН СЕРГЕЕВИЧ', phone: '8 912 345-67-89' };
    const error = errorOf(validateCoSigners([petrov, sidorova, again]));
    expect(error.entries).toEqual([
      { index: 2, field: 'entry', error: { code: 'validation:coSigners.duplicate' } },
    ]);
  });

  it('accepts two namesakes with different contacts', () => {
    expect(validateCoSigners([petrov, { ...petrov, phone: '+7 912 000 00 00' }]).ok).toBe(true);
  });

  it.each(hostileInputs)('gives clear errors for a co-signer whose every field is %s', (_, value) => {
    const error = errorOf(
      validateCoSigners([{ fullName: value, phone: value, email: value, postalAddress: value }]),
    );
    expect(error.entries.length).toBeGreaterThan(0);
    for (const entry of error.entries) errorOf({ ok: false, error: entry.error });
  });

  it('never throws and reports errors only for positions in the list', () => {
    fc.assert(
      fc.property(fc.array(fc.anything(), { maxLength: 20 }), (list) => {
        const result = validateCoSigners(list);
        if (!result.ok)
          for (const entry of result.error.entries) expect(entry.index).toBeLessThan(list.length);
      }),
    );
  });
});
