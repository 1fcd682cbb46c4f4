import type { DomainError } from '../result';

/** One field's error inside a form-level failure, so the UI can mark every wrong field at once. */
export interface FieldError<F extends string> {
  readonly field: F;
  readonly error: DomainError;
}

/** A failure that names the overall problem (`code`) and lists every field error found. */
export interface FieldsFailure<F extends string> extends DomainError {
  readonly fields: readonly FieldError<F>[];
}

export const failFields = <F extends string>(
  code: string,
  fields: readonly FieldError<F>[],
  params?: Record<string, string | number>,
): { ok: false; error: FieldsFailure<F> } => ({
  ok: false,
  error: params ? { code, params, fields } : { code, fields },
});
