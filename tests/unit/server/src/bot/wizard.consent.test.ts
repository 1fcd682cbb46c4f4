/**
 * The bot's consent text (152-FZ) states how long the organisation keeps personal data. It said
 * «5 лет» whatever the organisation's `retentionYears`, which its retention job deletes by.
 */
import { promptFor } from '../../../../../server/src/bot/wizard';

const consent = (lang: 'ru' | 'en', retentionYears: number) =>
  promptFor('consent', {}, lang, '', { name: 'Администрация', retentionYears }).text;

describe('the consent text states the organisation’s retention (it always said 5 years)', () => {
  it.each([
    [1, '1 год'],
    [2, '2 года'],
    [3, '3 года'],
    [5, '5 лет'],
    [11, '11 лет'],
    [21, '21 год'],
    [22, '22 года'],
    [25, '25 лет'],
    [100, '100 лет'],
  ])('%i in Russian: «хранятся %s»', (years, phrase) => {
    expect(consent('ru', years)).toContain(`хранятся ${phrase}, паспортные данные`);
  });

  it.each([
    [1, '1 year'],
    [3, '3 years'],
    [5, '5 years'],
    [21, '21 years'],
  ])('%i in English: “kept for %s”', (years, phrase) => {
    expect(consent('en', years)).toContain(`kept for ${phrase} (passport data encrypted)`);
  });

  it('names the organisation and leaves no placeholder', () => {
    for (const lang of ['ru', 'en'] as const) {
      expect(consent(lang, 3)).toContain('Администрация');
      expect(consent(lang, 3)).not.toMatch(/\{\{|\}\}/);
    }
  });
});
