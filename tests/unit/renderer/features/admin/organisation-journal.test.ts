import { createI18n } from '../../../../../renderer/app/i18n';
import { type ChangeWords, changeLines } from '../../../../../renderer/features/admin/journal-format';
import { organisationJournalWords } from '../../../../../renderer/features/admin/organisation-journal';

function wordsIn(language: 'ru' | 'en'): ChangeWords {
  const organisation = organisationJournalWords(createI18n(language).getFixedT(language, 'organisation'));
  // A cast, not a type annotation: other kinds of entries add their own words (a file's size…).
  return {
    field: (name: string) => organisation.field(name) ?? name,
    setting: organisation.setting,
    department: (id: string) => id,
    role: (role: string) => role,
    yes: 'yes',
    no: 'no',
    none: '—',
    secret: '[set]',
    secretChanged: '[new]',
    file: (bytes: number) => `${bytes}`,
    change: (field: string, old: string, next: string) => `${field}: ${old} → ${next}`,
    created: (field: string, next: string) => `${field}: ${next}`,
  } as ChangeWords;
}

/** An `organisation.settings_update` entry as the server audits it (shared/domain/organisation-settings.ts). */
const entry = {
  fields: {
    'workingHours.sat': { old: 'off', new: '10:00–14:00' },
    'workingHours.mon': { old: '09:00–18:00', new: 'off' },
    deadlineShiftRule: { old: 'next', new: 'previous' },
    'incidentSla.firstReactionHours': { old: 2, new: 3 },
    timeZone: { old: 'Europe/Moscow', new: 'Asia/Yekaterinburg' },
  },
};

describe('«Журнал администратора»: the organisation’s settings', () => {
  it('names the fields and words a day off and the shift rule in Russian', () => {
    expect(changeLines(entry, wordsIn('ru'))).toEqual([
      'часы работы, сб: выходной → 10:00–14:00',
      'часы работы, пн: 09:00–18:00 → выходной',
      'перенос срока: на следующий рабочий день → на предыдущий рабочий день',
      'первая реакция по инциденту, ч: 2 → 3',
      'часовой пояс: Europe/Moscow → Asia/Yekaterinburg',
    ]);
  });

  it('and in English', () => {
    expect(changeLines(entry, wordsIn('en'))[0]).toBe('working hours, Sat: day off → 10:00–14:00');
  });

  it('leaves a field it does not know as it is', () => {
    const words = organisationJournalWords(createI18n('ru').getFixedT('ru', 'organisation'));
    expect(words.field('workingHours')).toBeUndefined();
    expect(words.field('login')).toBeUndefined();
    expect(words.setting('retentionYears', 'off')).toBeUndefined();
  });
});
