import { createI18n } from '../../../../../renderer/app/i18n';
import {
  filterTemplates,
  insertPlaceholder,
  sampleValues,
  templateWriterOf,
} from '../../../../../renderer/features/templates/template-list';
import { fillTemplate, unfilledPlaceholders } from '../../../../../shared/domain/answer-templates';
import type { AnswerTemplate } from '../../../../../shared/model/answer-template';

const template = (
  id: string,
  departmentId: string | null,
  personal: boolean,
  authorId: string | null = 'u-1',
): AnswerTemplate => ({
  id,
  orgId: 'org-1',
  title: `Шаблон ${id}`,
  body: 'Текст',
  categoryCode: null,
  departmentId,
  authorId,
  personal,
  updatedAt: 0,
});

describe('the list of «Шаблоны ответов»', () => {
  const list = [
    template('b', 'dept-2', false),
    template('a', null, false, null),
    template('c', 'dept-1', true),
    template('d', 'dept-1', false, 'u-2'),
  ];

  it('shows the organisation’s templates first, then by department and title', () => {
    expect(filterTemplates(list, { department: 'all', owner: 'all' }, 'u-1').map((t) => t.id)).toEqual([
      'a',
      'c',
      'd',
      'b',
    ]);
  });

  it('filters by department, the organisation’s only, my personal ones and the shared ones', () => {
    const ids = (department: string, owner: 'all' | 'mine' | 'shared') =>
      filterTemplates(list, { department, owner }, 'u-1').map((t) => t.id);
    expect(ids('dept-1', 'all')).toEqual(['c', 'd']);
    expect(ids('organisation', 'all')).toEqual(['a']);
    expect(ids('all', 'mine')).toEqual(['c']);
    expect(ids('dept-1', 'shared')).toEqual(['d']);
  });
});

describe('the placeholder palette and the preview', () => {
  it('inserts a placeholder at the caret, replacing a selection, and puts the caret after it', () => {
    expect(insertPlaceholder('Уважаемый(ая) !', 'applicantName', { start: 14, end: 14 })).toEqual({
      text: 'Уважаемый(ая) {{applicantName}}!',
      caret: 31,
    });
    expect(insertPlaceholder('№ XXX', 'registrationNumber', { start: 2, end: 5 }).text).toBe(
      '№ {{registrationNumber}}',
    );
    expect(insertPlaceholder('текст', 'subject', { start: 99, end: 99 }).text).toBe('текст{{subject}}');
  });

  it('fills every placeholder from the sample, so the preview shows no slot', () => {
    const t = (key: string) => `«${key}»`;
    const formatDate = (value: number | string) => String(value);
    const values = sampleValues(t, formatDate, Date.UTC(2026, 0, 10));
    const body =
      '{{applicantName}} {{registrationNumber}} {{registeredAt}} {{receivedAt}} {{subject}} {{departmentName}} {{officialName}} {{legalDeadline}}';
    const filled = fillTemplate(body, values);
    expect(unfilledPlaceholders(filled)).toEqual([]);
    expect(values.legalDeadline).toBe('2026-02-09');
  });

  it('lets only a known role write templates', () => {
    const user = { id: 'u-1', login: 'x', fullName: 'X', departmentIds: ['dept-1'] };
    expect(templateWriterOf({ ...user, role: 'operator' })).toEqual({
      userId: 'u-1',
      role: 'operator',
      departmentIds: ['dept-1'],
    });
    expect(templateWriterOf({ ...user, role: 'auditor' })).toBeNull();
  });
});

describe('why the server refused a template, in the official’s words', () => {
  it('names the unknown placeholder and the limit inside the refusal text', () => {
    // As RefusalReason reads a stored refusal: its code and params are plain strings.
    const i18n = createI18n('ru');
    const t = i18n.t.bind(i18n) as unknown as (key: string, params: Record<string, unknown>) => string;
    expect(t('sync:refusal.template', { problem: 'unknownPlaceholder', name: 'fio' })).toBe(
      'Шаблон ответа не сохранён: Неизвестная подстановка «fio»: уберите её или выберите из списка подстановок.',
    );
    expect(t('sync:refusal.template', { problem: 'titleTooLong', max: 200 })).toBe(
      'Шаблон ответа не сохранён: Название длиннее 200 знаков.',
    );
  });
});
