import fc from 'fast-check';
import { normalizePhone } from '../../../../../shared/domain/applicant';
import { errorOf, hostileInputs } from './support';

describe('normalizePhone', () => {
  it.each([
    '8 (912) 345-67-89',
    '+7 912 345 67 89',
    '+7 (912) 345-67-89',
    '9123456789',
    '79123456789',
    '89123456789',
    '7-912-345-67-89',
    '8\u00a0912\u00a0345\u201167\u201189',
    '+7.912.345.67.89',
  ])('normalises %j to +79123456789', (phone) => {
    expect(normalizePhone(phone)).toEqual({ ok: true, value: '+79123456789' });
  });

  it('keeps landline numbers with a city code', () => {
    expect(normalizePhone('8 (495) 123-45-67')).toEqual({ ok: true, value: '+74951234567' });
    expect(normalizePhone('8 (3812) 12-34-56')).toEqual({ ok: true, value: '+73812123456' });
  });

  it.each([
    ['', 'validation:phone.required'],
    ['+44 20 7946 0958', 'validation:phone.foreign'],
    ['+380 44 123 4567', 'validation:phone.foreign'],
    ['00 49 30 1234567', 'validation:phone.foreign'],
    ['8 10 49 30 1234567', 'validation:phone.foreign'],
    ['1 202 555 0123', 'validation:phone.foreign'],
    ['+7 701 234 56 78', 'validation:phone.foreign'],
    ['+7 612 345 67 89', 'validation:phone.foreign'],
    ['912 345', 'validation:phone.tooShort'],
    ['+7 912 345 67', 'validation:phone.tooShort'],
    ['+7 912 345 67 890', 'validation:phone.tooLong'],
    ['912 345 67 89 12', 'validation:phone.tooLong'],
    ['+7 112 345 67 89', 'validation:phone.areaCode'],
    ['+7 512 345 67 89', 'validation:phone.areaCode'],
    ['8 912 345 67 89 доб. 12', 'validation:phone.format'],
    ['+7 912 ABC 67 89', 'validation:phone.format'],
    ['7+9123456789', 'validation:phone.format'],
    ['++79123456789', 'validation:phone.format'],
  ])('refuses %j as %s', (phone, code) => {
    expect(errorOf(normalizePhone(phone)).code).toBe(code);
  });

  it.each(hostileInputs)('gives a clear error for %s', (_, value) => {
    expect(errorOf(normalizePhone(value)).code).toMatch(/^validation:phone\./);
  });

  it('normalises every accepted phone to +7 and ten digits, whatever was typed', () => {
    const typed = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom(...'0123456789 +-().\u00a0') }),
      fc.stringMatching(/^(\+7|8|7)?[ -(]*9\d{2}[ -)]*\d{3}[ -]?\d{2}[ -]?\d{2}$/),
    );
    fc.assert(
      fc.property(typed, (phone) => {
        const result = normalizePhone(phone);
        if (result.ok) expect(result.value).toMatch(/^\+7\d{10}$/);
        else expect(result.error.code).toMatch(/^validation:phone\./);
      }),
    );
  });

  it('is idempotent: a normalised phone normalises to itself', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[3489]\d{9}$/), (national) => {
        const once = normalizePhone(`8${national}`);
        expect(once.ok && normalizePhone(once.value)).toEqual(once);
      }),
    );
  });
});
