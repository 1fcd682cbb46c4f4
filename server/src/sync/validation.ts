/**
 * Pushed documents are checked against the same RxDB JSON schemas the desktop uses
 * (shared/schemas), with ajv — the validator RxDB's own validate-ajv plugin is built on, so the
 * server and the desktop agree on what a valid document is.
 */
import { Ajv } from 'ajv';
import type { RxJsonSchema } from 'rxdb';

const ajv = new Ajv({ strict: false, allErrors: false });

export type DocValidator = (doc: Record<string, unknown>) => string | null;

/** A validator of the document without RxDB's underscore fields (`_deleted`, `_meta`…). */
export function schemaValidator<T>(schema: RxJsonSchema<T>): DocValidator {
  const validate = ajv.compile(schema as object);
  return (doc) => {
    const plain = Object.fromEntries(Object.entries(doc).filter(([key]) => !key.startsWith('_')));
    if (validate(plain)) return null;
    const [first] = validate.errors ?? [];
    return first ? `${first.instancePath || '/'} ${first.message ?? 'is invalid'}` : 'is invalid';
  };
}
