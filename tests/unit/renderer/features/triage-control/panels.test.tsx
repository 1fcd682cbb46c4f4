import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import type { AutoDecision } from '../../../../../renderer/api/triage-control';
import { createI18n } from '../../../../../renderer/app/i18n';
import { AccuracyPanel } from '../../../../../renderer/features/triage-control/AccuracyPanel';
import { CategoryDepartmentsPanel } from '../../../../../renderer/features/triage-control/CategoryDepartmentsPanel';
import { CategoryMapPanel } from '../../../../../renderer/features/triage-control/CategoryMapPanel';
import { DecisionsPanel } from '../../../../../renderer/features/triage-control/DecisionsPanel';
import { ThresholdsPanel } from '../../../../../renderer/features/triage-control/ThresholdsPanel';
import type { Language } from '../../../../../shared/i18n/resources';

const render = (language: Language, element: ReactElement) =>
  renderToStaticMarkup(<I18nextProvider i18n={createI18n(language)}>{element}</I18nextProvider>);
const names: Record<string, string> = { d1: 'ЖКХ Отдел ЖКХ', d2: 'ДТ Дорожный отдел' };
const departmentName = (id: string) => names[id] ?? id;
const decision = (outcome: AutoDecision['outcome'], appealId: string): AutoDecision => ({
  appealId,
  decidedAt: Date.UTC(2026, 11, 1, 9),
  fromDepartmentId: 'd2',
  toDepartmentId: 'd1',
  confidence: 0.913,
  threshold: 0.8,
  category: 'utilities',
  registrationNumber: null,
  subject: 'Нет горячей воды',
  outcome,
  undoneAt: outcome === 'undone' ? Date.UTC(2026, 11, 1, 10) : null,
  undoneBy: outcome === 'undone' ? 'Иванова И. И.' : null,
});

describe('«Подсказки» panels', () => {
  it('say the accuracy over 30 days with the number of decisions, and by department, in Russian and English', () => {
    const props = {
      total: { days: 30, decisions: 12, suggested: 10, departmentTop1: 0.7 },
      departments: [{ departmentId: 'd1', decisions: 8, suggested: 7, departmentTop1: 0.714 }],
      incident: { decisions: 9, suggested: 8, accuracy: 0.875 },
      departmentName,
    };
    const ru = render('ru', <AccuracyPanel {...props} />);
    expect(ru).toContain('Точность подсказки отдела за 30 дней');
    expect(ru).toContain('Подсказанный отдел выбран: 70 %');
    expect(ru).toContain('Решений сотрудников: 12, из них по обращениям с подсказкой: 10');
    expect(ru).toContain('ЖКХ Отдел ЖКХ');
    expect(ru).toContain('71 %');
    const en = render('en', <AccuracyPanel {...props} />);
    expect(ru).toContain('Инцидент или нет: точность за 30 дней');
    expect(ru).toContain('совпала с решением: 88 %');
    expect(ru).toContain('первых категоризаций сообщений: 9, из них с подсказкой: 8');
    expect(en).toContain('Suggested department chosen: 70 %');
    expect(en).toContain('The incident-or-not suggestion matched the decision: 88 %');
    const none = render(
      'ru',
      <AccuracyPanel
        {...props}
        total={{ ...props.total, departmentTop1: null }}
        departments={[]}
        incident={{ decisions: 0, suggested: 0, accuracy: null }}
      />,
    );
    expect(none).toContain('Пока нет решений сотрудников по обращениям с подсказкой');
    expect(none).toContain('Пока никто не решал, инцидент ли сообщение с подсказкой');
  });

  it('list every working category with its automatic routing on at its threshold or off', () => {
    const html = render(
      'ru',
      <ThresholdsPanel thresholds={[{ category: 'utilities', threshold: 0.85 }]} onSave={() => {}} />,
    );
    expect(html).toContain('data-testid="triage-threshold-roads"');
    expect(html).toContain('Коммунальные услуги');
    expect(html).toContain('порог 85 %');
    expect(html.match(/выключено/g)).toHaveLength(11);
  });

  it('offer «Отменить» only for a decision that stands, and say what became of the others', () => {
    const decisions = [decision('standing', 'a1'), decision('undone', 'a2'), decision('movedSince', 'a3')];
    const props = {
      decisions,
      departmentName,
      formatDate: () => '01.12.2026',
      onUndo: () => {},
      onOpenAppeal: () => {},
    };
    const ru = render('ru', <DecisionsPanel {...props} />);
    expect(ru.match(/>Отменить</g)).toHaveLength(1);
    expect(ru).toContain('Действует');
    expect(ru).toContain('Отменено (Иванова И. И.)');
    expect(ru).toContain('Обращение с тех пор передано в другой отдел');
    expect(ru).toContain('ДТ Дорожный отдел → ЖКХ Отдел ЖКХ');
    expect(ru).toContain('91 % ≥ 80 %');
    const en = render('en', <DecisionsPanel {...props} />);
    expect(en).toContain('>Undo<');
    expect(en).toContain('Undone (Иванова И. И.)');
    expect(render('en', <DecisionsPanel {...props} decisions={[]} />)).toContain(
      'No automatic decisions yet',
    );
  });

  it('show each portal subcategory with its working subcategory, an edited one marked with its default and a reset', () => {
    const rows = [
      {
        portal: 'Безнадзорные животные',
        defaultSubcategory: 'landscaping.stray-animals',
        subcategory: 'other.other',
        edited: true,
        updatedAt: 1,
      },
      {
        portal: 'Неработающее наружное освещение',
        defaultSubcategory: 'lighting.street-lights-out',
        subcategory: 'lighting.street-lights-out',
        edited: false,
        updatedAt: null,
      },
    ];
    const html = render(
      'ru',
      <CategoryMapPanel
        rows={rows}
        label={(code) => `label:${code}`}
        categoryLabel={(code) => code}
        onSet={() => {}}
        onReset={() => {}}
      />,
    );
    expect(html).toContain('Безнадзорные животные');
    expect(html).toContain('изменено');
    expect(html).toContain('по умолчанию: label:landscaping.stray-animals');
    expect(html.match(/Вернуть по умолчанию/g)).toHaveLength(1);
    expect(html).toContain('Показано 2 из 2');
    expect(html).toContain('label:lighting.street-lights-out');
  });

  it('list every working category and subcategory with its responsible department; a subcategory without one says its category’s, in Russian and English', () => {
    const departments = [
      { id: 'd1', orgId: 'o', name: 'Отдел ЖКХ', code: 'ЖКХ', disabled: false, updatedAt: 1 },
      { id: 'd2', orgId: 'o', name: 'Дорожный отдел', code: 'ДТ', disabled: false, updatedAt: 1 },
      { id: 'd3', orgId: 'o', name: 'Старый отдел', code: 'СТ', disabled: true, updatedAt: 1 },
    ];
    const props = {
      chosen: [
        { category: 'roads', departmentId: 'd2', updatedAt: 1 },
        { category: 'utilities.heating', departmentId: 'd3', updatedAt: 1 },
      ],
      departments,
      categoryLabel: (code: string) => `cat:${code}`,
      subcategoryLabel: (code: string) => `sub:${code}`,
      departmentName,
      onSet: () => {},
      onRemove: () => {},
    };
    const row = (html: string, code: string) => {
      const start = html.indexOf(`data-category="${code}"`);
      return html.slice(start, html.indexOf('</tr>', start));
    };
    const ru = render('ru', <CategoryDepartmentsPanel {...props} />);
    expect(ru).toContain('Ответственные отделы по категориям');
    expect(ru.match(/data-testid="triage-category-department"/g)?.length).toBeGreaterThan(40);
    expect(row(ru, 'roads')).toContain('ДТ Дорожный отдел');
    expect(row(ru, 'roads.potholes')).toContain('как у категории: ДТ Дорожный отдел');
    expect(row(ru, 'lighting')).toContain('не задан');
    // A department disabled since it was chosen is shown as such.
    expect(row(ru, 'utilities.heating')).toContain('utilities.heating');
    expect(row(ru, 'utilities.heating')).toContain('(отключён)');
    const en = render('en', <CategoryDepartmentsPanel {...props} />);
    expect(en).toContain('Responsible departments by category');
    expect(row(en, 'roads.potholes')).toContain('as the category: ДТ Дорожный отдел');
    expect(row(en, 'lighting')).toContain('none');
  });
});
