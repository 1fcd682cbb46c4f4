/**
 * The one HTTP client of the window. It talks to the server through the window's own origin
 * (`/api/...`): the web shell's Vite server and the Electron app protocol both forward these paths to
 * the central server, so the strict CSP can stay `connect-src 'self'`. Errors are values, never throws.
 */

import type { AttachmentMeta } from '../../shared/model/attachment';
import type { Department as StaffDepartment } from '../../shared/model/staff';
import type { AuthUser, ErrorBody } from '../../shared/sync/contract';
import {
  type ApplicantHistory,
  type ArchivePage,
  type ArchiveQuery,
  archiveSearchPath,
  parseApplicantHistory,
  parseArchivePage,
  parseRepeatMark,
  type RepeatMark,
} from './archive';

export type ApiFailure =
  | { readonly kind: 'invalid-credentials' }
  /** `retryAfterSeconds`: the server's Retry-After, when it gave one. */
  | { readonly kind: 'too-many-attempts'; readonly retryAfterSeconds: number | null }
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'network' }
  /** `code`: the server's machine-readable reason (`{ error: { code } }`), when it gave one. */
  | { readonly kind: 'server'; readonly status: number; readonly code?: string };

export type ApiResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ApiFailure };

/**
 * The signed-in user as this desktop keeps it: the server's AuthUser (shared/sync/contract.ts) with
 * the login typed at sign-in, its display name as `fullName`, and the role as a plain string (a newer
 * server's role is shown, not refused; the policy checks of shared/model/roles.ts take strings).
 */
export interface SessionUser extends Readonly<Pick<AuthUser, 'id'>> {
  readonly login: string;
  readonly fullName: string;
  readonly role: AuthUser['role'] | (string & {});
  readonly departmentIds: readonly string[];
}

export interface Session {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly user: SessionUser;
}

/** A department as the profile shows it (the replicated document: shared/model/staff.ts). */
export type Department = Readonly<Pick<StaffDepartment, 'id' | 'name'>>;

export interface Profile {
  readonly user: SessionUser;
  readonly organisation: string | null;
  /** The user's departments with their names, when the server's replication serves them. */
  readonly departments: readonly Department[] | null;
}

export interface DemoAccount {
  readonly login: string;
  readonly role: string | null;
  readonly fullName: string | null;
}

export interface ServerInfo {
  readonly demo: boolean;
  readonly demoAccounts: readonly DemoAccount[];
  readonly demoPassword: string | null;
}

export interface HistoryEntry {
  readonly id: string;
  readonly at: number;
  readonly actorUserId: string | null;
  /** `appeal.create`, `appeal.update`, `message.create`, `passport.reveal`… */
  readonly action: string;
  /** Changed fields (values of personal data are redacted by the server). */
  readonly fields: readonly string[];
  /** Status-machine actions the change was (`register`, `take`, `answer`…). */
  readonly actions: readonly string[];
  readonly refused: boolean;
  /** An addition from the applicant that came while the appeal waited for documents. */
  readonly documentsRequested?: boolean;
}

export interface RevealedPassport {
  readonly formatted: string;
}

/** A co-signer's phone and e-mail, masked (server/src/personal-data/co-signer-routes.ts), by position. */
export interface CoSignerContacts {
  readonly phone: string | null;
  readonly email: string | null;
}

/**
 * Where the bearer token of signed-in calls comes from: the sync engine's AuthSession
 * (renderer/sync/auth-session.ts) fits — its single-flight refresh is used on a 401, so this client
 * never refreshes on its own (the server treats two refreshes with one token as theft).
 */
export interface TokenSource {
  readonly accessToken: string;
  /** Refreshes unless someone already did since `usedAccessToken` was read; the result is not read. */
  refresh?(usedAccessToken: string): Promise<unknown>;
}

type Json = Record<string, unknown>;
type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The server's session user (`{ id, displayName, role, departmentIds, login? }`). */
export function parseUser(value: unknown, knownLogin = ''): SessionUser | null {
  if (!isJson(value)) return null;
  const id = text(value.id);
  const role = text(value.role);
  if (!id || !role) return null;
  const login = text(value.login) ?? knownLogin;
  const fullName = text(value.displayName) ?? text(value.fullName) ?? login;
  const departmentIds = Array.isArray(value.departmentIds)
    ? value.departmentIds.filter((entry): entry is string => typeof entry === 'string')
    : [];
  return { id, login, fullName, role, departmentIds };
}

/** Departments from a replication pull (`{ documents: [{ id, name, _deleted }] }`). */
function parseDepartments(value: unknown): Department[] {
  const documents = isJson(value) && Array.isArray(value.documents) ? value.documents : [];
  return documents.flatMap((entry) => {
    if (!isJson(entry) || entry._deleted === true) return [];
    const id = text(entry.id);
    const name = text(entry.name);
    return id && name ? [{ id, name }] : [];
  });
}

function parseDemoAccounts(value: unknown): DemoAccount[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    if (typeof entry === 'string') return [{ login: entry, role: null, fullName: null }];
    const login = isJson(entry) ? text(entry.login) : null;
    if (!login || !isJson(entry)) return [];
    return [{ login, role: text(entry.role), fullName: text(entry.fullName) ?? text(entry.name) }];
  });
}

/** The audit timeline (`GET /api/v1/appeals/:id/history`); malformed entries are left out. */
/** An uploaded file's metadata as the server answers it; null when it is not one. */
function parseAttachmentMeta(value: unknown): AttachmentMeta | null {
  if (!isJson(value)) return null;
  const { id, name, mimeType, size, sha256 } = value;
  if (typeof id !== 'string' || typeof name !== 'string' || typeof mimeType !== 'string') return null;
  if (typeof size !== 'number' || typeof sha256 !== 'string') return null;
  return { id, name, mimeType, size, sha256 };
}

export function parseHistory(value: unknown): HistoryEntry[] {
  const entries = isJson(value) && Array.isArray(value.entries) ? value.entries : [];
  return entries.flatMap((entry): HistoryEntry[] => {
    if (!isJson(entry) || typeof entry.action !== 'string') return [];
    const at =
      typeof entry.at === 'string' || typeof entry.at === 'number'
        ? new Date(entry.at).getTime()
        : Number.NaN;
    if (Number.isNaN(at)) return [];
    const details = isJson(entry.details) ? entry.details : {};
    return [
      {
        id: String(entry.id),
        at,
        actorUserId: typeof entry.actorUserId === 'string' ? entry.actorUserId : null,
        action: entry.action,
        fields: isJson(entry.fields) ? Object.keys(entry.fields) : [],
        actions: Array.isArray(details.actions)
          ? details.actions.filter((a): a is string => typeof a === 'string')
          : [],
        refused: details.refused !== undefined && details.refused !== null,
        ...(details.documentsRequested === true ? { documentsRequested: true } : {}),
      },
    ];
  });
}

export function createApiClient(fetchImpl: FetchLike = (input, init) => fetch(input, init), baseUrl = '') {
  async function send(path: string, init: RequestInit, token: string | null): Promise<Response | null> {
    try {
      return await fetchImpl(`${baseUrl}${path}`, {
        ...init,
        headers: {
          accept: 'application/json',
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          ...init.headers,
        },
      });
    } catch {
      return null;
    }
  }

  /** One response; with `tokens`, signed in: a 401 refreshes through them once and repeats with the new token. */
  async function respond(path: string, init: RequestInit, tokens?: TokenSource): Promise<Response | null> {
    const used = tokens?.accessToken ?? null;
    let response = await send(path, init, used);
    if (response?.status === 401 && tokens?.refresh && used !== null) {
      await tokens.refresh(used);
      // Retried only with a new token: the same one would just be refused again.
      if (tokens.accessToken !== used) response = await send(path, init, tokens.accessToken);
    }
    return response;
  }

  /** What went wrong with a response, or null when it succeeded. */
  async function failureOf(response: Response | null): Promise<ApiFailure | null> {
    if (!response) return { kind: 'network' };
    // The dev/preview proxy answers 502/503/504 when the server behind it is down: that is "offline".
    if ([502, 503, 504].includes(response.status)) return { kind: 'network' };
    if (response.status === 401) return { kind: 'unauthorized' };
    if (response.status === 429)
      return { kind: 'too-many-attempts', retryAfterSeconds: retryAfterOf(response) };
    if (!response.ok) {
      const code = await errorCodeOf(response);
      return { kind: 'server', status: response.status, ...(code ? { code } : {}) };
    }
    return null;
  }

  async function request(path: string, init: RequestInit, tokens?: TokenSource): Promise<ApiResult<unknown>> {
    const response = await respond(path, init, tokens);
    const failure = await failureOf(response);
    if (failure || !response) return { ok: false, error: failure ?? { kind: 'network' } };
    try {
      return { ok: true, value: await response.json() };
    } catch {
      return { ok: false, error: { kind: 'server', status: response.status } };
    }
  }

  /** Retry-After in seconds (RFC 9110: delay-seconds; an HTTP date is not sent by our server). */
  function retryAfterOf(response: Response): number | null {
    const seconds = Number(response.headers.get('retry-after') ?? Number.NaN);
    return Number.isInteger(seconds) && seconds > 0 ? seconds : null;
  }

  const bearer = (accessToken: string) => ({ authorization: `Bearer ${accessToken}` });

  const postJson = (path: string, body: unknown, tokens?: TokenSource) =>
    request(
      path,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      tokens,
    );

  /** A string field of a successful answer; an answer without it is the server's fault. */
  function stringField(result: ApiResult<unknown>, name: string): ApiResult<string> {
    if (!result.ok) return result;
    const value = isJson(result.value) ? result.value[name] : undefined;
    return typeof value === 'string'
      ? { ok: true, value }
      : { ok: false, error: { kind: 'server', status: 200 } };
  }

  /** The session of a sign-in's answer (the server's TokenPair), read without trusting it. */
  function sessionOf(body: unknown, login: string): ApiResult<Session> {
    const user = isJson(body) ? parseUser(body.user, login) : null;
    if (!isJson(body) || !user || !text(body.accessToken) || !text(body.refreshToken)) {
      return { ok: false, error: { kind: 'server', status: 200 } };
    }
    return {
      ok: true,
      value: { accessToken: body.accessToken as string, refreshToken: body.refreshToken as string, user },
    };
  }

  async function errorCodeOf(response: Response): Promise<string | null> {
    try {
      const body: unknown = await response.json();
      // The server's ErrorBody (shared/sync/contract.ts), read without trusting it.
      const error = isJson(body) && isJson(body.error) ? (body.error as Partial<ErrorBody['error']>) : null;
      return error && typeof error.code === 'string' ? error.code : null;
    } catch {
      return null;
    }
  }

  return {
    async login(login: string, password: string): Promise<ApiResult<Session>> {
      const result = await postJson('/api/v1/auth/login', { login, password });
      if (!result.ok) {
        // 401 here means the credentials, not an expired session; 400 is the server refusing the shape.
        const refused =
          result.error.kind === 'unauthorized' ||
          (result.error.kind === 'server' && result.error.status === 400);
        return refused ? { ok: false, error: { kind: 'invalid-credentials' } } : result;
      }
      return sessionOf(result.value, login);
    },

    /**
     * The user's own new password, proven by the current one (after an administrator reset it, the
     * temporary one: the sign-in answered `password_change_required`); signs in as `login` does.
     */
    async changePassword(login: string, password: string, newPassword: string): Promise<ApiResult<Session>> {
      const result = await postJson('/api/v1/auth/password', { login, password, newPassword });
      if (!result.ok)
        return result.error.kind === 'unauthorized'
          ? { ok: false, error: { kind: 'invalid-credentials' } }
          : result;
      return sessionOf(result.value, login);
    },

    async me(accessToken: string): Promise<ApiResult<Profile>> {
      const result = await request('/api/v1/me', { method: 'GET', headers: bearer(accessToken) });
      if (!result.ok) return result;
      const body = result.value;
      const user = isJson(body) ? parseUser(body.user) : null;
      if (!isJson(body) || !user) return { ok: false, error: { kind: 'server', status: 200 } };
      const organisation = isJson(body.organisation) ? text(body.organisation.name) : null;
      // Department names come with replication; until it answers, only their ids are known.
      const pulled = await request('/api/v1/sync/departments/pull?limit=1000', {
        method: 'GET',
        headers: bearer(accessToken),
      });
      const named = pulled.ok ? parseDepartments(pulled.value) : null;
      const departments = named?.filter((department) => user.departmentIds.includes(department.id)) ?? null;
      return { ok: true, value: { user, organisation, departments } };
    },

    /** Calls made as the signed-in user, sharing the sync engine's token and its one refresh. */
    authorised(tokens: TokenSource) {
      return {
        async history(appealId: string): Promise<ApiResult<HistoryEntry[]>> {
          const path = `/api/v1/appeals/${encodeURIComponent(appealId)}/history`;
          const result = await request(path, { method: 'GET' }, tokens);
          return result.ok ? { ok: true, value: parseHistory(result.value) } : result;
        },
        /**
         * The passport checked at reception, sent once: the server encrypts it, links the applicant
         * and audits it (server/src/appeals/passport.ts). The response carries no clear value.
         */
        async recordPassport(
          appealId: string,
          passport: { series: string; number: string },
        ): Promise<ApiResult<{ applicantId: string }>> {
          const path = `/api/v1/appeals/${encodeURIComponent(appealId)}/passport`;
          const body = { series: passport.series, number: passport.number };
          const applicantId = stringField(await postJson(path, body, tokens), 'applicantId');
          return applicantId.ok ? { ok: true, value: { applicantId: applicantId.value } } : applicantId;
        },
        /** Older archive than this desktop keeps (server/src/appeals/archive.ts; audited there). */
        async archiveSearch(query: ArchiveQuery): Promise<ApiResult<ArchivePage>> {
          const result = await request(archiveSearchPath(query), { method: 'GET' }, tokens);
          return result.ok ? { ok: true, value: parseArchivePage(result.value) } : result;
        },
        /** The applicant's other appeals in the user's scope, found by the server (applicant-history.ts). */
        async applicantAppeals(appealId: string): Promise<ApiResult<ApplicantHistory>> {
          const path = `/api/v1/appeals/${encodeURIComponent(appealId)}/applicant-appeals`;
          const result = await request(path, { method: 'GET' }, tokens);
          return result.ok ? { ok: true, value: parseApplicantHistory(result.value) } : result;
        },
        /** The appeals of the user's scope with these contacts: a reception entry not saved yet. */
        async appealsOfContacts(query: {
          phone: string;
          email: string;
          subject: string;
          category: string | null;
        }): Promise<ApiResult<ApplicantHistory>> {
          const result = await postJson('/api/v1/applicants/appeals', query, tokens);
          return result.ok ? { ok: true, value: parseApplicantHistory(result.value) } : result;
        },
        /** Marks the appeal as a repeat of `previousId` (or takes the mark back with `null`). */
        async markRepeat(appealId: string, previousId: string | null): Promise<ApiResult<RepeatMark | null>> {
          const path = `/api/v1/appeals/${encodeURIComponent(appealId)}/repeat`;
          const result =
            previousId === null
              ? await request(path, { method: 'DELETE' }, tokens)
              : await postJson(path, { previousId }, tokens);
          if (!result.ok) return result;
          return { ok: true, value: isJson(result.value) ? parseRepeatMark(result.value.repeatOf) : null };
        },
        /** The masked phone and e-mail of the appeal's co-signers, in the order of `kind.coSigners`. */
        async coSignerContacts(appealId: string): Promise<ApiResult<CoSignerContacts[]>> {
          const path = `/api/v1/appeals/${encodeURIComponent(appealId)}/co-signers`;
          const result = await request(path, { method: 'GET' }, tokens);
          if (!result.ok) return result;
          const list =
            isJson(result.value) && Array.isArray(result.value.coSigners) ? result.value.coSigners : [];
          return {
            ok: true,
            value: list.map((entry: unknown) => ({
              phone: isJson(entry) ? text(entry.phone) : null,
              email: isJson(entry) ? text(entry.email) : null,
            })),
          };
        },
        /** A file of the appeal (a citizen's photo or document, an answer's file); the server audits it. */
        async appealFile(appealId: string, fileId: string): Promise<ApiResult<Blob>> {
          const path = `/api/v1/appeals/${encodeURIComponent(appealId)}/files/${encodeURIComponent(fileId)}`;
          const response = await respond(path, { method: 'GET', headers: { accept: '*/*' } }, tokens);
          const failure = await failureOf(response);
          if (failure || !response) return { ok: false, error: failure ?? { kind: 'network' } };
          try {
            return { ok: true, value: await response.blob() };
          } catch {
            return { ok: false, error: { kind: 'network' } };
          }
        },
        /** Uploads a file for an answer to the appeal; the server checks the same rule and answers its metadata. */
        async uploadAnswerFile(appealId: string, file: File): Promise<ApiResult<AttachmentMeta>> {
          const query = new URLSearchParams({ name: file.name, ...(file.type ? { type: file.type } : {}) });
          const path = `/api/v1/appeals/${encodeURIComponent(appealId)}/files?${query}`;
          const init = {
            method: 'POST',
            headers: { 'content-type': 'application/octet-stream' },
            body: file,
          };
          const result = await request(path, init, tokens);
          if (!result.ok) return result;
          const meta = isJson(result.value) ? parseAttachmentMeta(result.value.file) : null;
          return meta ? { ok: true, value: meta } : { ok: false, error: { kind: 'server', status: 200 } };
        },
        /** Uploads a scan of a reception or postal appeal (issue 10); the server checks the scan rule and answers its metadata. */
        async uploadAppealScan(
          appealId: string,
          scan: Blob,
          name: string,
        ): Promise<ApiResult<AttachmentMeta>> {
          const query = new URLSearchParams({ name, ...(scan.type ? { type: scan.type } : {}) });
          const path = `/api/v1/appeals/${encodeURIComponent(appealId)}/scans?${query}`;
          const init = {
            method: 'POST',
            headers: { 'content-type': 'application/octet-stream' },
            body: scan,
          };
          const result = await request(path, init, tokens);
          if (!result.ok) return result;
          const meta = isJson(result.value) ? parseAttachmentMeta(result.value.file) : null;
          return meta ? { ok: true, value: meta } : { ok: false, error: { kind: 'server', status: 200 } };
        },
        /** A call of a screen that reads its own answers (renderer/api/admin.ts): JSON in, JSON out. */
        async call(
          method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
          path: string,
          body?: unknown,
        ): Promise<ApiResult<unknown>> {
          const init: RequestInit =
            body === undefined
              ? { method }
              : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
          return request(path, init, tokens);
        },
        /** The server checks the role and the applicant's visibility, and audits every attempt. */
        async revealPassport(applicantId: string, reason?: string): Promise<ApiResult<RevealedPassport>> {
          const path = `/api/v1/applicants/${encodeURIComponent(applicantId)}/passport/reveal`;
          const formatted = stringField(await postJson(path, reason ? { reason } : {}, tokens), 'formatted');
          return formatted.ok ? { ok: true, value: { formatted: formatted.value } } : formatted;
        },
      };
    },

    async serverInfo(): Promise<ApiResult<ServerInfo>> {
      const result = await request('/health', { method: 'GET' });
      if (!result.ok) return result;
      const body = isJson(result.value) ? result.value : {};
      const demo = isJson(body.demo) ? body.demo : {};
      return {
        ok: true,
        value: {
          demo: body.demo === true || isJson(body.demo),
          demoAccounts: parseDemoAccounts(demo.accounts ?? body.demoAccounts),
          demoPassword: text(demo.password) ?? text(body.demoPassword),
        },
      };
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
/** The signed-in calls of the appeal view (audit timeline, passport reveal). */
export type AppealApi = ReturnType<ApiClient['authorised']>;
