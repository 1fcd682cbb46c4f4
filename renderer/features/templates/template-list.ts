import type { TemplateValues, TemplateWriter } from '../../../shared/domain/answer-templates';
import type { AnswerTemplate } from '../../../shared/model/answer-template';
import { isRole } from '../../../shared/model/roles';
import type { SessionUser } from '../../api/client';
import type { Translate } from '../../app/translate';

/** The signed-in official as the template rules see them; null for a role this desktop does not know. */
export function templateWriterOf(user: SessionUser): TemplateWriter | null {
  return isRole(user.role) ? { userId: user.id, role: user.role, departmentIds: user.departmentIds } : null;
}

/** «Отдел»: every department, the organisation's templates only, or one department's. */
export type DepartmentFilter = 'all' | 'organisation' | (string & {});
/** «Чьи»: all, my personal ones, or the shared ones. */
export type OwnerFilter = 'all' | 'mine' | 'shared';

/** The list of the screen: filtered, the organisation's first, then by department and title. */
export function filterTemplates(
  templates: readonly AnswerTemplate[],
  filter: { department: DepartmentFilter; owner: OwnerFilter },
  userId: string,
): AnswerTemplate[] {
  return templates
    .filter((template) =>
      filter.department === 'all'
        ? true
        : filter.department === 'organisation'
          ? template.departmentId === null
          : template.departmentId === filter.department,
    )
    .filter((template) =>
      filter.owner === 'mine'
        ? template.personal && template.authorId === userId
        : filter.owner === 'shared'
          ? !template.personal
          : true,
    )
    .sort(
      (a, b) =>
        Number(a.departmentId !== null) - Number(b.departmentId !== null) ||
        (a.departmentId ?? '').localeCompare(b.departmentId ?? '') ||
        a.title.localeCompare(b.title, 'ru'),
    );
}

const dayMs = 24 * 60 * 60 * 1000;

/** The preview's sample appeal: every placeholder filled, dates from today (answer due in 30 days). */
export function sampleValues(
  t: Translate,
  formatDate: (value: number | string) => string,
  now: number,
): TemplateValues {
  return {
    applicantName: t('templates:sample.applicantName'),
    registrationNumber: t('templates:sample.registrationNumber'),
    subject: t('templates:sample.subject'),
    departmentName: t('templates:sample.departmentName'),
    officialName: t('templates:sample.officialName'),
    receivedAt: formatDate(now - dayMs),
    registeredAt: formatDate(now),
    legalDeadline: formatDate(new Date(now + 30 * dayMs).toISOString().slice(0, 10)),
  };
}

/** Inserts `{{name}}` at the caret (replacing a selection); answers the text and the caret after it. */
export function insertPlaceholder(
  text: string,
  name: string,
  selection: { start: number; end: number },
): { text: string; caret: number } {
  const slot = `{{${name}}}`;
  const start = Math.max(0, Math.min(selection.start, text.length));
  const end = Math.max(start, Math.min(selection.end, text.length));
  return { text: text.slice(0, start) + slot + text.slice(end), caret: start + slot.length };
}
