import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { keepClassifierEdition } from '../../../../../renderer/app/classifier';
import { createI18n } from '../../../../../renderer/app/i18n';
import { type AppServices, ServicesProvider } from '../../../../../renderer/app/services';
import { AppealFacts } from '../../../../../renderer/features/appeal/AppealFacts';
import { ApplicantCard } from '../../../../../renderer/features/appeal/ApplicantCard';
import type { Appeal } from '../../../../../shared/model/appeal';
import { appealFixture } from '../../../shared/model/fixtures';

/** The services the card reads: this computer's storage, where the classifier edition is kept. */
const servicesWith = (storage: Storage) => ({ storage }) as unknown as AppServices;
let storage = memoryStorage();
const render = (element: React.ReactElement) =>
  renderToStaticMarkup(
    <ServicesProvider services={servicesWith(storage)}>
      <I18nextProvider i18n={createI18n('ru')}>{element}</I18nextProvider>
    </ServicesProvider>,
  );

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}
const text = (html: string) =>
  html
    .replace(/<style[^>]*>.*?<\/style>/gs, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('what the appeal card says the appeal is', () => {
  it('defect 12: shows the kind, the form under art. 4, the category and the classifier code', () => {
    const base = appealFixture();
    const appeal = appealFixture({
      regime: 'formal',
      kind: { ...base.kind, form: 'complaint' },
      category: 'roads',
      subcategory: 'roads.potholes',
      classifierCode: '0005.0005.0055.1122',
    });
    const shown = text(render(<AppealFacts appeal={appeal} />));
    expect(shown).toContain('Вид обращения Обращение (59-ФЗ)');
    expect(shown).toContain('Форма обращения (ст. 4 59-ФЗ) Жалоба');
    expect(shown).toContain('Категория Дороги › Ямы и разрушение покрытия');
    expect(shown).toContain('Код тематического классификатора 0005.0005.0055.1122');
  });

  it("names the question by the organisation's classifier edition kept on this computer", () => {
    storage = memoryStorage();
    keepClassifierEdition(storage, {
      format: 'okno-classifier/1',
      edition: 'Редакция округа',
      entries: [
        { code: '0005.0000.0000.0000', title: 'Жилищно-коммунальная сфера' },
        { code: '0005.0005.0000.0000', title: 'Жилище' },
        { code: '0005.0005.0056.0000', title: 'Коммунальное хозяйство' },
        { code: '0005.0005.0056.1153', title: 'Уборка снега во дворах' },
      ],
    });
    const appeal = appealFixture({ regime: 'formal', classifierCode: '0005.0005.0056.1153' });
    const shown = text(render(<AppealFacts appeal={appeal} />));
    expect(shown).toContain('0005.0005.0056.1153 — Уборка снега во дворах');
    storage = memoryStorage();
  });

  it('an incident has no form under art. 4, and says «Не указано» where nothing is known', () => {
    const shown = text(
      render(<AppealFacts appeal={appealFixture({ regime: 'incident', category: null })} />),
    );
    expect(shown).toContain('Вид обращения Инцидент');
    expect(shown).not.toContain('Форма обращения');
    expect(shown).toContain('Категория Не указано');
  });
});

describe('the applicant card', () => {
  const card = (appeal: Appeal) =>
    text(render(<ApplicantCard appeal={appeal} mayReveal={false} online api={{} as never} />));

  it('defect 13: drops the noise «Сверка имени: Совпадение имени не проверялось»', () => {
    const base = appealFixture();
    const unchecked = appealFixture({
      applicant: {
        ...base.applicant,
        passportMasked: null,
        nameMatch: {
          ...base.applicant.nameMatch,
          verdict: 'not_checked',
          profileName: null,
          checkedAt: null,
        },
      },
    });
    expect(card(unchecked)).not.toContain('Сверка имени');
    expect(card(unchecked)).not.toContain('не проверялось');
  });

  it('still shows a name that does not match the passport', () => {
    const base = appealFixture();
    const mismatch = appealFixture({
      applicant: {
        ...base.applicant,
        passportMasked: null,
        nameMatch: { ...base.applicant.nameMatch, verdict: 'mismatch', profileName: 'Петров' },
      },
    });
    expect(card(mismatch)).toContain('Имя не совпадает с паспортным');
  });
});
