import fc from 'fast-check';
import {
  formatPassport,
  maskPassport,
  type Passport,
  parseIssuingUnitCode,
  parsePassport,
  parsePassportLine,
} from '../../../../../shared/domain/applicant';
import { errorOf, hostileInputs, successOf } from './support';

const digits = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });
const passportArbitrary: fc.Arbitrary<Passport> = fc.record({ series: digits(4), number: digits(6) });

describe('parsePassport (series and number in two fields)', () => {
  it.each([
    ['45 03', '123456'],
    ['4503', '123456'],
    ['45\u00a003', '123 456'],
    ['45-03', '№ 123456'],
    [' 45 03 ', '№123456'],
  ])('reads series %j and number %j as 4503 / 123456', (series, number) => {
    expect(parsePassport(series, number)).toEqual({ ok: true, value: { series: '4503', number: '123456' } });
  });

  it.each([
    ['', '123456', 'validation:passport.seriesRequired'],
    ['45 03', '  ', 'validation:passport.numberRequired'],
    ['450', '123456', 'validation:passport.seriesFormat'],
    ['45 03 1', '123456', 'validation:passport.seriesFormat'],
    ['45 O3', '123456', 'validation:passport.seriesFormat'],
    ['4503', '12345', 'validation:passport.numberFormat'],
    ['4503', '1234567', 'validation:passport.numberFormat'],
    ['4503', '12345б', 'validation:passport.numberFormat'],
    ['４５０３', '123456', 'validation:passport.seriesFormat'],
  ])('refuses series %j with number %j as %s', (series, number, code) => {
    expect(errorOf(parsePassport(series, number)).code).toBe(code);
  });

  it('never echoes the entered digits in an error', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (series, number) => {
        const result = parsePassport(series, number);
        if (!result.ok) expect(result.error.params).toBeUndefined();
      }),
    );
  });
});

describe('parsePassportLine (series and number on one line)', () => {
  it.each([
    '45 03 123456',
    '4503123456',
    '45 03 № 123456',
    '4503 № 123456',
    '45\u00a003\u00a0123456',
    '45-03-123456',
    'паспорт РФ серия 45 03 номер 123456',
    'Серия 4503, № 123456',
  ])('reads %j', (line) => {
    expect(parsePassportLine(line)).toEqual({ ok: true, value: { series: '4503', number: '123456' } });
  });

  it.each([
    ['', 'validation:passport.required'],
    ['45 03 12345', 'validation:passport.lineFormat'],
    ['45 03 1234567', 'validation:passport.lineFormat'],
    ['45 03 123456 выдан ОВД', 'validation:passport.lineFormat'],
    ['AB 03 123456', 'validation:passport.lineFormat'],
  ])('refuses %j as %s', (line, code) => {
    expect(errorOf(parsePassportLine(line)).code).toBe(code);
  });
});

describe('formatPassport and maskPassport', () => {
  it('writes a passport as "45 03 123456"', () => {
    expect(formatPassport({ series: '4503', number: '123456' })).toBe('45 03 123456');
  });

  it('masks a passport as "45 ** ***456" (docs/DOMAIN.md)', () => {
    expect(maskPassport({ series: '4503', number: '123456' })).toBe('45 ** ***456');
  });

  it('masks a malformed passport completely instead of revealing part of it', () => {
    expect(maskPassport({ series: '45031', number: '12345678' })).toBe('** ** ******');
    expect(maskPassport(null as unknown as Passport)).toBe('** ** ******');
  });

  it('reads back every formatted passport, from one line and from two fields', () => {
    fc.assert(
      fc.property(passportArbitrary, (passport) => {
        const written = formatPassport(passport);
        expect(parsePassportLine(written)).toEqual({ ok: true, value: passport });
        const [region, year, number] = written.split(' ');
        expect(parsePassport(`${region} ${year}`, number)).toEqual({ ok: true, value: passport });
      }),
    );
  });

  it('reveals no more than the first 2 digits of the series and the last 3 of the number', () => {
    fc.assert(
      fc.property(passportArbitrary, (passport) => {
        const masked = maskPassport(passport);
        expect(masked).toMatch(/^\d{2} \*\* \*{3}\d{3}$/);
        expect(masked.replace(/\D/g, '')).toBe(passport.series.slice(0, 2) + passport.number.slice(3));
      }),
    );
  });
});

describe('parseIssuingUnitCode', () => {
  it.each(['770-001', '770001', '770 001', '770–001'])('normalises %j to 770-001', (code) => {
    expect(successOf(parseIssuingUnitCode(code))).toBe('770-001');
  });

  it('ignores how the six digits are grouped', () => {
    expect(successOf(parseIssuingUnitCode('77-0001'))).toBe('770-001');
  });

  it.each([
    ['', 'validation:passport.unitCodeRequired'],
    ['770-0011', 'validation:passport.unitCodeFormat'],
    ['770-01', 'validation:passport.unitCodeFormat'],
    ['ABC-DEF', 'validation:passport.unitCodeFormat'],
  ])('refuses %j as %s', (code, expected) => {
    expect(errorOf(parseIssuingUnitCode(code)).code).toBe(expected);
  });
});

describe('passport parsing with hostile input', () => {
  it.each(hostileInputs)('gives a clear error for %s', (_, value) => {
    expect(() => parsePassportLine(value)).not.toThrow();
    expect(errorOf(parsePassportLine(value)).code).toMatch(/^validation:passport\./);
    expect(errorOf(parsePassport(value, value)).code).toMatch(/^validation:passport\./);
    expect(errorOf(parseIssuingUnitCode(value)).code).toMatch(/^validation:passport\./);
  });
});
