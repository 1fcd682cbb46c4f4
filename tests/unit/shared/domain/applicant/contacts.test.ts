import fc from 'fast-check';
import { validateContacts } from '../../../../../shared/domain/applicant';
import { errorOf, hostileInputs, successOf } from './support';

const phone = '8 (912) 345-67-89';
const email = 'ivan@mail.ru';
const postalAddress = '644099, г. Омск, ул. Ленина, д. 1';

describe('validateContacts (seed condition 2)', () => {
  it('accepts a phone with a postal address', () => {
    expect(successOf(validateContacts({ phone, postalAddress }))).toEqual({
      phone: '+79123456789',
      postalAddress: { index: '644099', text: postalAddress },
    });
  });

  it('accepts a phone with an e-mail address', () => {
    expect(successOf(validateContacts({ phone, email }))).toEqual({ phone: '+79123456789', email });
  });

  it('accepts a postal and an e-mail address without a phone', () => {
    expect(successOf(validateContacts({ email, postalAddress }))).toEqual({
      email,
      postalAddress: { index: '644099', text: postalAddress },
    });
  });

  it('accepts all three', () => {
    expect(Object.keys(successOf(validateContacts({ phone, email, postalAddress })))).toEqual([
      'phone',
      'email',
      'postalAddress',
    ]);
  });

  it.each([
    [{}, 'validation:contacts.missing'],
    [{ phone }, 'validation:contacts.addressMissing'],
    [{ email }, 'validation:contacts.postalOrPhoneMissing'],
    [{ postalAddress }, 'validation:contacts.emailOrPhoneMissing'],
    [{ phone: ' ', email: '', postalAddress: null }, 'validation:contacts.missing'],
  ])('names what is missing for %j: %s', (input, code) => {
    const error = errorOf(validateContacts(input));
    expect(error.code).toBe(code);
    expect(error.fields).toEqual([]);
  });

  it('lists every field error, not only the first', () => {
    const error = errorOf(validateContacts({ phone: '12', email: 'ivan@', postalAddress: 'Москва' }));
    expect(error.code).toBe('validation:contacts.invalidFields');
    expect(error.params).toEqual({ count: 3 });
    expect(error.fields.map(({ field, error }) => [field, error.code])).toEqual([
      ['phone', 'validation:phone.tooShort'],
      ['email', 'validation:email.domain'],
      ['postalAddress', 'validation:postalAddress.indexMissing'],
    ]);
  });

  it('names what is missing and lists the wrong field when both apply', () => {
    const error = errorOf(validateContacts({ phone: 'не скажу' }));
    expect(error.code).toBe('validation:contacts.addressMissing');
    expect(error.fields).toEqual([{ field: 'phone', error: { code: 'validation:phone.format' } }]);
  });

  it('asks only for corrections when the fields given would satisfy the rule', () => {
    const error = errorOf(validateContacts({ phone, email: 'ivan@mail' }));
    expect(error.code).toBe('validation:contacts.invalidFields');
    expect(error.fields).toEqual([{ field: 'email', error: { code: 'validation:email.domain' } }]);
  });

  it('ignores inherited properties', () => {
    const inherited = Object.create({ phone, email }) as object;
    expect(errorOf(validateContacts(inherited)).code).toBe('validation:contacts.missing');
  });

  it.each(hostileInputs)('gives clear errors when every field is %s', (_, value) => {
    const result = validateContacts({ phone: value, email: value, postalAddress: value });
    const error = errorOf(result);
    expect(error.code).toMatch(/^validation:contacts\./);
    for (const field of error.fields) errorOf({ ok: false, error: field.error });
  });

  it.each([null, undefined, 'phone', 42, []])('treats %j as no contacts at all', (input) => {
    expect(errorOf(validateContacts(input as never)).code).toBe('validation:contacts.missing');
  });

  it('accepts exactly the combinations the rule allows', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), (hasPhone, hasEmail, hasPostal) => {
        const result = validateContacts({
          phone: hasPhone ? phone : undefined,
          email: hasEmail ? email : undefined,
          postalAddress: hasPostal ? postalAddress : undefined,
        });
        const allowed = hasPhone ? hasEmail || hasPostal : hasEmail && hasPostal;
        expect(result.ok).toBe(allowed);
      }),
    );
  });
});
