/**
 * Reading a server's answer without trusting it (docs/STYLE.md, "Errors are values at the edges"):
 * the pieces the API modules of issues 13–14 share.
 */

export type Json = Record<string, unknown>;
export const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const str = (value: unknown): string => (typeof value === 'string' ? value : '');
export const num = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : 0;
/** The failure of an answer that is not the shape the contract says. */
export const malformed = { ok: false, error: { kind: 'server', status: 200 } } as const;

/** `value[key]` as a list, each item parsed and the unreadable ones left out; null when it is no list. */
export const listOf = <T>(value: unknown, key: string, parse: (item: unknown) => T | null): T[] | null =>
  isJson(value) && Array.isArray(value[key])
    ? (value[key] as unknown[]).map(parse).filter((item): item is T => item !== null)
    : null;
