/**
 * «Бланк и подписи» and «Классификатор» on the server (server/src/admin/letterhead.ts, classifier.ts):
 * the letterhead and its signatories, the logo as bare bytes, the sample letter as a PDF, and the
 * classifier edition. Signed in through the sync engine's tokens, refreshed once on a 401 as the API
 * client does (./client.ts). Answers are read without trusting them; errors are values.
 */
import type { ApiFailure, TokenSource } from './client';
import { type FetchLike, signedInFetch } from './signed-in-fetch';

type Json = Record<string, unknown>;

const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

export interface Signatory {
  readonly name: string;
  readonly position: string;
}

/** What the form edits (the logo is changed on its own). */
export interface LetterheadText {
  readonly fullName: string;
  readonly address: string;
  readonly contacts: string;
  readonly executorPhone: string;
  readonly signatories: readonly Signatory[];
  readonly outgoingPattern: string;
}

export interface AdminLetterhead extends LetterheadText {
  /** False until a letterhead is saved: letters carry the organisation's name alone. */
  readonly stored: boolean;
  readonly logo: { readonly bytes: number; readonly sha256: string; readonly type: 'png' | 'jpeg' } | null;
}

export interface ClassifierSummary {
  readonly edition: string;
  readonly sample: boolean;
  readonly bundled: boolean;
  readonly loadedAt: number | null;
  readonly loadedByName: string | null;
  readonly counts: {
    readonly sections: number;
    readonly subjects: number;
    readonly topics: number;
    readonly questions: number;
  };
}

/** A refusal with what the server said about it: `details` of `{error:{code,message,details}}`. */
export type AdminRefusal = ApiFailure & { readonly details?: Json };

export type AdminResult<T> = { ok: true; value: T } | { ok: false; error: AdminRefusal };

function parseLetterhead(value: unknown): AdminLetterhead | null {
  if (!isJson(value) || typeof value.fullName !== 'string') return null;
  const signatories = Array.isArray(value.signatories)
    ? value.signatories.flatMap((s) => (isJson(s) ? [{ name: str(s.name), position: str(s.position) }] : []))
    : [];
  const logo = isJson(value.logo)
    ? {
        bytes: num(value.logo.bytes),
        sha256: str(value.logo.sha256),
        type: value.logo.type === 'jpeg' ? ('jpeg' as const) : ('png' as const),
      }
    : null;
  return {
    stored: value.stored === true,
    fullName: value.fullName,
    address: str(value.address),
    contacts: str(value.contacts),
    executorPhone: str(value.executorPhone),
    signatories,
    outgoingPattern: str(value.outgoingPattern),
    logo,
  };
}

function parseClassifierSummary(value: unknown): ClassifierSummary | null {
  if (!isJson(value) || typeof value.edition !== 'string') return null;
  const counts = isJson(value.counts) ? value.counts : {};
  return {
    edition: value.edition,
    sample: value.sample === true,
    bundled: value.bundled === true,
    loadedAt: typeof value.loadedAt === 'number' ? value.loadedAt : null,
    loadedByName: str(value.loadedByName) || null,
    counts: {
      sections: num(counts.sections),
      subjects: num(counts.subjects),
      topics: num(counts.topics),
      questions: num(counts.questions),
    },
  };
}

async function refusalOf(response: Response): Promise<AdminRefusal> {
  if (response.status === 401) return { kind: 'unauthorized' };
  try {
    const body: unknown = await response.json();
    const error = isJson(body) && isJson(body.error) ? body.error : {};
    const code = str(error.code);
    return {
      kind: 'server',
      status: response.status,
      ...(code ? { code } : {}),
      ...(isJson(error.details) ? { details: error.details } : {}),
    };
  } catch {
    return { kind: 'server', status: response.status };
  }
}

export function letterheadApi(
  tokens: TokenSource,
  fetchImpl: FetchLike = (input, init) => fetch(input, init),
) {
  const send = (path: string, init: RequestInit) => signedInFetch(fetchImpl, tokens, path, init);

  async function call(path: string, init: RequestInit): Promise<AdminResult<Response>> {
    const response = await send(path, init);
    // The dev/preview proxy answers 502/503/504 when the server behind it is down: that is "offline".
    if (!response || [502, 503, 504].includes(response.status))
      return { ok: false, error: { kind: 'network' } };
    if (!response.ok) return { ok: false, error: await refusalOf(response) };
    return { ok: true, value: response };
  }

  async function json<T>(
    path: string,
    init: RequestInit,
    key: string,
    parse: (value: unknown) => T | null,
  ): Promise<AdminResult<T>> {
    const result = await call(path, { ...init, headers: { accept: 'application/json', ...init.headers } });
    if (!result.ok) return result;
    const body: unknown = await result.value.json().catch(() => null);
    const value = isJson(body) ? parse(body[key]) : null;
    return value ? { ok: true, value } : { ok: false, error: { kind: 'server', status: 200 } };
  }

  const base = '/api/v1/admin/letterhead';
  const jsonBody = (method: string, body: unknown): RequestInit => ({
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  return {
    async letterhead(): Promise<AdminResult<AdminLetterhead>> {
      return json(base, { method: 'GET' }, 'letterhead', parseLetterhead);
    },
    async save(
      text: LetterheadText,
    ): Promise<AdminResult<{ letterhead: AdminLetterhead; changed: boolean }>> {
      const result = await call(base, {
        ...jsonBody('PUT', text),
        headers: { accept: 'application/json', 'content-type': 'application/json' },
      });
      if (!result.ok) return result;
      const body: unknown = await result.value.json().catch(() => null);
      const letterhead = isJson(body) ? parseLetterhead(body.letterhead) : null;
      return letterhead && isJson(body)
        ? { ok: true, value: { letterhead, changed: body.changed === true } }
        : { ok: false, error: { kind: 'server', status: 200 } };
    },
    /** The logo as a Blob for the preview; null when there is none. */
    async logo(): Promise<AdminResult<Blob | null>> {
      const result = await call(`${base}/logo`, { method: 'GET' });
      if (!result.ok)
        return result.error.kind === 'server' && result.error.status === 404
          ? { ok: true, value: null }
          : result;
      return { ok: true, value: await result.value.blob() };
    },
    async uploadLogo(file: Blob): Promise<AdminResult<AdminLetterhead>> {
      const init = {
        method: 'PUT',
        headers: { 'content-type': file.type || 'application/octet-stream' },
        body: file,
      };
      return json(`${base}/logo`, init, 'letterhead', parseLetterhead);
    },
    async removeLogo(): Promise<AdminResult<AdminLetterhead>> {
      return json(`${base}/logo`, { method: 'DELETE' }, 'letterhead', parseLetterhead);
    },
    /** «Образец письма (PDF)». */
    async preview(): Promise<AdminResult<Blob>> {
      const result = await call(`${base}/preview.pdf`, { method: 'GET' });
      return result.ok ? { ok: true, value: await result.value.blob() } : result;
    },
    async classifier(): Promise<AdminResult<ClassifierSummary>> {
      return json('/api/v1/admin/classifier', { method: 'GET' }, 'classifier', parseClassifierSummary);
    },
    async loadClassifier(edition: unknown): Promise<AdminResult<ClassifierSummary>> {
      return json('/api/v1/admin/classifier', jsonBody('PUT', edition), 'classifier', parseClassifierSummary);
    },
    /** The published table (CSV or XLSX, base64) as the organisation's edition named `edition`. */
    async importClassifier(
      fileName: string,
      edition: string,
      content: string,
    ): Promise<AdminResult<ClassifierSummary>> {
      const body = jsonBody('POST', { fileName, edition, content });
      return json('/api/v1/admin/classifier/import', body, 'classifier', parseClassifierSummary);
    },
  };
}

export type LetterheadApi = ReturnType<typeof letterheadApi>;
