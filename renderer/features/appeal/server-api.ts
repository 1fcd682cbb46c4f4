/**
 * The two server calls the appeal view makes besides replication: the audit timeline and the logged
 * passport reveal. Same conventions as renderer/api/client.ts (same-origin `/api/v1`, bearer token,
 * errors as values); kept here until that client grows these methods.
 */
import type { ApiResult } from '../../api/client';

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface HistoryEntry {
  id: string;
  at: number;
  actorUserId: string | null;
  /** `appeal.create`, `appeal.update`, `message.create`, `passport.reveal`… */
  action: string;
  /** Changed fields (values of personal data are redacted by the server). */
  fields: string[];
  /** Status-machine actions the change was (`register`, `take`, `answer`…). */
  actions: string[];
  refused: boolean;
}

export interface RevealedPassport {
  formatted: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseHistory(value: unknown): HistoryEntry[] {
  const entries = isRecord(value) && Array.isArray(value.entries) ? value.entries : [];
  return entries.flatMap((entry): HistoryEntry[] => {
    if (!isRecord(entry) || typeof entry.action !== 'string') return [];
    const at =
      typeof entry.at === 'string' || typeof entry.at === 'number'
        ? new Date(entry.at).getTime()
        : Number.NaN;
    if (Number.isNaN(at)) return [];
    const details = isRecord(entry.details) ? entry.details : {};
    return [
      {
        id: String(entry.id),
        at,
        actorUserId: typeof entry.actorUserId === 'string' ? entry.actorUserId : null,
        action: entry.action,
        fields: isRecord(entry.fields) ? Object.keys(entry.fields) : [],
        actions: Array.isArray(details.actions)
          ? details.actions.filter((a): a is string => typeof a === 'string')
          : [],
        refused: details.refused !== undefined && details.refused !== null,
      },
    ];
  });
}

/**
 * Where the bearer token comes from: the sync engine's AuthSession (renderer/sync/auth-session.ts)
 * fits — its single-flight refresh is used on a 401, so this module never refreshes on its own
 * (the server treats two refreshes with one token as theft).
 */
export interface TokenSource {
  readonly accessToken: string;
  /** Refreshes unless someone already did since `usedAccessToken` was read; the result is not read. */
  refresh?(usedAccessToken: string): Promise<unknown>;
}

export function createAppealApi(
  tokens: TokenSource,
  fetchImpl: FetchLike = (input, init) => fetch(input, init),
) {
  async function send(path: string, init: RequestInit, token: string): Promise<Response | null> {
    try {
      return await fetchImpl(path, {
        ...init,
        headers: { accept: 'application/json', authorization: `Bearer ${token}`, ...init.headers },
      });
    } catch {
      return null;
    }
  }

  async function call(path: string, init: RequestInit): Promise<ApiResult<unknown>> {
    const used = tokens.accessToken;
    let response = await send(path, init, used);
    if (response?.status === 401 && tokens.refresh) {
      await tokens.refresh(used);
      // Retried only with a new token: the same one would just be refused again.
      if (tokens.accessToken !== used) response = await send(path, init, tokens.accessToken);
    }
    if (!response) return { ok: false, error: { kind: 'network' } };
    if ([502, 503, 504].includes(response.status)) return { ok: false, error: { kind: 'network' } };
    if (response.status === 401) return { ok: false, error: { kind: 'unauthorized' } };
    if (!response.ok) return { ok: false, error: { kind: 'server', status: response.status } };
    try {
      return { ok: true, value: await response.json() };
    } catch {
      return { ok: false, error: { kind: 'server', status: response.status } };
    }
  }

  return {
    async history(appealId: string): Promise<ApiResult<HistoryEntry[]>> {
      const result = await call(`/api/v1/appeals/${encodeURIComponent(appealId)}/history`, { method: 'GET' });
      return result.ok ? { ok: true, value: parseHistory(result.value) } : result;
    },
    /** The server checks the role and the applicant's visibility, and audits every attempt. */
    async revealPassport(applicantId: string, reason?: string): Promise<ApiResult<RevealedPassport>> {
      const result = await call(`/api/v1/applicants/${encodeURIComponent(applicantId)}/passport/reveal`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(reason ? { reason } : {}),
      });
      if (!result.ok) return result;
      const formatted = isRecord(result.value) ? result.value.formatted : undefined;
      return typeof formatted === 'string'
        ? { ok: true, value: { formatted } }
        : { ok: false, error: { kind: 'server', status: 200 } };
    },
  };
}

export type AppealApi = ReturnType<typeof createAppealApi>;
