import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../../../renderer/app/i18n';
import { ApplicantCard } from '../../../../../renderer/features/appeal/ApplicantCard';
import type { Appeal } from '../../../../../shared/model/appeal';
import { appealFixture } from '../../../shared/model/fixtures';

const card = (appeal: Appeal, lang: 'ru' | 'en' = 'ru') =>
  renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(lang)}>
      <ApplicantCard appeal={appeal} mayReveal={false} online={false} api={{} as never} />
    </I18nextProvider>,
  )
    .replace(/<style[^>]*>.*?<\/style>/gs, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

const base = appealFixture();
const viaBot = (nameMatch: Appeal['applicant']['nameMatch']) =>
  appealFixture({
    regime: 'formal',
    channel: 'ok',
    applicant: { ...base.applicant, identification: 'social-passport', nameMatch },
  });

describe('the applicant card (issue 12)', () => {
  it('says the network passed no profile name when an appeal filed in the chat has none — not a mismatch', () => {
    const shown = card(viaBot({ verdict: 'not_checked', profileName: null, checkedAt: 1 }));
    expect(shown).toContain('Сверка имени Сеть не передала имя профиля — сверьте ФИО с паспортом');
    expect(shown).not.toContain('не совпадает');
    expect(card(viaBot({ verdict: 'not_checked', profileName: null, checkedAt: 1 }), 'en')).toContain(
      'The network passed no profile name',
    );
  });

  it('says nothing of a profile name where one was compared, where no check ran, or where no chat was involved', () => {
    expect(card(viaBot({ verdict: 'match', profileName: 'Иван Петров', checkedAt: 1 }))).not.toContain(
      'не передала',
    );
    // Defect 13 of issue 11: a check that never ran is no news to the official.
    expect(card(viaBot({ verdict: 'not_checked', profileName: null, checkedAt: null }))).not.toContain(
      'Сверка имени',
    );
    const reception = appealFixture({
      applicant: {
        ...base.applicant,
        identification: 'in-person-document',
        nameMatch: { verdict: 'not_checked', profileName: null, checkedAt: null },
      },
    });
    expect(card(reception)).not.toContain('не передала');
  });

  it('lists the co-signers with their postal addresses before the server has answered with their masked contacts', () => {
    const appeal = appealFixture({
      kind: {
        ...base.kind,
        collective: true,
        coSigners: [
          { name: { lastName: 'Иванова', firstName: 'Мария', patronymic: 'Петровна' }, postalAddress: null },
          {
            name: { lastName: 'Сидоров', firstName: 'Пётр', patronymic: null },
            postalAddress: '620014, г. Екатеринбург, ул. Ленина, д. 5, кв. 7',
          },
        ],
      },
    });
    expect(card(appeal)).toContain(
      'Соподписанты Иванова Мария Петровна; Сидоров Пётр (620014, г. Екатеринбург, ул. Ленина, д. 5, кв. 7)',
    );
  });
});
