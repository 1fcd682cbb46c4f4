import { fail, ok, type Result } from '../result';

/**
 * Codes of the Типовой общероссийский тематический классификатор обращений:
 * `РРРР.ТТТТ.ТТТТ.ВВВВ` — section.subject.topic.question, each four digits; current editions add a
 * fifth level. A node above the question level keeps the lower parts as `0000`
 * (`0005.0005.0000.0000` is a subject), so every code has the same shape and sorts by the tree.
 */
const classifierLevels = ['section', 'subject', 'topic', 'question', 'subquestion'] as const;
export type ClassifierLevel = (typeof classifierLevels)[number];

export interface ClassifierCode {
  /** The canonical code, e.g. `0002.0009.0100.0496` (a fifth part of `0000` is dropped). */
  code: string;
  /** The four-digit parts, top to bottom (4 or 5 of them). */
  parts: string[];
  /** The deepest level whose part is not `0000`. */
  level: ClassifierLevel;
  /** The parent's canonical code (the deepest non-zero part replaced by `0000`, or dropped at the fifth level); null for a section. */
  parentCode: string | null;
}

const codePattern = /^\d{4}(?:\.\d{4}){3,4}$/;
const zero = '0000';

export function isClassifierCode(value: unknown): value is string {
  return parseClassifierCode(value).ok;
}

export function parseClassifierCode(value: unknown): Result<ClassifierCode> {
  if (typeof value !== 'string' || !codePattern.test(value)) {
    return fail('domain:classifier.codeFormat', { code: printable(value) });
  }
  const written = value.split('.');
  // A fifth part of 0000 adds nothing: the canonical form of such a code has four parts.
  const parts = written.length === 5 && written[4] === zero ? written.slice(0, 4) : written;
  const depth = parts.findLastIndex((part) => part !== zero);
  if (depth < 0) return fail('domain:classifier.codeZeroSection', { code: value });
  // A zero part above a non-zero one would be a node without a parent, e.g. 0001.0000.0003.0000.
  if (parts.slice(0, depth).includes(zero)) return fail('domain:classifier.codeGap', { code: value });
  const level = classifierLevels[depth]!;
  const fourParts = parts.slice(0, 4);
  const parentCode =
    depth === 0
      ? null
      : depth === 4
        ? fourParts.join('.')
        : fourParts.map((p, i) => (i === depth ? zero : p)).join('.');
  return ok({ code: parts.join('.'), parts, level, parentCode });
}

/** A classifier code an appeal can be closed with: a question or a finer level (ССТУ reports per question). */
export function parseQuestionCode(value: unknown): Result<ClassifierCode> {
  const parsed = parseClassifierCode(value);
  if (!parsed.ok) return parsed;
  if (parsed.value.level !== 'question' && parsed.value.level !== 'subquestion') {
    return fail('domain:classifier.notQuestionLevel', { code: parsed.value.code });
  }
  return parsed;
}

/** A short, safe rendition of a rejected value for an error message. */
function printable(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return typeof value;
}
