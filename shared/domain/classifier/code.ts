import { fail, ok, type Result } from '../result';

/**
 * Codes of the Типовой общероссийский тематический классификатор обращений:
 * `РРРР.ТТТТ.ТТТТ.ВВВВ` — section.subject.topic.question, each four digits; current editions add a
 * fifth level. A node above the question level keeps the lower parts as `0000`
 * (`0005.0005.0000.0000` is a subject), so every code has the same shape and sorts by the tree.
 */
export const classifierLevels = ['section', 'subject', 'topic', 'question', 'subquestion'] as const;
export type ClassifierLevel = (typeof classifierLevels)[number];

export interface ClassifierCode {
  /** The code exactly as written, e.g. `0002.0009.0100.0496`. */
  code: string;
  /** The four-digit parts, top to bottom (4 or 5 of them). */
  parts: string[];
  /** The deepest level whose part is not `0000`. */
  level: ClassifierLevel;
  /** The code of the parent node (the deepest non-zero part replaced by `0000`); null for a section. */
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
  const parts = value.split('.');
  const depth = parts.findLastIndex((part) => part !== zero);
  if (depth < 0) return fail('domain:classifier.codeZeroSection', { code: value });
  // A zero part above a non-zero one would be a node without a parent, e.g. 0001.0000.0003.0000.
  if (parts.slice(0, depth).includes(zero)) return fail('domain:classifier.codeGap', { code: value });
  const level = classifierLevels[depth]!;
  const parentCode = depth === 0 ? null : parts.map((part, i) => (i === depth ? zero : part)).join('.');
  return ok({ code: value, parts, level, parentCode });
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
