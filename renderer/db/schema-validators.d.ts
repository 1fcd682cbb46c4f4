/** Written by scripts/schema-validators.ts when Vite serves or builds the renderer (and for vitest). */
declare module 'virtual:okno-schema-validators' {
  import type { ErrorObject } from 'ajv';

  /** ajv's standalone validator: true when valid, else the reasons in `errors`. */
  export interface PrecompiledValidator {
    (document: unknown): boolean;
    errors?: ErrorObject[] | null;
  }

  /** JSON of a schema as RxDB passes it to a validator → that schema's validator. */
  export const validators: ReadonlyMap<string, PrecompiledValidator>;
}
