import fc from 'fast-check';
import { parseFullName } from '../../../../shared/domain/name-match';
import { errorOf, hostileInputs, successOf } from './applicant/support';

describe('parseFullName', () => {
  it.each([
    ['Петров Иван Сергеевич', { surname: 'Петров', givenName: 'Иван', patronymic: 'Сергеевич' }],
    ['Петров Иван', { surname: 'Петров', givenName: 'Иван' }],
    ['  петров   иван\u00a0сергеевич ', { surname: 'Петров', givenName: 'Иван', patronymic: 'Сергеевич' }],
    ['ПЕТРОВА-ВОДКИНА АННА', { surname: 'Петрова-Водкина', givenName: 'Анна' }],
    ['Петрова‑Водкина Анна', { surname: 'Петрова-Водкина', givenName: 'Анна' }],
    ["д'артаньян шарль", { surname: "Д'Артаньян", givenName: 'Шарль' }],
    ['Д’Артаньян Шарль', { surname: "Д'Артаньян", givenName: 'Шарль' }],
    ['Ёлкин Семён', { surname: 'Ёлкин', givenName: 'Семён' }],
    ['Алиев Рашид Гейдар оглы', { surname: 'Алиев', givenName: 'Рашид', patronymic: 'Гейдар оглы' }],
    ['МакКартни Пол', { surname: 'МакКартни', givenName: 'Пол' }],
    ['Smith John', { surname: 'Smith', givenName: 'John' }],
  ])('reads %j', (text, name) => {
    expect(successOf(parseFullName(text))).toEqual(name);
  });

  it('keeps a decomposed "й" as one letter', () => {
    expect(successOf(parseFullName('Петров Андреи\u0306'))).toEqual({
      surname: 'Петров',
      givenName: 'Андрей',
    });
  });

  it.each([
    ['', 'validation:name.required'],
    ['Петров', 'validation:name.tooFewParts'],
    ['Петров Иван Сергеевич Младший', 'validation:name.tooManyParts'],
    ['Петров И. С.', 'validation:name.initials'],
    ['Петров И.С.', 'validation:name.initials'],
    ['Петров И С', 'validation:name.initials'],
    ['Петров Иван2', 'validation:name.characters'],
    ['Петров -Иван', 'validation:name.characters'],
    ['Петров Иван--Сергей', 'validation:name.characters'],
    ['Петров Иван 🙂', 'validation:name.characters'],
    ['Petrov Иван', 'validation:name.mixedScripts'],
    ['Пeтров Иван', 'validation:name.mixedScripts'],
    ['王 小明', 'validation:name.script'],
    ['Παπαδόπουλος Γιώργος', 'validation:name.script'],
    ['Undefined Null', 'validation:name.placeholder'],
    [`${'Петров'.repeat(10)} Иван`, 'validation:name.partTooLong'],
    [`Петров ${'Иван '.repeat(40)}`, 'validation:name.tooLong'],
  ])('refuses %j as %s', (text, code) => {
    expect(errorOf(parseFullName(text)).code).toBe(code);
  });

  it.each(hostileInputs)('gives a clear error for %s', (_, value) => {
    expect(errorOf(parseFullName(value)).code).toMatch(/^validation:name\./);
  });

  it('never throws, and every accepted name is letters, hyphens, apostrophes and spaces within bounds', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom(..."абвгд ЕЁЖ-'ab") })),
        (text) => {
          const result = parseFullName(text);
          if (!result.ok) return;
          const parts = [result.value.surname, result.value.givenName, result.value.patronymic ?? ''];
          expect(parts.join(' ')).toMatch(/^[\p{L}' -]+$/u);
          expect(parts.join(' ').length).toBeLessThanOrEqual(150);
        },
      ),
    );
  });
});
