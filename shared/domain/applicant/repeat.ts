/**
 * Repeated appeals (59-FZ art. 11 part 5 speaks of "repeated" appeals; issue 13, "Repeats and
 * duplicates"). The server finds the same applicant by identity (verified passport, phone, e-mail,
 * social profile: server/src/appeals/applicant-history.ts); this rule decides which of that
 * applicant's earlier appeals a new one probably repeats, and names the evidence. A person marks the
 * repeat: nothing is linked or merged by the rule itself.
 */
import { termsOf } from '../../search/tokens';

/** How the same applicant was recognised. */
export type IdentityEvidence = 'passport' | 'phone' | 'email' | 'social';
/** How the same subject was recognised. */
export type SubjectEvidence = 'category' | 'subject';
export type RepeatEvidence = IdentityEvidence | SubjectEvidence;

/** An earlier appeal closed longer ago than this is history, not a repeat candidate. */
export const recentRepeatDays = 90;

export interface RepeatSubject {
  subject: string;
  category: string | null;
  receivedAt: number;
  closedAt: number | null;
}

/** Share of subject terms two subjects have in common (of the shorter one) that makes them "the same". */
const sameSubjectShare = 0.5;

function sameSubject(a: string, b: string): boolean {
  const left = termsOf(a);
  const right = new Set(termsOf(b));
  if (left.length === 0 || right.size === 0) return false;
  const common = left.filter((term) => right.has(term)).length;
  return common / Math.min(left.length, right.size) >= sameSubjectShare;
}

/**
 * The subject evidence that `earlier` is repeated by `appeal`, or none: `earlier` came before, is
 * open or closed within `recentRepeatDays` of `appeal`'s receipt, and has the same category or a
 * subject sharing half its words (stemmed).
 */
export function repeatEvidence(appeal: RepeatSubject, earlier: RepeatSubject): SubjectEvidence[] {
  if (earlier.receivedAt >= appeal.receivedAt) return [];
  if (earlier.closedAt !== null && appeal.receivedAt - earlier.closedAt > recentRepeatDays * 86_400_000)
    return [];
  const evidence: SubjectEvidence[] = [];
  if (appeal.category !== null && appeal.category === earlier.category) evidence.push('category');
  if (sameSubject(appeal.subject, earlier.subject)) evidence.push('subject');
  return evidence;
}
