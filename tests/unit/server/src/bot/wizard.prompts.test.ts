/**
 * Issue 12, «every prompt shows an example and a button where a choice is finite»: an audit of the
 * wizard's step table in both languages. A step that takes free text shows an example; every answer
 * a step offers as a button is also named in its question, in quotes, so it can be typed where a
 * citizen prefers typing to the buttons (or their app shows none).
 */

import type { WizardData } from '../../../../../server/src/bot/types';
import { promptFor } from '../../../../../server/src/bot/wizard';
import { type FilingState, wizardSteps } from '../../../../../server/src/bot/wizard/steps';

const org = { name: 'Администрация г. Демо', retentionYears: 5 };
/** Steps answered in free text: each shows an example of an answer. */
const freeText: FilingState[] = [
  'name',
  'passport',
  'phone',
  'postal',
  'email',
  'org_name',
  'org_inn',
  'co_signers',
  'text',
];
/** Steps whose answers are a closed set of buttons (and files, for the attachments). */
const finite: FilingState[] = [
  'consent',
  'name_confirm',
  'applicant_type',
  'collective',
  'attachments',
  'summary',
  'summary_fix',
];
const example = { ru: /например/i, en: /e\.g\.|for example/i } as const;
const quoted = { ru: (label: string) => `«${label}»`, en: (label: string) => `“${label}”` } as const;
/** «Назад» and «Отмена» are under every step and explained once, in the menu and the consent. */
const everywhere = { ru: ['Назад', 'Отмена'], en: ['Back', 'Cancel'] };
const data: WizardData = { name: { lastName: 'Петров', firstName: 'Иван', patronymic: null }, text: 'Текст' };

describe('the wizard’s prompts', () => {
  it('classifies every step as free text or a finite choice', () => {
    expect([...freeText, ...finite].sort()).toEqual(Object.keys(wizardSteps).sort());
  });

  for (const lang of ['ru', 'en'] as const)
    for (const profileName of ['Иван Петров', '']) {
      it.each(freeText)(`%s shows an example (${lang}, profile name «${profileName}»)`, (state) => {
        const prompt = promptFor(state, data, lang, profileName, org);
        expect(prompt.text).toMatch(example[lang]);
      });

      it.each([...freeText, ...finite])(
        `%s names each of its buttons in its question (${lang}, profile name «${profileName}»)`,
        (state) => {
          const prompt = promptFor(state, data, lang, profileName, org);
          const labels = (prompt.keyboard?.buttons ?? []).flat().map((b) => b.label);
          const offered = labels.filter((label) => !everywhere[lang].includes(label));
          if (finite.includes(state)) expect(offered.length).toBeGreaterThan(0);
          for (const label of offered) expect(prompt.text).toContain(quoted[lang](label));
        },
      );
    }
});
