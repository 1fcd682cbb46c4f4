/**
 * «Территории» on the server (server/src/territories/routes.ts): the organisation's districts and
 * settlements, added, edited, removed and loaded from a CSV/XLSX file. A refusal keeps the server's
 * details (the bad rows of a file). Answers are read without trusting them; errors are values.
 */
import type { TokenSource } from '../../api/client';
import { signedInFetch } from '../../api/signed-in-fetch';

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

export interface Territory {
  readonly id: string;
  readonly kind: 'district' | 'settlement';
  readonly parentId: string | null;
  readonly name: string;
  readonly variants: readonly string[];
  readonly streets: readonly string[];
  readonly appeals: number;
}

export interface TerritoryCard {
  readonly kind: 'district' | 'settlement';
  readonly parentId: string | null;
  readonly name: string;
  readonly variants: readonly string[];
  readonly streets: readonly string[];
}

/** `code` is the server's error code (or `network`); `details` what it said about it. */
export interface TerritoryRefusal {
  readonly code: string;
  readonly details: Json;
}

export type TerritoryResult<T> = { ok: true; value: T } | { ok: false; error: TerritoryRefusal };

function parseTerritory(value: unknown): Territory | null {
  if (!isJson(value) || typeof value.id !== 'string') return null;
  return {
    id: value.id,
    kind: value.kind === 'district' ? 'district' : 'settlement',
    parentId: typeof value.parentId === 'string' ? value.parentId : null,
    name: str(value.name),
    variants: strings(value.variants),
    streets: strings(value.streets),
    appeals: typeof value.appeals === 'number' ? value.appeals : 0,
  };
}

export function territoriesApi(tokens: TokenSource) {
  async function send(method: string, path: string, body?: unknown): Promise<TerritoryResult<Json>> {
    const response = await signedInFetch(
      (input, init) => fetch(input, init),
      tokens,
      `/api/v1/admin/territories${path}`,
      {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      },
    );
    if (!response) return { ok: false, error: { code: 'network', details: {} } };
    const answer: unknown = await response.json().catch(() => null);
    if (response.ok && isJson(answer)) return { ok: true, value: answer };
    const error = isJson(answer) && isJson(answer.error) ? answer.error : {};
    return {
      ok: false,
      error: { code: str(error.code) || 'other', details: isJson(error.details) ? error.details : {} },
    };
  }
  return {
    async list(): Promise<TerritoryResult<Territory[]>> {
      const result = await send('GET', '');
      if (!result.ok) return result;
      const list = Array.isArray(result.value.territories) ? result.value.territories : [];
      return { ok: true, value: list.map(parseTerritory).filter((t): t is Territory => t !== null) };
    },
    create: (card: TerritoryCard) => send('POST', '', card),
    update: (id: string, change: Omit<TerritoryCard, 'kind'>) =>
      send('PATCH', `/${encodeURIComponent(id)}`, change),
    remove: (id: string) => send('POST', `/${encodeURIComponent(id)}/delete`, {}),
    /** The file as it is, base64 in JSON (the server reads CSV or XLSX by its first bytes). */
    async importFile(file: File): Promise<TerritoryResult<{ created: number; updated: number }>> {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000)
        binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      const result = await send('POST', '/import', { fileName: file.name, content: btoa(binary) });
      if (!result.ok) return result;
      const count = (value: unknown) => (typeof value === 'number' ? value : 0);
      return {
        ok: true,
        value: { created: count(result.value.created), updated: count(result.value.updated) },
      };
    },
  };
}

/** The names typed in one field, comma-separated. */
export const namesOf = (text: string): string[] =>
  text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
