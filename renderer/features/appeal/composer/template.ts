import type { AnswerTemplate } from '../../../../shared/model/answer-template';

/** The applicant's name as letters and the thread write it (shared with the templates' placeholders). */
export { personNameText } from '../../../../shared/domain/answer-templates';

/**
 * The templates the composer offers for an appeal: those of the appeal's department, then the
 * organisation's; within each, the appeal's working category first, then the general ones, each by
 * title. Templates of other departments and of other categories are not offered.
 */
export function templatesFor(
  templates: readonly AnswerTemplate[],
  appeal: { departmentId: string; category: string | null },
): AnswerTemplate[] {
  const place = (template: AnswerTemplate) =>
    template.departmentId === appeal.departmentId ? 0 : template.departmentId === null ? 1 : 2;
  const match = (template: AnswerTemplate) =>
    template.categoryCode === null ? 1 : template.categoryCode === appeal.category ? 0 : 2;
  return templates
    .filter((template) => place(template) < 2 && match(template) < 2)
    .sort((a, b) => place(a) - place(b) || match(a) - match(b) || a.title.localeCompare(b.title, 'ru'));
}
