/**
 * The reports on the server (server/src/reports/routes.ts), signed in through the sync engine's tokens
 * (refreshed once on a 401): a report as JSON, its XLSX, and making a ССТУ month final.
 */
import type {
  OnTimeReport,
  Report,
  ReportKind,
  SstuCorrection,
  SstuReport,
} from '../../../shared/model/report';
import type { ApiResult, TokenSource } from '../../api/client';
import { type FetchLike, signedInFetch } from '../../api/signed-in-fetch';

/** What the screen asks for: a month of the ССТУ report, or a span of days of on-time performance. */
export type ReportQuery = { kind: 'sstu'; month: string } | { kind: 'on-time'; from: string; to: string };

export type ReportFailure = Extract<ApiResult<never>, { ok: false }>['error'] & {
  corrections?: SstuCorrection[];
};

const isJson = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function queryPath(query: ReportQuery, suffix = ''): string {
  return query.kind === 'sstu'
    ? `/api/v1/reports/sstu${suffix}?month=${encodeURIComponent(query.month)}`
    : `/api/v1/reports/on-time${suffix}?from=${encodeURIComponent(query.from)}&to=${encodeURIComponent(query.to)}`;
}

/** A report the server sent: the kind it was asked for, with its heading. */
function parseReport(value: unknown, kind: ReportKind): Report | null {
  if (!isJson(value) || value.kind !== kind || typeof value.computedAt !== 'number') return null;
  if (kind === 'sstu' && !(Array.isArray(value.rows) && isJson(value.totals))) return null;
  if (kind === 'on-time' && !isJson(value.breakdowns)) return null;
  return value as unknown as Report;
}

export function reportsApi(tokens: TokenSource, fetchImpl: FetchLike = (input, init) => fetch(input, init)) {
  async function call(
    path: string,
    init: RequestInit,
  ): Promise<{ ok: true; value: Response } | { ok: false; error: ReportFailure }> {
    const response = await signedInFetch(fetchImpl, tokens, path, init);
    if (!response || [502, 503, 504].includes(response.status))
      return { ok: false, error: { kind: 'network' } };
    if (response.status === 401) return { ok: false, error: { kind: 'unauthorized' } };
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => null);
      const error = isJson(body) && isJson(body.error) ? body.error : {};
      const code = typeof error.code === 'string' ? error.code : undefined;
      const details = isJson(error.details) ? error.details : {};
      return {
        ok: false,
        error: {
          kind: 'server',
          status: response.status,
          ...(code ? { code } : {}),
          ...(Array.isArray(details.corrections)
            ? { corrections: details.corrections as SstuCorrection[] }
            : {}),
        },
      };
    }
    return { ok: true, value: response };
  }

  const json = async <T extends Report>(response: Response, kind: ReportKind): Promise<ApiResult<T>> => {
    const body: unknown = await response.json().catch(() => null);
    const report = isJson(body) ? parseReport(body.report, kind) : null;
    return report ? { ok: true, value: report as T } : { ok: false, error: { kind: 'server', status: 200 } };
  };

  return {
    async report(
      query: ReportQuery,
    ): Promise<{ ok: true; value: Report } | { ok: false; error: ReportFailure }> {
      const result = await call(queryPath(query), { method: 'GET', headers: { accept: 'application/json' } });
      return result.ok ? json(result.value, query.kind) : result;
    },
    async xlsx(query: ReportQuery): Promise<{ ok: true; value: Blob } | { ok: false; error: ReportFailure }> {
      const result = await call(queryPath(query, '.xlsx'), { method: 'GET' });
      return result.ok ? { ok: true, value: await result.value.blob() } : result;
    },
    async finalise(
      month: string,
    ): Promise<{ ok: true; value: SstuReport } | { ok: false; error: ReportFailure }> {
      const result = await call('/api/v1/reports/sstu/final', {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({ month }),
      });
      return result.ok ? json<SstuReport>(result.value, 'sstu') : result;
    },
  };
}

export type ReportsApi = ReturnType<typeof reportsApi>;
export type { OnTimeReport, SstuReport };
