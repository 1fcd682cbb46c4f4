/**
 * Answer templates' rules, the same on the server (its sync writer) and on an offline desktop (the
 * «Шаблоны ответов» screen and the composer): what a template may contain, how its placeholders are
 * filled, and who may write which template (docs/DOMAIN.md, «Шаблоны ответов»).
 */
import {
  type AnswerTemplate,
  type AnswerTemplatePlaceholder,
  answerTemplateLimits,
  answerTemplatePlaceholders,
} from '../model/answer-template';
import type { Appeal } from '../model/appeal';
import type { PersonName } from '../model/person';
import { isOrganisationWide, type Role } from '../model/roles';
import { type DomainError, fail, ok, type Result } from './result';

export type TemplateValues = Partial<Record<AnswerTemplatePlaceholder, string>>;

const slot = /\{\{\s*([^{}\s]+)\s*\}\}/g;

const isPlaceholder = (name: string): name is AnswerTemplatePlaceholder =>
  (answerTemplatePlaceholders as readonly string[]).includes(name);

/** The names written in `{{…}}` slots that are not placeholders, in order, once each. */
export function unknownPlaceholders(body: string): string[] {
  return [
    ...new Set([...body.matchAll(slot)].map((match) => match[1]!).filter((name) => !isPlaceholder(name))),
  ];
}

/** Title 1–200 characters, body 1–20 000, only known placeholders (the first unknown one is named). */
export function checkAnswerTemplate(template: Pick<AnswerTemplate, 'title' | 'body'>): Result<null> {
  const title = template.title.trim();
  if (title.length === 0) return fail('templates:problem.titleEmpty');
  if (title.length > answerTemplateLimits.title) {
    return fail('templates:problem.titleTooLong', { max: answerTemplateLimits.title });
  }
  if (template.body.trim().length === 0) return fail('templates:problem.bodyEmpty');
  if (template.body.length > answerTemplateLimits.body) {
    return fail('templates:problem.bodyTooLong', { max: answerTemplateLimits.body });
  }
  const [unknown] = unknownPlaceholders(template.body);
  if (unknown !== undefined) return fail('templates:problem.unknownPlaceholder', { name: unknown });
  return ok(null);
}

/**
 * Fills `{{placeholder}}` slots. A known placeholder without a value and an unknown one both stay as
 * written, so the official sees them before sending.
 */
export function fillTemplate(body: string, values: TemplateValues): string {
  return body.replace(slot, (whole, name: string) => {
    if (!isPlaceholder(name)) return whole;
    const value = values[name];
    return value === undefined || value === '' ? whole : value;
  });
}

/** The placeholders a filled text still shows, to warn before sending. */
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

/** Who writes: the signed-in official. */
export interface TemplateWriter {
  userId: string;
  role: Role;
  departmentIds: readonly string[];
}

type TemplateScope = Pick<AnswerTemplate, 'departmentId' | 'authorId' | 'personal'>;

/** Whether the official sees the template at all (the server's pull answers the same). */
export function mayReadTemplate(writer: TemplateWriter, template: TemplateScope): boolean {
  if (template.personal && template.authorId !== writer.userId) return false;
  return (
    template.departmentId === null ||
    isOrganisationWide(writer.role) ||
    writer.departmentIds.includes(template.departmentId)
  );
}

/**
 * Why the official may not hold the template in this state, or null. Personal templates: their
 * author's alone, in the author's departments or the organisation. Shared ones: a head's in the
 * head's departments, a supervisor's or administrator's anywhere; an operator only shares (creates
 * a shared template or shares a personal one of theirs) into their own departments.
 */
function stateProblem(writer: TemplateWriter, state: TemplateScope, sharing: boolean): DomainError | null {
  const ownDepartment = state.departmentId !== null && writer.departmentIds.includes(state.departmentId);
  const anywhere = isOrganisationWide(writer.role);
  if (state.personal) {
    if (state.authorId !== writer.userId) return { code: 'templates:problem.notYours' };
    return state.departmentId === null || ownDepartment || anywhere
      ? null
      : { code: 'templates:problem.notYourDepartment' };
  }
  if (anywhere) return null;
  if (state.departmentId === null) return { code: 'templates:problem.organisationTemplate' };
  if (!ownDepartment) return { code: 'templates:problem.notYourDepartment' };
  if (writer.role === 'head' || sharing) return null;
  return { code: 'templates:problem.sharedByHead' };
}

/**
 * Why the official may not change `before` (null: a new template) into `after`, or null when they
 * may. Deleting is a change of `before` alone.
 */
export function templateWriteProblem(
  writer: TemplateWriter,
  before: TemplateScope | null,
  after: TemplateScope | null,
): DomainError | null {
  // An operator shares: creates a shared template, or turns their personal one into a shared one.
  const sharing =
    after !== null &&
    !after.personal &&
    (before === null || (before.personal && before.authorId === writer.userId));
  if (before) {
    const problem = stateProblem(writer, before, false);
    if (problem) return problem;
  }
  return after ? stateProblem(writer, after, sharing) : null;
}
