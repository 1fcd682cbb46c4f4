/**
 * Errors are values at the edges: validators and domain rules return a Result instead of throwing.
 * `code` is an i18n key (namespace-qualified, e.g. `validation:passport.seriesFormat`), so the
 * same error reads well in Russian and English; `params` fill its placeholders.
 */
export interface DomainError {
  code: string;
  params?: Record<string, string | number>;
}

export type Result<T, E extends DomainError = DomainError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const fail = (
  code: string,
  params?: Record<string, string | number>,
): { ok: false; error: DomainError } =>
  params ? { ok: false, error: { code, params } } : { ok: false, error: { code } };
