import { readInput } from './applicant/text';
import { fail, ok, type Result } from './result';

/**
 * Registration numbers (регистрационный номер) are issued by an organisation's own pattern, e.g.
 * `ОГ-{YYYY}-{N:6}` → `ОГ-2026-000123`. Tokens: `{YYYY}` and `{YY}` (year), `{N:w}` (sequence padded
 * to w digits, 1..10) or `{N}` (unpadded, up to 10 digits), `{DEPT}` (department code: 1..10 letters or
 * digits, upper case). Literal text: Cyrillic or Latin letters, digits and `- / . _ №`.
 * `{year}` and `{seq}` are accepted as aliases of `{YYYY}` and `{N}` (patterns some records offices
 * already write, e.g. `{seq}/{year}` → `17/2026`).
 */
export const defaultRegistrationPattern = 'ОГ-{YYYY}-{N:6}';

export interface RegistrationNumberParts {
  readonly year: number;
  readonly sequence: number;
  readonly departmentCode?: string;
}

type Segment =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'year'; readonly digits: 2 | 4 }
  | { readonly kind: 'sequence'; readonly width?: number }
  | { readonly kind: 'department' };

/** A validated pattern, ready to format and parse numbers. */
export interface RegistrationPattern {
  readonly source: string;
  readonly segments: readonly Segment[];
}

const PATTERN_MAX = 64;
const NUMBER_MAX = 96;
const SEQUENCE_WIDTH_MAX = 10;
/** Two-digit years are read as 20YY, so the supported range is the same for both year tokens. */
const YEAR_MIN = 2000;
const YEAR_MAX = 2099;
const LITERAL = /^[\p{Script=Cyrillic}\p{Script=Latin}0-9\-/._№]+$/u;
const DEPARTMENT = /^[0-9A-ZА-ЯЁ]{1,10}$/;

/** Checks a pattern: known tokens, one year and one sequence token, and no ambiguous neighbours. */
export function validatePattern(pattern: unknown): Result<RegistrationPattern> {
  const input = readInput(pattern, PATTERN_MAX);
  if (!input.ok) {
    if (input.problem === 'missing') return fail('validation:registrationNumber.patternRequired');
    return input.problem === 'tooLong'
      ? fail('validation:registrationNumber.patternTooLong', { max: PATTERN_MAX })
      : fail('validation:registrationNumber.patternSyntax');
  }
  const segments: Segment[] = [];
  for (const part of input.text.split(/(\{[^{}]*\})/)) {
    if (part === '') continue;
    const segment = part.startsWith('{') ? tokenSegment(part.slice(1, -1)) : literalSegment(part);
    if (!segment.ok) return segment;
    segments.push(segment.value);
  }
  const structure = checkStructure(segments);
  return structure.ok ? ok({ source: input.text, segments }) : structure;
}

function tokenSegment(token: string): Result<Segment> {
  if (token === 'YYYY' || token === 'year') return ok({ kind: 'year', digits: 4 });
  if (token === 'YY') return ok({ kind: 'year', digits: 2 });
  if (token === 'DEPT') return ok({ kind: 'department' });
  if (token === 'N' || token === 'seq') return ok({ kind: 'sequence' });
  const sized = /^N:(\d{1,3})$/.exec(token);
  if (!sized) return fail('validation:registrationNumber.unknownToken', { token: `{${token}}` });
  const width = Number(sized[1]);
  if (width < 1 || width > SEQUENCE_WIDTH_MAX) {
    return fail('validation:registrationNumber.sequenceWidth', { min: 1, max: SEQUENCE_WIDTH_MAX });
  }
  return ok({ kind: 'sequence', width });
}

function literalSegment(text: string): Result<Segment> {
  if (text.includes('{') || text.includes('}')) return fail('validation:registrationNumber.patternSyntax');
  if (!LITERAL.test(text)) return fail('validation:registrationNumber.patternCharacters');
  return ok({ kind: 'literal', text });
}

function checkStructure(segments: readonly Segment[]): Result<true> {
  const count = (kind: Segment['kind']) => segments.filter((segment) => segment.kind === kind).length;
  if (count('year') === 0) return fail('validation:registrationNumber.yearTokenMissing');
  if (count('sequence') === 0) return fail('validation:registrationNumber.sequenceTokenMissing');
  if (count('year') > 1 || count('sequence') > 1 || count('department') > 1) {
    return fail('validation:registrationNumber.duplicateToken');
  }
  // A variable-length token must end where the next literal begins, or the number could be split in two ways.
  for (const [i, segment] of segments.entries()) {
    const next = segments[i + 1];
    const variable =
      segment.kind === 'department' || (segment.kind === 'sequence' && segment.width === undefined);
    if (!variable || next === undefined) continue;
    const stopsIt = next.kind === 'literal' && !/^[\p{L}\p{N}]/u.test(next.text);
    if (!stopsIt) return fail('validation:registrationNumber.ambiguousPattern');
  }
  return ok(true);
}

/** Formats a registration number; refuses a year out of range and a sequence wider than its token. */
export function formatRegistrationNumber(pattern: string, parts: RegistrationNumberParts): Result<string> {
  const compiled = validatePattern(pattern);
  if (!compiled.ok) return compiled;
  const { year, sequence, departmentCode }: Partial<RegistrationNumberParts> = parts ?? {};
  if (typeof year !== 'number' || !Number.isInteger(year) || year < YEAR_MIN || year > YEAR_MAX) {
    return fail('validation:registrationNumber.year', { min: YEAR_MIN, max: YEAR_MAX });
  }
  if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence) || sequence < 1)
    return fail('validation:registrationNumber.sequence');
  let text = '';
  for (const segment of compiled.value.segments) {
    const piece = formatSegment(segment, year, sequence, departmentCode);
    if (!piece.ok) return piece;
    text += piece.value;
  }
  return ok(text);
}

function formatSegment(
  segment: Segment,
  year: number,
  sequence: number,
  departmentCode: unknown,
): Result<string> {
  switch (segment.kind) {
    case 'literal':
      return ok(segment.text);
    case 'year':
      return ok(String(year).slice(-segment.digits));
    case 'sequence': {
      const width = segment.width ?? SEQUENCE_WIDTH_MAX;
      const digits = String(sequence);
      if (digits.length > width) return fail('validation:registrationNumber.sequenceOverflow', { width });
      return ok(segment.width === undefined ? digits : digits.padStart(width, '0'));
    }
    case 'department': {
      if (departmentCode === undefined || departmentCode === null || departmentCode === '') {
        return fail('validation:registrationNumber.departmentRequired');
      }
      const code = typeof departmentCode === 'string' ? departmentCode.trim().toUpperCase() : '';
      return DEPARTMENT.test(code) ? ok(code) : fail('validation:registrationNumber.departmentFormat');
    }
  }
}

/**
 * Reads a registration number typed by a citizen or staff. Tolerates surrounding white space, a leading
 * "№", other dashes for '-', the case of letters, and Latin look-alikes of Cyrillic letters (and back)
 * in the literal parts, since citizens type the number on whatever keyboard layout is active.
 */
export function parseRegistrationNumber(pattern: string, text: unknown): Result<RegistrationNumberParts> {
  const compiled = validatePattern(pattern);
  if (!compiled.ok) return compiled;
  const input = readInput(text, NUMBER_MAX);
  if (!input.ok) {
    return fail(
      input.problem === 'missing'
        ? 'validation:registrationNumber.required'
        : 'validation:registrationNumber.format',
    );
  }
  const candidate = compiled.value.source.startsWith('№') ? input.text : input.text.replace(/^№\s*/, '');
  const match = matcherFor(compiled.value.segments).exec(candidate);
  if (!match?.groups) return fail('validation:registrationNumber.format');
  const { year, sequence, department } = match.groups;
  const fullYear = year!.length === 2 ? 2000 + Number(year) : Number(year);
  if (fullYear < YEAR_MIN || fullYear > YEAR_MAX) {
    return fail('validation:registrationNumber.year', { min: YEAR_MIN, max: YEAR_MAX });
  }
  const number = Number(sequence);
  if (number < 1) return fail('validation:registrationNumber.sequence');
  return ok(
    department === undefined
      ? { year: fullYear, sequence: number }
      : { year: fullYear, sequence: number, departmentCode: department.toUpperCase() },
  );
}

function matcherFor(segments: readonly Segment[]): RegExp {
  return new RegExp(`^${segments.map(segmentSource).join('')}$`, 'u');
}

function segmentSource(segment: Segment): string {
  switch (segment.kind) {
    case 'literal':
      return [...segment.text].map(lenientChar).join('');
    case 'year':
      return `(?<year>\\d{${segment.digits}})`;
    case 'sequence':
      return `(?<sequence>\\d{${segment.width ?? `1,${SEQUENCE_WIDTH_MAX}`}})`;
    case 'department':
      return '(?<department>[0-9A-Za-zА-Яа-яЁё]{1,10})';
  }
}

/** Cyrillic capitals and their Latin look-alikes. */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  У: 'Y',
  Х: 'X',
};
const LATIN_TO_CYRILLIC = Object.fromEntries(Object.entries(LOOK_ALIKES).map(([cyr, lat]) => [lat, cyr]));

/** A character class matching a literal character in either case and its look-alike in the other script. */
function lenientChar(char: string): string {
  const upper = char.toUpperCase();
  const twin = LOOK_ALIKES[upper] ?? LATIN_TO_CYRILLIC[upper];
  const variants = new Set([char, char.toLowerCase(), upper, ...(twin ? [twin, twin.toLowerCase()] : [])]);
  return `[${[...variants].map((variant) => variant.replace(/[\\\]^-]/g, '\\$&')).join('')}]`;
}
