/**
 * Untrusted JSON and text, before anything reaches PostgreSQL.
 *
 * - Depth. JSON nested tens of thousands of levels deep parses, but every recursive walk after it
 *   (JSON.stringify, ajv, deep equality) overflows the stack. Bodies are scanned for their nesting
 *   depth BEFORE parsing, in one pass without recursion, and refused above `maxJsonDepth` (the
 *   deepest real payload, a VK message with nested forwards, stays far below it).
 * - Characters PostgreSQL cannot store. `text` refuses U+0000; `jsonb` refuses the escape `\u0000`
 *   and unpaired surrogates (`\ud800` without its low half), which JSON.stringify writes for lone
 *   surrogates in a string. Which answer is right depends on the field: a citizen's message from a
 *   network is kept with U+FFFD in place of the bad character (`sanitiseJsonText` for the raw
 *   body, `sanitiseStrings` for the normalised event: such a message used to fail its write on
 *   every retry, finding 3), a pushed document is refused on its own (sync/push.ts), anything else
 *   gets 400 (./input-guards.ts). This module is the one place that knows which characters those are.
 */
import { ApiError } from './errors';

export const maxJsonDepth = 128;

/** U+0000, or a surrogate without its other half (UTF-16 code units, hence no `u` flag). */
const unstorable = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorableAll = new RegExp(unstorable.source, 'g');

function hasUnstorableChars(text: string): boolean {
  return unstorable.test(text);
}

/** The text with U+0000 and unpaired surrogates replaced by U+FFFD. */
function sanitiseString(text: string): string {
  return text.replace(unstorableAll, '\uFFFD');
}

/** Whether any string or key of a parsed JSON value holds a character PostgreSQL cannot store. */
export function hasUnstorableText(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (hasUnstorableChars(next)) return true;
    } else if (Array.isArray(next)) {
      pending.push(...next);
    } else if (typeof next === 'object' && next !== null) {
      for (const [key, item] of Object.entries(next)) {
        if (hasUnstorableChars(key)) return true;
        pending.push(item);
      }
    }
  }
  return false;
}

/** The deepest nesting of arrays and objects in a JSON text, counted without parsing; stops past `limit`. */
export function jsonDepth(text: string, limit = maxJsonDepth): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

export const tooDeep = () =>
  new ApiError(400, 'json_too_deep', `JSON may be nested at most ${maxJsonDepth} levels deep`);

function assertJsonDepth(text: string): void {
  if (jsonDepth(text) > maxJsonDepth) throw tooDeep();
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The JSON text with every `\u0000` escape and every escaped unpaired surrogate written as
 * `\ufffd`, and raw unpaired surrogates replaced too. Everything else stays byte for byte (the raw
 * text is stored as the network sent it: 64-bit ids survive only there).
 */
export function sanitiseJsonText(text: string): string {
  if (!text.includes('\\u') && !hasUnstorableChars(text)) return text;
  const replace: number[] = [];
  let inString = false;
  /** Index of the `\uD8xx` escape just read, until its low half follows. */
  let high = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!inString) {
      if (c === 0x22) inString = true;
      continue;
    }
    if (c === 0x5c && text.charCodeAt(i + 1) === 0x75) {
      const code = Number.parseInt(text.slice(i + 2, i + 6), 16);
      if (isLow(code) && high === i - 6) high = -1;
      else {
        if (high >= 0) replace.push(high);
        high = -1;
        if (isHigh(code)) high = i;
        else if (code === 0 || isLow(code)) replace.push(i);
      }
      i += 5;
      continue;
    }
    if (high >= 0 && !(isLow(c) && high === i - 6)) replace.push(high);
    high = -1;
    if (c === 0x5c) i++;
    else if (c === 0x22) inString = false;
  }
  if (high >= 0) replace.push(high);
  let out = '';
  let from = 0;
  for (const at of replace) {
    out += `${text.slice(from, at)}\\ufffd`;
    from = at + 6;
  }
  return sanitiseString(out + text.slice(from));
}

/**
 * Parses a webhook's JSON body for storing: depth checked first, then — only when a string holds a
 * character PostgreSQL cannot store — the text rewritten with U+FFFD in its place. Throws 400
 * `json_too_deep` / `malformed_json`.
 */
export function parseStorableJson(raw: string): { text: string; json: unknown } {
  assertJsonDepth(raw);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ApiError(400, 'malformed_json', 'The body is not valid JSON');
  }
  if (!hasUnstorableText(json)) return { text: raw, json };
  const text = sanitiseJsonText(raw);
  json = JSON.parse(text);
  // Escapes mixed with raw surrogates in ways no UTF-8 body can carry: serialise the clean value.
  if (hasUnstorableText(json)) {
    json = sanitiseStrings(json);
    return { text: JSON.stringify(json), json };
  }
  return { text, json };
}

/**
 * Every string and key in plain objects and arrays, at any depth, with U+FFFD in place of what
 * PostgreSQL cannot store; anything else (a Buffer, a function) kept as it is.
 */
export function sanitiseStrings<T>(value: T): T {
  if (typeof value === 'string') return sanitiseString(value) as T;
  if (Array.isArray(value)) return value.map(sanitiseStrings) as T;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(
      Object.entries(value).map(([key, field]) => [sanitiseString(key), sanitiseStrings(field)]),
    ) as T;
  return value;
}
