import type { EpochMs } from './primitives';

/**
 * Placeholders an answer template may use, written `{{name}}`. The UI fills them from the appeal;
 * an unknown placeholder stays visible so the official notices it before sending.
 */
export const answerTemplatePlaceholders = [
  'applicantName',
  'registrationNumber',
  'registeredAt',
  'receivedAt',
  'subject',
  'departmentName',
  'officialName',
  'legalDeadline',
] as const;
export type AnswerTemplatePlaceholder = (typeof answerTemplatePlaceholders)[number];

/**
 * A prepared answer text. It belongs to the organisation (`departmentId` null) or to one department,
 * and is either personal (only its author sees and edits it) or shared with that department or the
 * whole organisation. Who may write which: shared/domain/answer-templates.ts `templateWriteProblem`.
 */
export interface AnswerTemplate {
  id: string;
  orgId: string;
  title: string;
  /** Text with `{{placeholder}}` slots. */
  body: string;
  /** Offered first for appeals of this working category; null for any. */
  categoryCode: string | null;
  /** The department it is offered in; null: the whole organisation. */
  departmentId: string | null;
  /** Who wrote it; null for templates the server or the admin console put in (demo data). */
  authorId: string | null;
  /** Seen by its author alone. */
  personal: boolean;
  updatedAt: EpochMs;
}

/** Limits of a template, checked on the desktop before saving and by the server on every push. */
export const answerTemplateLimits = { title: 200, body: 20_000 } as const;
