/**
 * Precompiled document validators for the desktop database (renderer/db/validation.ts).
 *
 * ajv compiles a JSON schema into JavaScript source and loads it with `new Function`, which the
 * window's Content-Security-Policy forbids (no 'unsafe-eval', in the web shell and in Electron). So
 * ajv runs here, in Node, when Vite serves or builds the renderer (and when vitest loads it): its
 * standalone mode writes each schema's validator as a plain ES module, `virtual:okno-schema-validators`,
 * which the window imports like any other code. Same ajv and settings as RxDB's validate-ajv plugin
 * (the tests' harness), no eval anywhere, and nothing generated to commit or keep in step: the module
 * is built from shared/schemas each time it is loaded, and the dev server reloads it when they change.
 *
 * This file imports packages only: vite.config.ts and vitest.config.ts import it, and a config that
 * imported shared/ (extensionless TypeScript) would print Vite's 30-line `configLoader: 'native'`
 * warning on every run. shared/schemas is loaded through Vite's own module runner instead.
 */
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { fillWithDefaultSettings, normalizeRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { type Plugin, runnerImport } from 'vite';

type SchemasModule = typeof import('../shared/schemas');

export const schemaValidatorsModuleId = 'virtual:okno-schema-validators';
const resolvedId = `\0${schemaValidatorsModuleId}`;

/** The keywords RxDB adds to JSON Schema, as rxdb/plugins/validate-ajv declares them to ajv. */
const rxdbKeywords = [
  'version',
  'keyCompression',
  'primaryKey',
  'indexes',
  'encrypted',
  'final',
  'sharding',
  'internalIndexes',
  'attachments',
  'ref',
  'crdt',
];

// biome-ignore lint/suspicious/noExplicitAny: schemas of every document type
type AnyRxJsonSchema = RxJsonSchema<any>;

const isRxJsonSchema = (value: unknown): value is AnyRxJsonSchema =>
  typeof value === 'object' &&
  value !== null &&
  'primaryKey' in value &&
  'version' in value &&
  'properties' in value;

/**
 * Every schema version in shared/schemas, the current ones and those kept for migrations, in the
 * form RxDB hands to a validator: as createRxSchema() makes it, defaults filled in (_deleted, _rev,
 * _meta, _attachments) and keys sorted.
 */
export function desktopSchemasAsRxdbValidates(schemas: SchemasModule): AnyRxJsonSchema[] {
  return Object.values(schemas)
    .filter(isRxJsonSchema)
    .map((schema) => normalizeRxJsonSchema(fillWithDefaultSettings(schema)));
}

/**
 * ajv's standalone code `require`s its helper for string lengths in code points; a browser module
 * cannot. The same count, written out: a surrogate pair is one character (as ajv's ucs2length).
 */
const ucs2lengthRequire = 'require("ajv/dist/runtime/ucs2length").default';
const ucs2length =
  'function ucs2length(text) { let length = 0; for (const _ of text) length++; return length; }';

/** The source of `virtual:okno-schema-validators`: `validators`, JSON of a schema → its validator. */
export function schemaValidatorsModule(schemas: SchemasModule): string {
  const ajv = new Ajv({ strict: true, code: { source: true, esm: true } });
  for (const keyword of rxdbKeywords) ajv.addKeyword(keyword);
  const filled = desktopSchemasAsRxdbValidates(schemas);
  const exportNames: Record<string, string> = {};
  filled.forEach((schema, index) => {
    ajv.addSchema(schema, `schema${index}`);
    exportNames[`oknoSchema${index}`] = `schema${index}`;
  });
  const code = standaloneCode(ajv, exportNames).replaceAll(ucs2lengthRequire, 'ucs2length');
  if (/\brequire\(/.test(code)) {
    throw new Error(
      `${schemaValidatorsModuleId}: ajv's code requires a helper not mapped in ${import.meta.url}`,
    );
  }
  // RxDB finds a validator by the schema's JSON (as its own validator cache does).
  const entries = filled.map(
    (schema, index) => `[${JSON.stringify(JSON.stringify(schema))}, oknoSchema${index}]`,
  );
  return `${code}\n${ucs2length}\nexport const validators = new Map([\n${entries.join(',\n')}\n]);\n`;
}

/** Serves `virtual:okno-schema-validators` to Vite (dev server and build) and vitest. */
export function schemaValidators(): Plugin {
  const schemasEntry = fileURLToPath(new URL('../shared/schemas/index.ts', import.meta.url));
  // Hook filters: the bundler calls these hooks for this one module only, not for every module.
  return {
    name: 'okno-schema-validators',
    resolveId: {
      filter: { id: new RegExp(`^${schemaValidatorsModuleId}$`) },
      handler: () => resolvedId,
    },
    load: {
      filter: { id: new RegExp(`^\\0${schemaValidatorsModuleId}$`) },
      async handler() {
        const { module, dependencies } = await runnerImport<SchemasModule>(schemasEntry);
        for (const file of [schemasEntry, ...dependencies]) this.addWatchFile(file);
        return schemaValidatorsModule(module);
      },
    },
  };
}
