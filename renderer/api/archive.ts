/**
 * Answers of the archive search and the applicant history (server/src/appeals/archive.ts,
 * applicant-history.ts), read without trusting them: malformed entries are left out.
 */
import type { RepeatEvidence } from '../../shared/domain/applicant/repeat';
import type { Appeal } from '../../shared/model/appeal';
import type { AppealStatus, Channel, Regime } from '../../shared/model/vocabulary';

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const textOrNull = (value: unknown) => (typeof value === 'string' ? value : null);
const numberOrNull = (value: unknown) => (typeof value === 'number' ? value : null);

/** The archive search's filters (`GET /api/v1/archive/appeals`). */
export interface ArchiveQuery {
  readonly q?: string;
  readonly channel?: Channel;
  readonly regime?: Regime;
  readonly status?: AppealStatus;
  readonly departmentId?: string;
  readonly assigneeId?: string;
  readonly category?: string;
  /** Only appeals closed before this instant (those a desktop does not keep). */
  readonly closedBefore?: number;
  readonly cursor?: string;
  readonly limit?: number;
}

export interface ArchivePage {
  readonly appeals: readonly Appeal[];
  /** The cursor of the next page, or null on the last one. */
  readonly next: string | null;
}

export function archiveSearchPath(query: ArchiveQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '' && value !== null) params.set(key, String(value));
  }
  return `/api/v1/archive/appeals?${params}`;
}

/** Appeals as the server stores them: those with the fields a list row reads are kept. */
export function parseArchivePage(value: unknown): ArchivePage {
  const body = isJson(value) ? value : {};
  const appeals = Array.isArray(body.appeals)
    ? body.appeals.filter(
        (entry): entry is Appeal =>
          isJson(entry) &&
          typeof entry.id === 'string' &&
          typeof entry.status === 'string' &&
          typeof entry.subject === 'string' &&
          isJson(entry.applicant),
      )
    : [];
  return { appeals, next: textOrNull(body.next) };
}

/** One appeal of the same applicant, as the applicant card lists it. */
export interface ApplicantAppeal {
  readonly id: string;
  readonly registrationNumber: string | null;
  readonly status: AppealStatus;
  readonly regime: Regime;
  readonly channel: Channel;
  readonly subject: string;
  readonly category: string | null;
  readonly receivedAt: number;
  readonly closedAt: number | null;
  /** How the server recognised the person and, for a repeat, the subject. */
  readonly evidence: readonly RepeatEvidence[];
  readonly repeatCandidate: boolean;
}

export interface RepeatMark {
  readonly previousId: string;
  readonly evidence: readonly RepeatEvidence[];
  readonly markedAt: number;
}

export interface ApplicantHistory {
  readonly appeals: readonly ApplicantAppeal[];
  /** The earlier appeal this one was marked to repeat. */
  readonly repeatOf: RepeatMark | null;
  /** Appeals marked as repeats of this one. */
  readonly repeatedBy: readonly string[];
}

const evidenceOf = (value: unknown): RepeatEvidence[] =>
  Array.isArray(value) ? value.filter((entry): entry is RepeatEvidence => typeof entry === 'string') : [];

export function parseRepeatMark(value: unknown): RepeatMark | null {
  if (!isJson(value) || typeof value.previousId !== 'string') return null;
  return {
    previousId: value.previousId,
    evidence: evidenceOf(value.evidence),
    markedAt: numberOrNull(value.markedAt) ?? 0,
  };
}

export function parseApplicantHistory(value: unknown): ApplicantHistory {
  const body = isJson(value) ? value : {};
  const appeals = Array.isArray(body.appeals)
    ? body.appeals.flatMap((entry): ApplicantAppeal[] => {
        if (!isJson(entry) || typeof entry.id !== 'string' || typeof entry.receivedAt !== 'number') return [];
        return [
          {
            id: entry.id,
            registrationNumber: textOrNull(entry.registrationNumber),
            status: String(entry.status) as AppealStatus,
            regime: String(entry.regime) as Regime,
            channel: String(entry.channel) as Channel,
            subject: String(entry.subject ?? ''),
            category: textOrNull(entry.category),
            receivedAt: entry.receivedAt,
            closedAt: numberOrNull(entry.closedAt),
            evidence: evidenceOf(entry.evidence),
            repeatCandidate: entry.repeatCandidate === true,
          },
        ];
      })
    : [];
  const repeatedBy = Array.isArray(body.repeatedBy)
    ? body.repeatedBy.filter((id): id is string => typeof id === 'string')
    : [];
  return { appeals, repeatOf: parseRepeatMark(body.repeatOf), repeatedBy };
}
