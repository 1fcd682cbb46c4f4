/**
 * Problem groups (issue 13, server/src/problems/routes.ts): an appeal's candidates with their
 * evidence, grouping, taking an appeal out, and «Ответить всем». Answers are read without trusting
 * them; errors are values.
 */
import type { ApiResult, AppealApi } from './client';
import { isJson, malformed, num, str } from './untrusted';

export type ProblemEvidence =
  | { readonly kind: 'place'; readonly match: 'house' | 'street'; readonly place: string }
  | { readonly kind: 'category'; readonly category: string }
  | { readonly kind: 'text'; readonly similarity: number }
  | { readonly kind: 'days'; readonly days: number };

export interface ProblemMember {
  readonly id: string;
  readonly registrationNumber: string | null;
  readonly subject: string;
  readonly status: string;
  readonly channel: string;
  readonly receivedAt: number;
}

export interface ProblemCandidate extends ProblemMember {
  readonly problemId: string | null;
  readonly evidence: readonly ProblemEvidence[];
}

export interface ProblemGroup {
  readonly id: string;
  readonly count: number;
  readonly members: readonly ProblemMember[];
}

export interface ProblemView {
  readonly problem: ProblemGroup | null;
  readonly candidates: readonly ProblemCandidate[];
}

export interface GroupAnswer {
  readonly answered: readonly string[];
  readonly skipped: readonly string[];
}

function parseEvidence(value: unknown): ProblemEvidence | null {
  if (!isJson(value)) return null;
  switch (value.kind) {
    case 'place':
      return { kind: 'place', match: value.match === 'house' ? 'house' : 'street', place: str(value.place) };
    case 'category':
      return { kind: 'category', category: str(value.category) };
    case 'text':
      return { kind: 'text', similarity: num(value.similarity) };
    case 'days':
      return { kind: 'days', days: num(value.days) };
    default:
      return null;
  }
}

function parseMember(value: unknown): ProblemMember | null {
  if (!isJson(value) || !str(value.id)) return null;
  return {
    id: str(value.id),
    registrationNumber: str(value.registrationNumber) || null,
    subject: str(value.subject),
    status: str(value.status),
    channel: str(value.channel),
    receivedAt: num(value.receivedAt),
  };
}

function parseGroup(value: unknown): ProblemGroup | null {
  if (!isJson(value) || !str(value.id) || !Array.isArray(value.members)) return null;
  const members = value.members.map(parseMember).filter((m): m is ProblemMember => m !== null);
  return { id: str(value.id), count: num(value.count), members };
}

function parseCandidate(value: unknown): ProblemCandidate | null {
  const member = parseMember(value);
  if (!member || !isJson(value) || !Array.isArray(value.evidence)) return null;
  return {
    ...member,
    problemId: str(value.problemId) || null,
    evidence: value.evidence.map(parseEvidence).filter((e): e is ProblemEvidence => e !== null),
  };
}

export function problemsApi(api: AppealApi) {
  return {
    async candidates(appealId: string): Promise<ApiResult<ProblemView>> {
      const result = await api.call(
        'GET',
        `/api/v1/appeals/${encodeURIComponent(appealId)}/problem-candidates`,
      );
      if (!result.ok) return result;
      if (!isJson(result.value) || !Array.isArray(result.value.candidates)) return malformed;
      return {
        ok: true,
        value: {
          problem: parseGroup(result.value.problem),
          candidates: result.value.candidates
            .map(parseCandidate)
            .filter((c): c is ProblemCandidate => c !== null),
        },
      };
    },
    async group(appealIds: readonly string[]): Promise<ApiResult<ProblemGroup>> {
      const result = await api.call('POST', '/api/v1/problems', { appealIds });
      if (!result.ok) return result;
      const group = isJson(result.value) ? parseGroup(result.value.problem) : null;
      return group ? { ok: true, value: group } : malformed;
    },
    async remove(problemId: string, appealId: string): Promise<ApiResult<null>> {
      const path = `/api/v1/problems/${encodeURIComponent(problemId)}/members/${encodeURIComponent(appealId)}`;
      const result = await api.call('DELETE', path);
      return result.ok ? { ok: true, value: null } : result;
    },
    /** `fileIds`: answer files uploaded for one member's answer; every citizen gets them. */
    async answerAll(
      problemId: string,
      text: string,
      fileIds: readonly string[] = [],
    ): Promise<ApiResult<GroupAnswer>> {
      const result = await api.call('POST', `/api/v1/problems/${encodeURIComponent(problemId)}/answer`, {
        text,
        ...(fileIds.length > 0 ? { fileIds } : {}),
      });
      if (!result.ok) return result;
      if (!isJson(result.value)) return malformed;
      const ids = (value: unknown) => (Array.isArray(value) ? value.map(str).filter(Boolean) : []);
      return {
        ok: true,
        value: { answered: ids(result.value.answered), skipped: ids(result.value.skipped) },
      };
    },
  };
}

export type ProblemsApi = ReturnType<typeof problemsApi>;
