/**
 * Answer quality (server/src/quality/routes.ts, issue 14): answers awaiting a head's approval and
 * the decisions on them, the applicants' «Нет» waiting for a supervisor, the summary of «Помог ли
 * ответ?», and which answers need approval. Answers are read without trusting them; errors are values.
 */
import type { ApiResult, AppealApi } from './client';
import { isJson, listOf, malformed, num, str } from './untrusted';

export interface AnswerWarningView {
  readonly code: string;
  readonly params: Record<string, string | number>;
}

export interface PendingAnswer {
  readonly messageId: string;
  readonly appealId: string;
  readonly registrationNumber: string | null;
  readonly subject: string;
  readonly authorName: string;
  readonly text: string;
  readonly submittedAt: number;
  readonly warnings: AnswerWarningView[];
}

export interface UnhelpfulAnswer {
  readonly appealId: string;
  readonly registrationNumber: string | null;
  readonly subject: string;
  readonly departmentId: string;
  readonly status: string;
  readonly comment: string | null;
  readonly answeredAt: number;
}

export interface VerdictCounts {
  readonly key: string;
  readonly asked: number;
  readonly yes: number;
  readonly partly: number;
  readonly no: number;
  readonly noAnswer: number;
  readonly returned: number;
}

export interface QualitySummary {
  readonly total: VerdictCounts;
  readonly byDepartment: VerdictCounts[];
  readonly byCategory: VerdictCounts[];
  readonly byExecutor: VerdictCounts[];
}

export type SummaryGrouping = 'department' | 'category' | 'executor';
export type SummaryOutcome = 'asked' | 'yes' | 'partly' | 'no' | 'noAnswer' | 'returned';

/** An appeal behind a number of the summary (the drill-down). */
export interface SummaryAppeal {
  readonly appealId: string;
  readonly registrationNumber: string | null;
  readonly subject: string;
  readonly status: string;
  readonly verdict: string | null;
}

export interface ApprovalRule {
  readonly departmentId: string;
  readonly regime: string;
}

export type VerdictDecisionChoice = 'rework' | 'new_appeal' | 'accepted';

function parsePending(value: unknown): PendingAnswer | null {
  if (!isJson(value) || !str(value.messageId)) return null;
  const warnings = Array.isArray(value.warnings)
    ? value.warnings.filter(isJson).map((w) => ({
        code: str(w.code),
        params: (isJson(w.params) ? w.params : {}) as Record<string, string | number>,
      }))
    : [];
  return {
    messageId: str(value.messageId),
    appealId: str(value.appealId),
    registrationNumber: str(value.registrationNumber) || null,
    subject: str(value.subject),
    authorName: str(value.authorName),
    text: str(value.text),
    submittedAt: num(value.submittedAt),
    warnings,
  };
}

function parseUnhelpful(value: unknown): UnhelpfulAnswer | null {
  if (!isJson(value) || !str(value.appealId)) return null;
  return {
    appealId: str(value.appealId),
    registrationNumber: str(value.registrationNumber) || null,
    subject: str(value.subject),
    departmentId: str(value.departmentId),
    status: str(value.status),
    comment: str(value.comment) || null,
    answeredAt: num(value.answeredAt),
  };
}

function parseCounts(value: unknown): VerdictCounts | null {
  if (!isJson(value)) return null;
  return {
    key: str(value.key),
    asked: num(value.asked),
    yes: num(value.yes),
    partly: num(value.partly),
    no: num(value.no),
    noAnswer: num(value.noAnswer),
    returned: num(value.returned),
  };
}

export function qualityApi(api: AppealApi) {
  const done = async (result: Promise<ApiResult<unknown>>): Promise<ApiResult<null>> => {
    const answered = await result;
    return answered.ok ? { ok: true, value: null } : answered;
  };
  return {
    async pending(): Promise<ApiResult<PendingAnswer[]>> {
      const result = await api.call('GET', '/api/v1/quality/approvals');
      if (!result.ok) return result;
      const list = listOf(result.value, 'approvals', parsePending);
      return list ? { ok: true, value: list } : malformed;
    },
    /** Sends the answer out, in `text` when the head edited it. */
    approve(messageId: string, text: string | null): Promise<ApiResult<null>> {
      const path = `/api/v1/quality/approvals/${encodeURIComponent(messageId)}/approve`;
      return done(api.call('POST', path, text === null ? {} : { text }));
    },
    /** Back to the executor with the comment. */
    giveBack(messageId: string, comment: string): Promise<ApiResult<null>> {
      const path = `/api/v1/quality/approvals/${encodeURIComponent(messageId)}/return`;
      return done(api.call('POST', path, { comment }));
    },
    async unhelpful(): Promise<ApiResult<UnhelpfulAnswer[]>> {
      const result = await api.call('GET', '/api/v1/quality/verdicts');
      if (!result.ok) return result;
      const list = listOf(result.value, 'verdicts', parseUnhelpful);
      return list ? { ok: true, value: list } : malformed;
    },
    decide(appealId: string, decision: VerdictDecisionChoice): Promise<ApiResult<null>> {
      const path = `/api/v1/quality/verdicts/${encodeURIComponent(appealId)}/decision`;
      return done(api.call('POST', path, { decision }));
    },
    async summary(from: number, to: number): Promise<ApiResult<QualitySummary>> {
      const result = await api.call('GET', `/api/v1/quality/summary?from=${from}&to=${to}`);
      if (!result.ok) return result;
      const value = result.value;
      const total = isJson(value) ? parseCounts(value.total) : null;
      const byDepartment = listOf(value, 'byDepartment', parseCounts);
      const byCategory = listOf(value, 'byCategory', parseCounts);
      const byExecutor = listOf(value, 'byExecutor', parseCounts);
      if (!total || !byDepartment || !byCategory || !byExecutor) return malformed;
      return { ok: true, value: { total, byDepartment, byCategory, byExecutor } };
    },
    /** The appeals behind one number of the summary: a group's outcome in the period. */
    async summaryAppeals(
      period: { from: number; to: number },
      by: SummaryGrouping,
      key: string,
      outcome: SummaryOutcome,
    ): Promise<ApiResult<SummaryAppeal[]>> {
      const query = new URLSearchParams({
        from: String(period.from),
        to: String(period.to),
        by,
        key,
        outcome,
      });
      const result = await api.call('GET', `/api/v1/quality/summary/appeals?${query}`);
      if (!result.ok) return result;
      const list = listOf(result.value, 'appeals', (item) =>
        isJson(item) && str(item.appealId)
          ? {
              appealId: str(item.appealId),
              registrationNumber: str(item.registrationNumber) || null,
              subject: str(item.subject),
              status: str(item.status),
              verdict: str(item.verdict) || null,
            }
          : null,
      );
      return list ? { ok: true, value: list } : malformed;
    },
    async rules(): Promise<ApiResult<ApprovalRule[]>> {
      const result = await api.call('GET', '/api/v1/quality/approval-rules');
      if (!result.ok) return result;
      const list = listOf(result.value, 'rules', (item) =>
        isJson(item) && str(item.departmentId)
          ? { departmentId: str(item.departmentId), regime: str(item.regime) }
          : null,
      );
      return list ? { ok: true, value: list } : malformed;
    },
    /** The organisation's brush-off phrases (the default list while it has none). */
    async brushOff(): Promise<ApiResult<string[]>> {
      const result = await api.call('GET', '/api/v1/quality/brush-off');
      if (!result.ok) return result;
      const phrases =
        isJson(result.value) && Array.isArray(result.value.phrases) ? result.value.phrases : null;
      return phrases ? { ok: true, value: phrases.map(str).filter(Boolean) } : malformed;
    },
    /** Sets the list, or back to the default with null. */
    setBrushOff(phrases: string[] | null): Promise<ApiResult<null>> {
      return done(api.call('PUT', '/api/v1/quality/brush-off', { phrases }));
    },
    setRule(departmentId: string, regime: string, required: boolean): Promise<ApiResult<null>> {
      return done(api.call('PUT', '/api/v1/quality/approval-rules', { departmentId, regime, required }));
    },
  };
}
