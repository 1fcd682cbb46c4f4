import { nameSkeleton } from './transliteration';

/**
 * Common diminutives of Russian given names. A diminutive is never a match for a passport name:
 * it only lets a name matcher say "probably the same person, staff to confirm" instead of "different".
 * Rarer diminutives are not listed and read as a different name; staff can still confirm by hand.
 */
const DIMINUTIVES: Readonly<Record<string, readonly string[]>> = {
  Александр: ['Саша', 'Шура', 'Саня'],
  Александра: ['Саша', 'Шура'],
  Алексей: ['Лёша', 'Алёша'],
  Анастасия: ['Настя'],
  Анатолий: ['Толя'],
  Андрей: ['Андрюша'],
  Анна: ['Аня'],
  Артём: ['Тёма'],
  Борис: ['Боря'],
  Валентина: ['Валя'],
  Валерий: ['Валера'],
  Василий: ['Вася'],
  Виктор: ['Витя'],
  Виктория: ['Вика'],
  Владимир: ['Вова', 'Володя'],
  Вячеслав: ['Слава'],
  Галина: ['Галя'],
  Григорий: ['Гриша'],
  Дарья: ['Даша'],
  Дмитрий: ['Дима', 'Митя'],
  Евгений: ['Женя'],
  Евгения: ['Женя'],
  Екатерина: ['Катя'],
  Елена: ['Лена'],
  Елизавета: ['Лиза'],
  Иван: ['Ваня'],
  Константин: ['Костя'],
  Ксения: ['Ксюша'],
  Любовь: ['Люба'],
  Людмила: ['Люда'],
  Максим: ['Макс'],
  Мария: ['Маша'],
  Михаил: ['Миша'],
  Надежда: ['Надя'],
  Наталья: ['Наташа'],
  Николай: ['Коля'],
  Ольга: ['Оля'],
  Павел: ['Паша'],
  Пётр: ['Петя'],
  Роман: ['Рома'],
  Светлана: ['Света'],
  Сергей: ['Серёжа'],
  Станислав: ['Стас'],
  Татьяна: ['Таня'],
  Юлия: ['Юля'],
  Юрий: ['Юра'],
  Яков: ['Яша'],
};

const PAIRS = new Set(
  Object.entries(DIMINUTIVES).flatMap(([name, forms]) =>
    forms.flatMap((form) => {
      const [full, short] = [nameSkeleton(name), nameSkeleton(form)];
      return [`${full}|${short}`, `${short}|${full}`];
    }),
  ),
);

/** True when one skeleton is a listed diminutive of the other (in either order). */
export function isDiminutivePair(skeletonA: string, skeletonB: string): boolean {
  return PAIRS.has(`${skeletonA}|${skeletonB}`);
}
