import type { EpochMs } from './primitives';

/**
 * Letters the organisation issues on an appeal, each with an outgoing number (исходящий номер) drawn
 * by the server: the answer, and notices — an extension of the term (59-FZ art. 12 p. 2), forwarding
 * to another body (art. 8 p. 3), an art. 11 outcome, and the receipt handed to an in-person applicant.
 */
export const letterKinds = ['answer', 'extension', 'forwarding', 'art11', 'receipt'] as const;
export type LetterKind = (typeof letterKinds)[number];

/** An issued letter as the API lists it (GET /api/v1/appeals/:id/letters). */
export interface LetterRecord {
  id: string;
  appealId: string;
  kind: LetterKind;
  /** The answer's staff message, or the notice's thread message; '' when none. */
  messageId: string;
  outgoingNumber: string;
  issuedAt: EpochMs;
}

/** The formats a letter is rendered to (GET /api/v1/appeals/:id/letters/:letterId/:format). */
export const letterFormats = ['pdf', 'docx'] as const;
export type LetterFormat = (typeof letterFormats)[number];
