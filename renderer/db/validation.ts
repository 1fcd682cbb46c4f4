/// <reference path="./schema-validators.d.ts" />
/**
 * Schema validation of every local write, without eval: the validators are ajv's, compiled to plain
 * modules when the renderer is served or built (scripts/schema-validators.ts), because the window's
 * CSP has no 'unsafe-eval' and ajv's usual runtime compilation (rxdb/plugins/validate-ajv) needs it.
 * RxDB's own bookkeeping stores (its internal store, replication checkpoints) have no precompiled
 * validator and are not validated: validation is there to catch Okno's malformed writes at their source.
 */

import { validators } from 'virtual:okno-schema-validators';
import { type RxJsonSchema, type RxValidationError, wrappedValidateStorageFactory } from 'rxdb';

// biome-ignore lint/suspicious/noExplicitAny: schemas of every document type
type AnyRxJsonSchema = RxJsonSchema<any>;

function validatorOf(schema: AnyRxJsonSchema): (document: unknown) => RxValidationError[] {
  const validate = validators.get(JSON.stringify(schema));
  if (!validate) return () => [];
  return (document) =>
    validate(document)
      ? []
      : (validate.errors ?? []).map((error) => ({
          ...error,
          field: error.instancePath,
          message: error.message ?? error.keyword,
        }));
}

/** Whether writes to a storage instance with this schema (as RxDB passes it) are validated. */
export const isValidated = (schema: AnyRxJsonSchema): boolean => validators.has(JSON.stringify(schema));

export const wrappedValidatePrecompiledStorage = wrappedValidateStorageFactory(
  validatorOf,
  'okno-ajv-standalone',
);
