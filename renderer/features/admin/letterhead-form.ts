/**
 * The pure part of «Бланк и подписи» and «Классификатор»: the signatories list (the first signs by
 * default), the live example of the outgoing number, the words of a server refusal and reading an
 * edition file. Unit-tested.
 */
import { formatRegistrationNumber } from '../../../shared/domain/registration-number';
import type { AdminRefusal, Signatory } from '../../api/letterhead';

/** Moves the signatory at `index` one place up (-1) or down (+1); out of range: the same list. */
export function moveSignatory(list: readonly Signatory[], index: number, by: -1 | 1): Signatory[] {
  const target = index + by;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const next = [...list];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

/** The first letter of a year by the pattern, or the i18n key of what is wrong with it. */
export function outgoingExample(
  pattern: string,
  year: number,
): { ok: true; example: string } | { ok: false; key: string; params: Record<string, unknown> } {
  if (/\{DEPT\}/.test(pattern)) return { ok: false, key: 'letterhead:refusal.patternDepartment', params: {} };
  const formatted = formatRegistrationNumber(pattern, { year, sequence: 17 });
  return formatted.ok
    ? { ok: true, example: formatted.value }
    : { ok: false, key: formatted.error.code, params: formatted.error.params ?? {} };
}

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** `signatories.1.name` → «подписывающий № 2: фамилия»; a plain field by its name. */
function fieldWords(t: Translate, field: string): string {
  const signatory = /^signatories\.(\d+)\.(name|position)$/.exec(field);
  if (signatory) {
    const number = Number(signatory[1]) + 1;
    return t(
      signatory[2] === 'name' ? 'letterhead:fields.signatoryName' : 'letterhead:fields.signatoryPosition',
      { number },
    );
  }
  return t(`letterhead:fields.${field}`);
}

const problems = new Set([
  'required',
  'tooLong',
  'controlCharacters',
  'signatoriesMissing',
  'signatoriesTooMany',
  'patternDepartment',
]);
const logoCodes: Record<string, string> = {
  logo_type: 'letterhead:refusal.logoType',
  logo_unreadable: 'letterhead:refusal.logoUnreadable',
  logo_too_large: 'letterhead:refusal.logoTooLarge',
  payload_too_large: 'letterhead:refusal.logoTooLarge',
};

/** The sentence an administrator reads for a refused letterhead or logo. */
export function letterheadRefusalText(t: Translate, error: AdminRefusal): string {
  if (error.kind === 'network') return t('letterhead:refusal.network');
  if (error.kind !== 'server') return t('letterhead:refusal.server', { code: error.kind });
  if (error.status === 403) return t('letterhead:refusal.forbidden');
  const code = error.code ?? String(error.status);
  if (logoCodes[code]) return t(logoCodes[code]!);
  const details = error.details ?? {};
  const problem = typeof details.problem === 'string' ? details.problem : '';
  const field = typeof details.field === 'string' ? details.field : '';
  if (problem === 'pattern' && typeof details.patternKey === 'string') return t(details.patternKey);
  if (problems.has(problem)) return t(`letterhead:refusal.${problem}`, { field: fieldWords(t, field) });
  return t('letterhead:refusal.server', { code });
}

/** An edition file's text as JSON, or what the reader said about it. */
export function readEditionFile(text: string): { ok: true; value: unknown } | { ok: false; detail: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
}

/** The sentence for a refused edition: the loader's reason (domain:classifier.*) when the server gave it. */
export function classifierRefusalText(t: Translate, error: AdminRefusal, maxMegabytes: number): string {
  if (error.kind === 'network') return t('letterhead:refusal.network');
  if (error.kind !== 'server') return t('letterhead:refusal.server', { code: error.kind });
  if (error.status === 403) return t('letterhead:refusal.forbidden');
  if (error.status === 413) return t('letterhead:classifier.tooLarge', { max: maxMegabytes });
  const details = error.details ?? {};
  if (error.code === 'classifier_invalid' && typeof details.key === 'string') {
    const params = typeof details.params === 'object' && details.params !== null ? details.params : {};
    return t('letterhead:classifier.refused', { reason: t(details.key, params as Record<string, unknown>) });
  }
  if (error.code === 'classifier_file_invalid' && typeof details.key === 'string') {
    const params = typeof details.params === 'object' && details.params !== null ? details.params : {};
    return t('reports:classifierImport.refused', {
      row: details.row,
      column: details.column,
      reason: t(details.key, params as Record<string, unknown>),
    });
  }
  return t('letterhead:refusal.server', { code: error.code ?? String(error.status) });
}

/** A file's bytes as base64, for a JSON body (the classifier's published table). */
export async function base64Of(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}
