/**
 * Reading a network's JSON without trusting its shape. A value of an unexpected type — `null` in a
 * list of attachments, an object where a list belongs — is passed over, so one malformed
 * attachment or forward never costs the citizen's message (text and sender) it came with.
 */
export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The objects of a list; anything else in it, and a value that is no list, give nothing. */
export const objectsOf = (list: unknown): Json[] => (Array.isArray(list) ? list.filter(isObject) : []);

export const textOf = (v: unknown): string => (typeof v === 'string' ? v : '');
