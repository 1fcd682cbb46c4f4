import {
  type AnswerTemplate,
  type AnswerTemplatePlaceholder,
  answerTemplatePlaceholders,
} from '../../../../shared/model/answer-template';
import type { Appeal } from '../../../../shared/model/appeal';
import type { PersonName } from '../../../../shared/model/person';

export type TemplateValues = Partial<Record<AnswerTemplatePlaceholder, string>>;

const slot = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/**
 * Fills `{{placeholder}}` slots. A known placeholder without a value and an unknown one both stay as
 * written, so the official sees them before sending (shared/model/answer-template.ts).
 */
export function fillTemplate(body: string, values: TemplateValues): string {
  return body.replace(slot, (whole, name: string) => {
    if (!(answerTemplatePlaceholders as readonly string[]).includes(name)) return whole;
    const value = values[name as AnswerTemplatePlaceholder];
    return value === undefined || value === '' ? whole : value;
  });
}

/** The placeholders a template leaves unfilled, to warn before sending. */
export function unfilledPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(slot)].map((match) => match[1]!))];
}

export const personNameText = (name: PersonName): string =>
  [name.lastName, name.firstName, name.patronymic ?? ''].filter((part) => part !== '').join(' ');

export interface TemplateContext {
  departmentName: string | null;
  officialName: string;
  /** Formats an instant or a `YYYY-MM-DD` date for the letter (locale of the UI). */
  formatDate: (value: number | string) => string;
}

/** The values of every placeholder the appeal can fill; absent data leaves its slot visible. */
export function templateValues(appeal: Appeal, context: TemplateContext): TemplateValues {
  const applicant =
    appeal.kind.applicantType === 'organisation' && appeal.kind.organisationName
      ? appeal.kind.organisationName
      : personNameText(appeal.applicant.name);
  return {
    applicantName: applicant,
    subject: appeal.subject,
    officialName: context.officialName,
    receivedAt: context.formatDate(appeal.receivedAt),
    ...(appeal.registrationNumber ? { registrationNumber: appeal.registrationNumber } : {}),
    ...(appeal.registeredAt !== null ? { registeredAt: context.formatDate(appeal.registeredAt) } : {}),
    ...(appeal.legalDeadline ? { legalDeadline: context.formatDate(appeal.legalDeadline) } : {}),
    ...(context.departmentName ? { departmentName: context.departmentName } : {}),
  };
}

/** Templates for the appeal's working category first, then the general ones, each by title. */
export function templatesFor(
  templates: readonly AnswerTemplate[],
  category: string | null,
): AnswerTemplate[] {
  const rank = (template: AnswerTemplate) =>
    template.categoryCode !== null && template.categoryCode === category
      ? 0
      : template.categoryCode === null
        ? 1
        : 2;
  return [...templates]
    .filter((template) => rank(template) < 2)
    .sort((a, b) => rank(a) - rank(b) || a.title.localeCompare(b.title, 'ru'));
}
