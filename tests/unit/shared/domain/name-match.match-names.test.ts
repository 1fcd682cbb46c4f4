import fc from 'fast-check';
import { matchNames } from '../../../../shared/domain/name-match';
import { hostileInputs, textOf } from './applicant/support';

describe('matchNames (seed condition 1: profile name matches passport name)', () => {
  describe('match', () => {
    it.each([
      ['Петров Иван Сергеевич', 'Петров Иван Сергеевич', 'exact'],
      ['ПЕТРОВ иван', 'Петров Иван', 'exact'],
      ['  Петров   Иван ', 'Петров\u00a0Иван', 'exact'],
      ['Семён Ёлкин', 'Семен Елкин', 'exact'],
      ['Петрова-Водкина Анна', 'ПЕТРОВА‑ВОДКИНА АННА', 'exact'],
      ['Иван Петров', 'Петров Иван', 'reordered'],
      ['Иван Петров', 'Петров Иван Сергеевич', 'patronymicOmitted'],
      ['Анна Петрова', 'Петрова Анна Ильинична', 'patronymicOmitted'],
      ['Рашид Алиев', 'Алиев Рашид Гейдар оглы', 'patronymicOmitted'],
      ['Ivan Petrov', 'Петров Иван', 'transliterated'],
      ['Yury Gagarin', 'Гагарин Юрий', 'transliterated'],
      ['Yuriy Gagarin', 'Гагарин Юрий', 'transliterated'],
      ['Iurii Gagarin', 'Гагарин Юрий', 'transliterated'],
      ['Jurij Gagarin', 'Гагарин Юрий', 'transliterated'],
      ['Natalya Shcherbakova', 'Щербакова Наталья', 'transliterated'],
      ['Natalia Shcherbakova', 'Щербакова Наталья', 'transliterated'],
      ['Alexey Khvostov', 'Хвостов Алексей', 'transliterated'],
      ['Aleksei Hvostov', 'Хвостов Алексей', 'transliterated'],
      ['Fyodor Tsvetkov', 'Цветков Фёдор', 'transliterated'],
      ['Zhanna Chernysheva', 'Чернышева Жанна', 'transliterated'],
      ['Yana Yudina', 'Юдина Яна', 'transliterated'],
      ['Iana Iudina', 'Юдина Яна', 'transliterated'],
      ['Dmitry Dostoevsky', 'Достоевский Дмитрий', 'transliterated'],
      ['Dmitriy Dostoyevskiy', 'Достоевский Дмитрий', 'transliterated'],
      ['Dmitrii Dostoevskii', 'Достоевский Дмитрий', 'transliterated'],
      ['Yevgeniy Ilyin', 'Ильин Евгений Петрович', 'patronymicOmitted'],
      ['Kseniya Zhukova', 'Ksenia Zhukova', 'transliterated'],
      ['Andrei Petrov', 'Petrov Andrey', 'transliterated'],
    ])('%j and %j: match (%s)', (profile, passport, reason) => {
      expect(matchNames(profile, passport)).toEqual({
        result: 'match',
        reason: `validation:nameMatch.${reason}`,
      });
    });
  });

  describe('needs confirmation', () => {
    it.each([
      ['Ваня Петров', 'Петров Иван Сергеевич', 'diminutive'],
      ['Vanya Petrov', 'Петров Иван', 'diminutive'],
      ['Саша Петрова', 'Петрова Александра', 'diminutive'],
      ['Иван Петрав', 'Петров Иван', 'typo'],
      ['Иван Петро', 'Петров Иван', 'typo'],
      ['Ivan Petorv', 'Петров Иван', 'typo'],
      ['Наталия Петрова', 'Петрова Наталья', 'typo'],
      ['Петров И. С.', 'Петров Иван Сергеевич', 'initials'],
      ['И. Петров', 'Петров Иван', 'initials'],
      ['Петров И.', 'Петров И.', 'initials'],
      ['Иван', 'Петров Иван', 'partial'],
      ['Петров', 'Петров Иван', 'partial'],
      ['Иван Иванович', 'Петров Иван Иванович', 'partial'],
      ['Иван Петров Омск', 'Петров Иван', 'partial'],
      ['Иван Петров 🌻', 'Петров Иван', 'decorated'],
      ['Ivan_Petrov', 'Петров Иван', 'decorated'],
      ['Иван Петров 1985', 'Петров Иван', 'decorated'],
      ['Иван Петрoв', 'Петров Иван', 'mixedScripts'],
    ])('%j and %j: %s', (profile, passport, reason) => {
      expect(matchNames(profile, passport)).toEqual({
        result: 'needs-confirmation',
        reason: `validation:nameMatch.${reason}`,
      });
    });
  });

  describe('mismatch', () => {
    it.each([
      ['Сидоров Иван', 'Петров Иван'],
      ['Петров Пётр', 'Петров Иван'],
      ['Сергей Петров', 'Петров Иван Сергеевич'],
      ['Петров Иван Андреевич', 'Петров Иван Сергеевич'],
      ['Иванов Петр', 'Петров Иван'],
      ['Ivan Sidorov', 'Петров Иван'],
    ])('%j and %j: different', (profile, passport) => {
      expect(matchNames(profile, passport)).toEqual({
        result: 'mismatch',
        reason: 'validation:nameMatch.different',
      });
    });

    it.each([
      ['', 'empty'],
      ['   ', 'empty'],
      [null, 'empty'],
      [42, 'empty'],
      ['😀🎉', 'noLetters'],
      ['12345', 'noLetters'],
      ['<b>Иван</b> Петров', 'markup'],
      ["Иван'; DROP TABLE appeals; --", 'markup'],
      ['Петров Иван /* */', 'markup'],
      ['null', 'placeholder'],
      ['undefined undefined', 'placeholder'],
      ['王小明', 'unsupportedScript'],
      ['Иван '.repeat(50), 'tooLong'],
      ['А Б В Г Д Е Ж', 'tooManyWords'],
    ])('a profile name %j: %s', (profile, reason) => {
      expect(matchNames(profile, 'Петров Иван')).toEqual({
        result: 'mismatch',
        reason: `validation:nameMatch.${reason}`,
        unreadable: 'profile',
      });
    });

    it('says which name could not be read', () => {
      expect(matchNames('Петров Иван', '')).toMatchObject({ unreadable: 'passport' });
      expect(matchNames('', '12')).toMatchObject({
        unreadable: 'both',
        reason: 'validation:nameMatch.empty',
      });
    });
  });

  it.each(hostileInputs)('gives a mismatch or a confirmation request, never a throw, for %s', (_, value) => {
    for (const result of [
      matchNames(value, 'Петров Иван'),
      matchNames('Петров Иван', value),
      matchNames(value, value),
    ]) {
      expect(result.result).not.toBe('match');
      expect(textOf(result.reason, 'ru')).toBeTypeOf('string');
      expect(textOf(result.reason, 'en')).toBeTypeOf('string');
    }
  });
});

const surnames = [
  'Петров',
  'Щербакова',
  'Хвостов',
  'Цветков',
  'Жуков',
  'Юдина',
  'Яковлева',
  'Чернышёв',
  'Ильин',
  'Достоевский',
  'Гагарин',
  'Соловьёв',
  'Кузьмина',
  'Шухов',
  'Зайцев',
  'Воробьёва',
  'Ёлкин',
  'Дьячков',
  'Подъячев',
  'Крылова',
];
const givenNames = [
  'Иван',
  'Юрий',
  'Наталья',
  'Фёдор',
  'Ксения',
  'Алексей',
  'Евгений',
  'Мария',
  'Татьяна',
  'Дмитрий',
  'Сергей',
  'Андрей',
  'Юлия',
  'Илья',
  'Артём',
  'Пётр',
  'Анастасия',
  'Михаил',
  'Вячеслав',
  'Ольга',
  'Максим',
  'Ксения',
];
const patronymics = ['Сергеевич', 'Ильинична', 'Петровна', 'Юрьевич', 'Фёдоровна', 'Андреевич'];

/** Latin spellings of Cyrillic letters in the systems met in passports, visas and social profiles. */
const SPELLINGS: Record<string, readonly string[]> = {
  а: ['a'],
  б: ['b'],
  в: ['v'],
  г: ['g'],
  д: ['d'],
  е: ['e'],
  ё: ['e', 'yo', 'ë'],
  ж: ['zh', 'ž'],
  з: ['z'],
  и: ['i'],
  й: ['i', 'y', 'j'],
  к: ['k'],
  л: ['l'],
  м: ['m'],
  н: ['n'],
  о: ['o'],
  п: ['p'],
  р: ['r'],
  с: ['s'],
  т: ['t'],
  у: ['u'],
  ф: ['f'],
  х: ['kh', 'h'],
  ц: ['ts', 'tz'],
  ч: ['ch', 'č'],
  ш: ['sh', 'š'],
  щ: ['shch', 'sch'],
  ъ: ['', "'"],
  ы: ['y', 'i'],
  ь: ['', "'"],
  э: ['e'],
  ю: ['iu', 'yu', 'ju'],
  я: ['ia', 'ya', 'ja'],
};
const VOWELS = 'аеёиоуыэюяьъ';

/** Romanises a Cyrillic word, picking a spelling per letter from `choices` (BGN "ye", "-y" ending, "x"). */
function romanise(word: string, choices: readonly number[]): string {
  const letters = [...word.toLowerCase()];
  let latin = '';
  letters.forEach((letter, i) => {
    const choice = choices[i % choices.length]!;
    const previous = letters[i - 1];
    if (letter === 'е' && (previous === undefined || VOWELS.includes(previous)) && choice % 2 === 1)
      latin += 'ye';
    else if (letter === 'и' && letters[i + 1] === 'й' && i + 2 === letters.length && choice % 3 === 0)
      latin += 'y';
    else if (letter === 'й' && previous === 'и' && i + 1 === letters.length && latin.endsWith('y'))
      latin += '';
    else if (letter === 'с' && previous === 'к' && choice % 2 === 0 && latin.endsWith('k'))
      latin = `${latin.slice(0, -1)}x`;
    else {
      const options = SPELLINGS[letter] ?? [letter];
      latin += options[choice % options.length];
    }
  });
  return latin.charAt(0).toUpperCase() + latin.slice(1);
}

const person = fc.record({
  surname: fc.constantFrom(...surnames),
  givenName: fc.constantFrom(...givenNames),
  patronymic: fc.constantFrom(...patronymics),
});
const choices = fc.array(fc.nat(), { minLength: 1, maxLength: 30 });
const nameLike = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .array(
      fc.constantFrom(...surnames, ...givenNames, ...patronymics, 'И.', 'Ваня', 'Ivan', 'Petrov', '🌻', '42'),
      {
        maxLength: 5,
      },
    )
    .map((words) => words.join(' ')),
);

describe('matchNames properties', () => {
  it('is symmetric: swapping the names gives the same result and reason', () => {
    fc.assert(
      fc.property(nameLike, nameLike, (a, b) => {
        const forward = matchNames(a, b);
        const backward = matchNames(b, a);
        expect([backward.result, backward.reason]).toEqual([forward.result, forward.reason]);
      }),
      { numRuns: 500 },
    );
  });

  it('is order-insensitive: shuffling the words of either name never changes the result', () => {
    const words = fc.array(
      fc.constantFrom(...surnames, ...givenNames, ...patronymics, 'И.', 'Ваня', 'Петрав'),
      {
        minLength: 1,
        maxLength: 4,
      },
    );
    const wordsAndShuffle = words.chain((a) =>
      fc.tuple(fc.constant(a), fc.shuffledSubarray(a, { minLength: a.length, maxLength: a.length })),
    );
    fc.assert(
      fc.property(wordsAndShuffle, words, ([a, shuffled], b) => {
        expect(matchNames(shuffled.join(' '), b.join(' ')).result).toBe(
          matchNames(a.join(' '), b.join(' ')).result,
        );
        expect(matchNames(b.join(' '), shuffled.join(' ')).result).toBe(
          matchNames(b.join(' '), a.join(' ')).result,
        );
      }),
      { numRuns: 500 },
    );
  });

  it('matches a passport name in any common transliteration, with or without the patronymic', () => {
    fc.assert(
      fc.property(person, choices, choices, fc.boolean(), (p, forSurname, forGiven, withPatronymic) => {
        const passport = `${p.surname} ${p.givenName} ${p.patronymic}`;
        const latin = `${romanise(p.givenName, forGiven)} ${romanise(p.surname, forSurname)}`;
        const profile = withPatronymic ? `${latin} ${romanise(p.patronymic, forGiven)}` : latin;
        expect(matchNames(profile, passport).result).toBe('match');
      }),
      { numRuns: 500 },
    );
  });

  it('never calls two different surnames a match', () => {
    fc.assert(
      fc.property(person, fc.constantFrom(...surnames), (p, other) => {
        fc.pre(other !== p.surname);
        expect(matchNames(`${other} ${p.givenName}`, `${p.surname} ${p.givenName}`).result).not.toBe('match');
      }),
    );
  });

  it('never throws and always explains itself in both languages', () => {
    fc.assert(
      fc.property(fc.oneof(nameLike, fc.anything()), fc.oneof(nameLike, fc.anything()), (a, b) => {
        const { reason } = matchNames(a, b);
        expect(textOf(reason, 'ru')).toBeTypeOf('string');
        expect(textOf(reason, 'en')).toBeTypeOf('string');
      }),
    );
  });
});
