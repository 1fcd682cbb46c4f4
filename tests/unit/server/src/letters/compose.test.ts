import { composeLetter } from '../../../../../server/src/letters/compose';
import type { Letterhead } from '../../../../../server/src/letters/letterhead';

const letterhead: Letterhead = {
  fullName: 'Администрация города Тестова',
  address: 'ул. Ленина, д. 1',
  contacts: 'тел. 11-22-33',
  executorPhone: '11-22-44',
  logo: null,
  signatories: [{ position: 'Глава города', name: 'И. И. Петров' }],
  outgoingPattern: 'Исх-{N}/{YYYY}',
};

// 31.12.2026 23:30 in Moscow: still the 31st there, already 2027 nowhere that matters.
const issuedAt = Date.UTC(2026, 11, 31, 20, 30);
const registeredAt = Date.UTC(2026, 11, 1, 7, 0);

const appeal = (overrides: Record<string, unknown> = {}) => ({
  registrationNumber: 'ОГ-2026-000042',
  registeredAt,
  receivedAt: registeredAt,
  legalDeadline: '2027-01-11',
  kind: { organisationName: null },
  applicant: {
    name: { lastName: 'Иванова', firstName: 'Мария', patronymic: 'Петровна' },
    contacts: { postalAddress: 'г. Тверь, ул. Советская, д. 1, кв. 2' },
  },
  ...overrides,
});

const compose = (kind: 'answer' | 'extension' | 'receipt', overrides = {}, more = {}) =>
  composeLetter({
    appeal: appeal(overrides),
    letter: { kind, outgoingNumber: 'Исх-7/2026', issuedAt },
    letterhead,
    timeZone: 'Europe/Moscow',
    answerText: 'Первый абзац.\n\nВторой абзац.',
    executorName: 'Иванова А. С.',
    ...more,
  });

describe('a letter on the letterhead', () => {
  it('dates the letter and the appeal in the organisation’s time zone and refers to the registration', () => {
    const letter = compose('answer');
    expect(letter.outgoing).toBe('Исх. № Исх-7/2026 от 31.12.2026');
    expect(letter.reference).toBe('На Ваше обращение от 01.12.2026 № ОГ-2026-000042');
    expect(letter.salutation).toBe('Уважаемый(ая) Мария Петровна!');
    expect(letter.addressee).toEqual(['Иванова Мария Петровна', 'г. Тверь, ул. Советская, д. 1, кв. 2']);
    expect(letter.paragraphs).toEqual(['Первый абзац.', 'Второй абзац.']);
    expect(letter.signatory).toEqual({ position: 'Глава города', name: 'И. И. Петров' });
    expect(letter.executor).toBe('Исп. Иванова А. С., тел. 11-22-44');
  });

  it.each([
    [1, 'на 1 день'],
    [3, 'на 3 дня'],
    [21, 'на 21 день'],
    [30, 'на 30 дней'],
  ])('says an extension of %i days in good Russian (%s) with the new deadline', (days, phrase) => {
    const [body, reason] = compose('extension', {
      extension: { days, reason: 'Запрос в другой орган', noticeQueuedAt: null },
    }).paragraphs;
    expect(body).toContain(`${phrase} — до 11.01.2027 включительно`);
    expect(body).toContain('частью 2 статьи 12');
    expect(reason).toBe('Основание продления: Запрос в другой орган');
  });

  it('addresses an organisation by its name and a nameless applicant without a name', () => {
    const letter = compose('answer', {
      kind: { organisationName: 'ТСЖ «Рассвет»' },
      applicant: {
        name: { lastName: '', firstName: '', patronymic: null },
        contacts: { postalAddress: null },
      },
    });
    expect(letter.addressee).toEqual(['ТСЖ «Рассвет»']);
    expect(letter.salutation).toBe('Уважаемый(ая) заявитель!');
  });

  it('a receipt states the registration itself, with the term', () => {
    const letter = compose('receipt');
    expect(letter.reference).toBe('');
    expect(letter.paragraphs).toEqual([
      'Ваше обращение принято 01.12.2026 и зарегистрировано под № ОГ-2026-000042.',
      'Срок его рассмотрения — до 11.01.2027 включительно (статья 12 Федерального закона от 02.05.2006 № 59-ФЗ).',
    ]);
  });

  it('leaves the executor line out when nobody is assigned, and the phone when the organisation has none', () => {
    expect(compose('answer', {}, { executorName: '' }).executor).toBe('');
    expect(
      composeLetter({
        appeal: appeal(),
        letter: { kind: 'answer', outgoingNumber: 'Исх-7/2026', issuedAt },
        letterhead: { ...letterhead, executorPhone: '' },
        timeZone: 'Europe/Moscow',
        executorName: 'Иванова А. С.',
      }).executor,
    ).toBe('Исп. Иванова А. С.');
  });
});
