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

export interface AnswerTemplate {
  id: string;
  orgId: string;
  title: string;
  /** Text with `{{placeholder}}` slots. */
  body: string;
  /** Offered first for appeals of this working category; null for any. */
  categoryCode: string | null;
  updatedAt: EpochMs;
}
