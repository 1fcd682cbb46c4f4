import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../../../renderer/app/i18n';
import { TriageSuggestionView } from '../../../../../renderer/features/appeal/TriagePanel';
import type { AppealTriage } from '../../../../../shared/model/appeal';
import type { Department } from '../../../../../shared/model/staff';
import { departmentFromCategoryMap, departmentFromChannel } from '../../../../../shared/triage/reasons';

const triage: AppealTriage = {
  at: 1,
  incident: { value: true, confidence: 0.97, because: ['вод'] },
  category: [
    {
      value: 'Некачественное водоснабжение многоквартирного дома',
      confidence: 0.985,
      because: ['горяч', 'вод'],
      category: 'utilities',
      subcategory: 'utilities.hot-water',
    },
  ],
  department: [{ value: 'dep-zhkh', confidence: 0.82, because: ['вод'] }],
  urgency: { urgent: true, confidence: 0.9, signs: ['no-water'], because: ['нет горячей воды'] },
};
const departments = [
  { id: 'dep-zhkh', orgId: 'org-1', code: 'ЖКХ', name: 'ЖКХ', updatedAt: 1 },
] as Department[];

const render = (language: 'ru' | 'en', shownTriage: AppealTriage = triage) =>
  renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(language)}>
      <TriageSuggestionView triage={shownTriage} departments={departments} onAccept={() => {}} />
    </I18nextProvider>,
  )
    .replace(/<style[^>]*>.*?<\/style>/gs, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('the triage suggestion on the appeal card', () => {
  it('says what was suggested, how sure, and from which words', () => {
    const shown = render('ru');
    expect(shown).toContain('Инцидент: требует действий');
    expect(shown).toContain('Срочно: нет воды · по словам: нет горячей воды');
    expect(shown).toContain('Категория: Коммунальные услуги › Горячая вода (уверенность 99 %)');
    expect(shown).toContain('уверенность 99 %');
    expect(shown).toContain('по словам: горяч, вод');
    expect(shown).toContain('Отдел: ЖКХ (уверенность 82 %)');
    expect(shown).toContain('Принять подсказку (Alt+A)');
  });

  it('in English too', () => {
    const shown = render('en');
    expect(shown).toContain('Urgent: no water');
    expect(shown).toContain('Department: ЖКХ');
    expect(shown).not.toMatch(/triage\./);
  });

  it('names the channel’s default department as the reason before the organisation’s first decision', () => {
    const fromChannel: AppealTriage = {
      ...triage,
      department: [{ value: 'dep-zhkh', confidence: 0.5, because: [departmentFromChannel] }],
    };
    expect(render('ru', fromChannel)).toContain(
      'Отдел: ЖКХ (уверенность 50 %) · организация ещё не распределяла такие обращения — это отдел по умолчанию для канала',
    );
    expect(render('en', fromChannel)).toContain('this is the channel’s default department');
    expect(render('ru', fromChannel)).not.toContain('@channel-default');
  });

  it('names the category map as the reason of its responsible department', () => {
    const fromMap: AppealTriage = {
      ...triage,
      department: [{ value: 'dep-zhkh', confidence: 0.81, because: [departmentFromCategoryMap] }],
    };
    expect(render('ru', fromMap)).toContain('Отдел: ЖКХ (уверенность 81 %) · по справочнику категорий');
    expect(render('en', fromMap)).toContain('from the category map');
    expect(render('en', fromMap)).not.toContain('@category-map');
  });
});
