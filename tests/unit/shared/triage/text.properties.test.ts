import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPersonalData } from '../../../../shared/triage/text';

const digits = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length });
const words = fc.constantFrom(
  'нет',
  'воды',
  'яма',
  'во',
  'дворе',
  'прошу',
  'помочь',
  'третий',
  'день',
  'звоните',
);
const sentence = fc.array(words, { minLength: 0, maxLength: 6 }).map((list) => list.join(' '));

// A mobile phone as citizens write it: +7 or 8, then 10 digits grouped in one of the usual ways.
const phone = fc
  .tuple(fc.constantFrom('+7', '8', '+7 ', '8 '), digits(10), fc.constantFrom('plain', 'dashes', 'brackets'))
  .map(([prefix, d, style]) => {
    const [a, b, c, e] = [
      d.slice(0, 3).join(''),
      d.slice(3, 6).join(''),
      d.slice(6, 8).join(''),
      d.slice(8).join(''),
    ];
    if (style === 'dashes') return `${prefix}-${a}-${b}-${c}-${e}`;
    if (style === 'brackets') return `${prefix}(${a}) ${b}-${c}-${e}`;
    return `${prefix}${a}${b}${c}${e}`;
  });
const email = fc.tuple(
  fc.stringMatching(/^[a-z][a-z0-9._]{1,10}$/),
  fc.constantFrom('mail.ru', 'yandex.ru', 'gmail.com'),
);
const documentNumber = fc
  .tuple(digits(10), fc.constantFrom(' ', '-', ''))
  .map(([d, separator]) => `${d.slice(0, 4).join('')}${separator}${d.slice(4).join('')}`);

describe('maskPersonalData, for any text around it', () => {
  it('leaves no digit of a phone', () => {
    fc.assert(
      fc.property(sentence, phone, sentence, (before, number, after) => {
        expect(maskPersonalData(`${before} ${number} ${after}`)).not.toMatch(/\d/);
      }),
    );
  });

  it('leaves nothing of an e-mail address', () => {
    fc.assert(
      fc.property(sentence, email, sentence, (before, [local, domain], after) => {
        const masked = maskPersonalData(`${before} ${local}@${domain} ${after}`);
        expect(masked).not.toContain('@');
        expect(masked).not.toContain(domain);
      }),
    );
  });

  it('leaves no digit of a passport-like number', () => {
    fc.assert(
      fc.property(sentence, documentNumber, sentence, (before, number, after) => {
        expect(maskPersonalData(`${before} ${number} ${after}`)).not.toMatch(/\d/);
      }),
    );
  });

  it('leaves no house number after a street name', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Ленина', 'Садовой', 'Мира', 'Гагарина', 'Советская'),
        fc.integer({ min: 1, max: 999 }),
        fc.constantFrom('', 'а', 'б', '/1', '/12'),
        sentence,
        (street, house, suffix, after) => {
          expect(maskPersonalData(`на ${street} ${house}${suffix} ${after}`)).not.toMatch(/\d/);
        },
      ),
    );
  });
});
