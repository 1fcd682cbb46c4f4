/**
 * The letters of an appeal on the server (server/src/letters/routes.ts): the issued letters with their
 * outgoing numbers, issuing one (the server draws the number), and a letter as PDF or DOCX. Signed in
 * through the sync engine's tokens, refreshed once on a 401 as the API client does (./client.ts).
 */
import {
  type LetterFormat,
  type LetterKind,
  type LetterRecord,
  letterKinds,
} from '../../shared/model/letter';
import type { ApiResult, TokenSource } from './client';
import { type FetchLike, signedInFetch } from './signed-in-fetch';

const isJson = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A letter as the server lists it; null when it is not one. */
export function parseLetter(value: unknown): LetterRecord | null {
  if (!isJson(value)) return null;
  const { id, appealId, kind, messageId, outgoingNumber, issuedAt } = value;
  if (typeof id !== 'string' || typeof appealId !== 'string' || typeof messageId !== 'string') return null;
  if (typeof outgoingNumber !== 'string' || typeof issuedAt !== 'number') return null;
  if (!(letterKinds as readonly unknown[]).includes(kind)) return null;
  return { id, appealId, kind: kind as LetterKind, messageId, outgoingNumber, issuedAt };
}

async function errorCodeOf(response: Response): Promise<string | undefined> {
  try {
    const body: unknown = await response.json();
    const code = isJson(body) && isJson(body.error) ? body.error.code : undefined;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

export function lettersApi(tokens: TokenSource, fetchImpl: FetchLike = (input, init) => fetch(input, init)) {
  const send = (path: string, init: RequestInit) => signedInFetch(fetchImpl, tokens, path, init);

  async function call(path: string, init: RequestInit): Promise<ApiResult<Response>> {
    const response = await send(path, init);
    if (!response || [502, 503, 504].includes(response.status))
      return { ok: false, error: { kind: 'network' } };
    if (response.status === 401) return { ok: false, error: { kind: 'unauthorized' } };
    if (!response.ok) {
      const code = await errorCodeOf(response);
      return { ok: false, error: { kind: 'server', status: response.status, ...(code ? { code } : {}) } };
    }
    return { ok: true, value: response };
  }

  const base = (appealId: string) => `/api/v1/appeals/${encodeURIComponent(appealId)}/letters`;

  return {
    async list(appealId: string): Promise<ApiResult<LetterRecord[]>> {
      const result = await call(base(appealId), { method: 'GET', headers: { accept: 'application/json' } });
      if (!result.ok) return result;
      const body: unknown = await result.value.json().catch(() => null);
      const letters = isJson(body) && Array.isArray(body.letters) ? body.letters.map(parseLetter) : [];
      return { ok: true, value: letters.filter((letter): letter is LetterRecord => letter !== null) };
    },
    /** Issues the letter (or finds the one issued before): an answer's needs its message. */
    async issue(appealId: string, kind: LetterKind, messageId?: string): Promise<ApiResult<LetterRecord>> {
      const result = await call(base(appealId), {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify(messageId ? { kind, messageId } : { kind }),
      });
      if (!result.ok) return result;
      const body: unknown = await result.value.json().catch(() => null);
      const letter = isJson(body) ? parseLetter(body.letter) : null;
      return letter ? { ok: true, value: letter } : { ok: false, error: { kind: 'server', status: 200 } };
    },
    /** The letter as a file, to save or print. */
    async file(appealId: string, letterId: string, format: LetterFormat): Promise<ApiResult<Blob>> {
      const path = `${base(appealId)}/${encodeURIComponent(letterId)}/${format}`;
      const result = await call(path, { method: 'GET' });
      return result.ok ? { ok: true, value: await result.value.blob() } : result;
    },
  };
}

/** A file name from the outgoing number: `Исх-17/2026` → `Исх-17_2026.pdf`. */
export function letterFileName(outgoingNumber: string, extension: string): string {
  return `${outgoingNumber.replace(/[^\p{L}\p{N}._-]+/gu, '_')}.${extension}`;
}

/** Saves a downloaded file the way a browser does: the desktop asks where, the web shell downloads it. */
export function saveFile(file: Blob, name: string): void {
  const url = URL.createObjectURL(file);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
