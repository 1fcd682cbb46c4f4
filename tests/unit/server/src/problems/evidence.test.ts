import {
  categoryOfAppeal,
  compareAppeals,
  problemWindowDays,
  textSimilarity,
} from '../../../../../server/src/problems/evidence';

const day = 86_400_000;
const at = Date.UTC(2026, 0, 15, 9);

const appeal = (text: string, more: Record<string, unknown> = {}) => ({
  subject: '',
  text,
  category: 'housing',
  receivedAt: at,
  applicant: { contacts: { postalAddress: null } },
  ...more,
});

describe('textSimilarity', () => {
  it('is 1 for the same text and 0 for texts with no word in common', () => {
    expect(textSimilarity('Нет горячей воды в подъезде', 'Нет горячей воды в подъезде')).toBeCloseTo(1);
    expect(textSimilarity('Нет горячей воды', 'Спасибо за ремонт дороги')).toBe(0);
  });

  it('finds two citizens’ words about one problem alike, whatever the word forms', () => {
    const a = 'Третий день нет горячей воды, маленький ребенок';
    const b = 'Горячая вода отсутствует уже три дня';
    const unrelated = 'Во дворе не вывозят мусор с контейнерной площадки';
    expect(textSimilarity(a, b)).toBeGreaterThan(textSimilarity(a, unrelated));
  });

  it('does not count masked addresses and names as shared words', () => {
    // Both name a house; the masks of personal data are not evidence of one problem.
    expect(textSimilarity('ул. Ленина, д. 5', 'ул. Мира, д. 12')).toBeLessThan(0.6);
  });

  it('is 0 for empty texts', () => {
    expect(textSimilarity('', 'Нет воды')).toBe(0);
  });
});

describe('categoryOfAppeal', () => {
  it('takes the category a person set, else triage’s first suggestion, else none', () => {
    expect(categoryOfAppeal({ category: 'roads' })).toBe('roads');
    expect(categoryOfAppeal({ category: null, triage: { category: [{ category: 'housing' }] } })).toBe(
      'housing',
    );
    expect(categoryOfAppeal({ category: null, triage: null })).toBeNull();
  });
});

describe('compareAppeals', () => {
  it('names the same house, the category, similar text and the days between', () => {
    const result = compareAppeals(
      appeal('На Ленина 5 третий день нет горячей воды'),
      appeal('ул. Ленина, д. 5 — нет горячей воды три дня', { receivedAt: at - 3 * day }),
    );
    expect(result?.evidence).toEqual([
      { kind: 'place', match: 'house', place: 'ул. Ленина, 5' },
      { kind: 'category', category: 'housing' },
      { kind: 'text', similarity: expect.any(Number) },
      { kind: 'days', days: 3 },
    ]);
  });

  it('ranks the same house above the same street', () => {
    const mine = appeal('на Ленина 5 нет воды');
    const house = compareAppeals(mine, appeal('Ленина, 5: нет воды'));
    const street = compareAppeals(mine, appeal('Ленина, 9: нет воды'));
    expect(house?.score).toBeGreaterThan(street?.score ?? Number.POSITIVE_INFINITY);
  });

  it('reads the place from the postal address when the text names none', () => {
    const result = compareAppeals(
      appeal('Нет горячей воды', {
        applicant: { contacts: { postalAddress: '305000, г. Курск, ул. Ленина, д. 5' } },
      }),
      appeal('на Ленина 5 нет горячей воды'),
    );
    expect(result?.evidence[0]).toEqual({ kind: 'place', match: 'house', place: 'ул. Ленина, 5' });
  });

  it('is no candidate outside the window, at another place with another category, or by category alone', () => {
    const mine = appeal('на Ленина 5 нет горячей воды');
    expect(
      compareAppeals(
        mine,
        appeal('Ленина, 5 нет горячей воды', { receivedAt: at - (problemWindowDays + 1) * day }),
      ),
    ).toBeNull();
    expect(compareAppeals(mine, appeal('ул. Мира, 12 яма на дороге', { category: 'roads' }))).toBeNull();
    expect(compareAppeals(mine, appeal('Прошу помочь с оформлением субсидии'))).toBeNull();
  });

  it('without a shared place, needs the same category and very similar text', () => {
    const mine = appeal('Во всем микрорайоне нет горячей воды третий день');
    expect(compareAppeals(mine, appeal('Третий день нет горячей воды во всем микрорайоне'))).not.toBeNull();
    expect(
      compareAppeals(mine, appeal('Третий день нет горячей воды во всем микрорайоне', { category: 'roads' })),
    ).toBeNull();
  });
});
