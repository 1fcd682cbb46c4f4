import {
  checkAnswerTemplate,
  fillTemplate,
  mayReadTemplate,
  type TemplateWriter,
  templateValues,
  templateWriteProblem,
  unfilledPlaceholders,
  unknownPlaceholders,
} from '../../../../shared/domain/answer-templates';
import { appealFixture } from '../model/fixtures';

const formatDate = (value: number | string) =>
  typeof value === 'string'
    ? value.split('-').reverse().join('.')
    : new Date(value).toISOString().slice(0, 10);

describe('filling an answer template', () => {
  const values = templateValues(appealFixture(), {
    departmentName: 'ЖКХ',
    officialName: 'Иванова А. С.',
    formatDate,
  });

  it('fills the applicant, the registration number and the legal deadline', () => {
    const body =
      'Уважаемый(ая) {{applicantName}}! Ваше обращение № {{registrationNumber}} рассмотрено до {{ legalDeadline }}.';
    expect(fillTemplate(body, values)).toBe(
      'Уважаемый(ая) Иванова Мария Петровна! Ваше обращение № 15/2025 рассмотрено до 02.05.2025.',
    );
  });

  it('leaves unknown and empty placeholders visible so the official notices them', () => {
    const unregistered = templateValues(appealFixture({ registrationNumber: null }), {
      departmentName: null,
      officialName: 'Иванова А. С.',
      formatDate,
    });
    const text = fillTemplate('№ {{registrationNumber}}, {{departmentName}}, {{unknownThing}}', unregistered);
    expect(text).toBe('№ {{registrationNumber}}, {{departmentName}}, {{unknownThing}}');
    expect(unfilledPlaceholders(text)).toEqual(['registrationNumber', 'departmentName', 'unknownThing']);
  });

  it('addresses an organisation by its name', () => {
    const appeal = appealFixture({
      kind: { ...appealFixture().kind, applicantType: 'organisation', organisationName: 'ТСЖ «Рассвет»' },
    });
    expect(
      fillTemplate(
        '{{applicantName}}',
        templateValues(appeal, { departmentName: null, officialName: '', formatDate }),
      ),
    ).toBe('ТСЖ «Рассвет»');
  });
});

describe('what a template may contain', () => {
  it('takes a title of 1–200 characters and a body of 1–20 000 with known placeholders', () => {
    expect(
      checkAnswerTemplate({ title: 'Т'.repeat(200), body: `{{applicantName}} ${'т'.repeat(19_000)}` }),
    ).toEqual({ ok: true, value: null });
  });

  it('refuses an empty or too long title or body', () => {
    const code = (title: string, body: string) => {
      const result = checkAnswerTemplate({ title, body });
      return result.ok ? null : result.error.code;
    };
    expect(code('  ', 'текст')).toBe('templates:problem.titleEmpty');
    expect(code('Т'.repeat(201), 'текст')).toBe('templates:problem.titleTooLong');
    expect(code('Ответ', ' \n ')).toBe('templates:problem.bodyEmpty');
    expect(code('Ответ', 'т'.repeat(20_001))).toBe('templates:problem.bodyTooLong');
  });

  it('names the first unknown placeholder', () => {
    expect(checkAnswerTemplate({ title: 'Ответ', body: '{{applicantName}}, {{ adres }} и {{fio}}' })).toEqual(
      {
        ok: false,
        error: { code: 'templates:problem.unknownPlaceholder', params: { name: 'adres' } },
      },
    );
    expect(unknownPlaceholders('{{fio}} {{subject}} {{fio}} {{ИмяЗаявителя}}')).toEqual([
      'fio',
      'ИмяЗаявителя',
    ]);
  });
});

describe('who may write which template', () => {
  const operator: TemplateWriter = { userId: 'op', role: 'operator', departmentIds: ['d1'] };
  const head: TemplateWriter = { userId: 'hd', role: 'head', departmentIds: ['d1'] };
  const supervisor: TemplateWriter = { userId: 'sv', role: 'supervisor', departmentIds: [] };
  const scope = (departmentId: string | null, authorId: string | null, personal: boolean) => ({
    departmentId,
    authorId,
    personal,
  });
  const code = (
    writer: TemplateWriter,
    before: ReturnType<typeof scope> | null,
    after: ReturnType<typeof scope> | null,
  ) => templateWriteProblem(writer, before, after)?.code ?? 'ok';

  it('lets an operator write personal templates and share them into their own departments only', () => {
    expect(code(operator, null, scope(null, 'op', true))).toBe('ok');
    expect(code(operator, scope('d1', 'op', true), scope('d1', 'op', false))).toBe('ok');
    expect(code(operator, null, scope('d1', 'op', false))).toBe('ok');
    expect(code(operator, null, scope('d2', 'op', false))).toBe('templates:problem.notYourDepartment');
    expect(code(operator, null, scope(null, 'op', false))).toBe('templates:problem.organisationTemplate');
    expect(code(operator, scope('d1', 'hd', false), scope('d1', 'hd', false))).toBe(
      'templates:problem.sharedByHead',
    );
    expect(code(operator, scope('d1', 'op', false), null)).toBe('templates:problem.sharedByHead');
    expect(code(operator, scope('d1', 'hd', true), scope('d1', 'hd', true))).toBe(
      'templates:problem.notYours',
    );
  });

  it('lets a head edit shared templates of their departments, not the organisation’s', () => {
    expect(code(head, scope('d1', 'op', false), scope('d1', 'op', false))).toBe('ok');
    expect(code(head, scope('d1', 'op', false), null)).toBe('ok');
    expect(code(head, scope('d2', 'x', false), scope('d2', 'x', false))).toBe(
      'templates:problem.notYourDepartment',
    );
    expect(code(head, scope(null, null, false), scope(null, null, false))).toBe(
      'templates:problem.organisationTemplate',
    );
    expect(code(head, scope('d1', 'hd', false), scope('d2', 'hd', false))).toBe(
      'templates:problem.notYourDepartment',
    );
  });

  it('lets a supervisor edit any shared template, and nobody else’s personal one', () => {
    expect(code(supervisor, scope(null, null, false), scope('d2', null, false))).toBe('ok');
    expect(code(supervisor, scope('d2', 'op', true), null)).toBe('templates:problem.notYours');
    expect(code(supervisor, scope('d2', 'op', false), scope('d2', 'op', true))).toBe(
      'templates:problem.notYours',
    );
  });

  it('shows a personal template to its author alone and a department’s to its members', () => {
    expect(mayReadTemplate(head, scope('d1', 'op', true))).toBe(false);
    expect(mayReadTemplate(operator, scope('d1', 'op', true))).toBe(true);
    expect(mayReadTemplate(operator, scope('d2', 'hd', false))).toBe(false);
    expect(mayReadTemplate(operator, scope(null, null, false))).toBe(true);
    expect(mayReadTemplate(supervisor, scope('d2', 'hd', false))).toBe(true);
  });
});
