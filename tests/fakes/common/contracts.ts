import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';

/** Repository root: tests/fakes/common → ../../.. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * The published schemas, vendored verbatim with their licences and sources (tests/contracts/README.md),
 * so that a clone needs nothing beside it. A missing file must still fail every validation loudly,
 * never let requests pass unchecked.
 */
export function contractsRoot(): string {
  return path.join(repoRoot, 'tests', 'contracts');
}

export class ContractsMissingError extends Error {}

export function readContract(relativePath: string, root = contractsRoot()): unknown {
  const file = path.join(root, relativePath);
  if (!existsSync(file)) {
    throw new ContractsMissingError(
      `published schema ${relativePath} not found under ${root}; the fakes refuse to run without it`,
    );
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** One validator configuration for all networks (STYLE: one schema validator). */
export function createAjv(): Ajv {
  // strict: false — the published schemas carry vendor keywords (`entity`, `enumNames`, OpenAPI
  // leftovers) that the loaders strip where they matter and Ajv may otherwise ignore.
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateSchema: false });
  addFormats(ajv);
  ajv.addFormat('bigint', true);
  return ajv;
}

export function describeAjvErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`.trim());
}

/** Thrown by webhook drivers when the event they were asked to send breaks the published schema. */
export class EventContractError extends Error {
  constructor(
    readonly operation: string,
    readonly errors: readonly string[],
  ) {
    super(`generated ${operation} breaks the published schema: ${errors.join('; ')}`);
  }
}
