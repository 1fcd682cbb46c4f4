import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv, describeAjvErrors, readContract } from '../common/contracts';

/**
 * Loader for the MAX Bot API OpenAPI 3.0 document (tests/contracts/max/schema_2026_07_01.json).
 * OpenAPI's dialect is turned into JSON Schema: `nullable` → a `null` alternative, `discriminator`
 * + `mapping` → `if/then` per value over the base schema (subtypes `allOf` the base, so they are
 * pointed at a `__base` copy to avoid endless recursion), documentation keywords dropped.
 *
 * Known defects of the published file, corrected here and listed in tests/fakes/README.md:
 * - `MessageBody.required` lists `link`, which is not a MessageBody property (it belongs to Message);
 * - `ChatType` enumerates only `chat`, while dialogs carry `dialog` (and channels `channel`).
 */

const BASE = 'https://max-bot-api.invalid/openapi.json';
const SCHEMA_FILE = 'max/schema_2026_07_01.json';
const DROPPED = new Set([
  'discriminator',
  'readOnly',
  'example',
  'description',
  'xml',
  'deprecated',
  'externalDocs',
  'style',
  'summary',
]);

type Json = unknown;
type JsonObject = Record<string, Json>;

function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const definitionRef = (name: string) => `${BASE}#/definitions/${name}`;

function convert(node: Json): Json {
  if (Array.isArray(node)) return node.map(convert);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key) || key === 'nullable') continue;
    if (key === 'required' && typeof value === 'boolean') continue; // a stray Swagger-2-style flag
    if (key === '$ref' && typeof value === 'string')
      out.$ref = definitionRef(value.replace('#/components/schemas/', ''));
    else if (key === 'properties' && isObject(value))
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [name, convert(child)]),
      );
    else out[key] = convert(value);
  }
  if (node.nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [{ type: 'null' }, out] };
}

function mappingTarget(target: Json): string {
  const ref = isObject(target) ? String(target.$ref) : String(target);
  return ref.replace('#/components/schemas/', '');
}

function buildDefinitions(schemas: Record<string, JsonObject>): JsonObject {
  const raw: Record<string, JsonObject> = structuredClone(schemas);
  const messageBody = raw.MessageBody;
  if (messageBody && Array.isArray(messageBody.required))
    messageBody.required = messageBody.required.filter((name) => name !== 'link');
  if (raw.ChatType) raw.ChatType.enum = ['dialog', 'chat', 'channel'];

  const definitions: JsonObject = {};
  for (const [name, schema] of Object.entries(raw)) {
    const discriminator = schema.discriminator;
    if (!isObject(discriminator) || !isObject(discriminator.mapping)) {
      definitions[name] = convert(schema);
      continue;
    }
    const property = String(discriminator.propertyName);
    definitions[`${name}__base`] = convert(schema);
    const branches = Object.entries(discriminator.mapping).map(([value, target]) => {
      const targetName = mappingTarget(target);
      const targetSchema = raw[targetName];
      if (targetSchema && Array.isArray(targetSchema.allOf))
        targetSchema.allOf = targetSchema.allOf.map((part) =>
          isObject(part) && part.$ref === `#/components/schemas/${name}`
            ? { $ref: `#/components/schemas/${name}__base` }
            : part,
        );
      return {
        if: { properties: { [property]: { const: value } }, required: [property] },
        // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable.
        then: { $ref: definitionRef(targetName) },
      };
    });
    definitions[name] = { allOf: [{ $ref: definitionRef(`${name}__base`) }, ...branches] };
  }
  // Subtypes were rewritten above, after some of them may already have been converted: redo those.
  for (const [name, schema] of Object.entries(raw))
    if (!isObject(schema.discriminator)) definitions[name] = convert(schema);
  return definitions;
}

export interface MaxQueryCheck {
  readonly params: Record<string, unknown>;
  readonly errors: string[];
  readonly unknown: string[];
}

export interface MaxOperationContract {
  /** `POST /messages` */
  readonly id: string;
  readonly pathTemplate: string;
  readonly hasBody: boolean;
  checkQuery(query: Record<string, string>): MaxQueryCheck;
  checkBody(body: unknown): string[];
}

interface RawParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonObject;
}

export class MaxContract {
  private readonly ajv = createAjv();
  private readonly operations: Array<{ method: string; template: string; pattern: RegExp; raw: JsonObject }> =
    [];
  private readonly compiled = new Map<string, MaxOperationContract>();
  private updateValidator?: ValidateFunction;

  constructor(root?: string) {
    const document = readContract(SCHEMA_FILE, root) as {
      paths: Record<string, JsonObject>;
      components: { schemas: Record<string, JsonObject> };
    };
    this.ajv.addSchema({ $id: BASE, definitions: buildDefinitions(document.components.schemas) });
    for (const [template, item] of Object.entries(document.paths)) {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const [method, raw] of Object.entries(item))
        if (isObject(raw)) this.operations.push({ method: method.toUpperCase(), template, pattern, raw });
    }
  }

  /** The operation a request maps to; literal paths win over templated ones (`/chats/{chatId}`). */
  operation(method: string, path: string): MaxOperationContract | undefined {
    const candidates = this.operations.filter((op) => op.method === method && op.pattern.test(path));
    const match = candidates.find((op) => !op.template.includes('{')) ?? candidates[0];
    if (!match) return undefined;
    const id = `${match.method} ${match.template}`;
    let contract = this.compiled.get(id);
    if (!contract) {
      contract = this.compileOperation(id, match.template, match.raw);
      this.compiled.set(id, contract);
    }
    return contract;
  }

  /** Whether any operation exists for `path` with another method (→ 405 rather than 404). */
  knowsPath(path: string): boolean {
    return this.operations.some((op) => op.pattern.test(path));
  }

  validateUpdate(update: unknown): string[] {
    this.updateValidator ??= this.ajv.compile({ $ref: definitionRef('Update') });
    const problems = this.updateValidator(update) ? [] : problemsOf(this.updateValidator.errors);
    // NewMessageBody.text has maxLength 4000: no client can send, so no update carries, more.
    const message = isObject(update) && isObject(update.message) ? update.message : {};
    const body = isObject(message.body) ? message.body : {};
    if (typeof body.text === 'string' && body.text.length > maxTextLimit)
      problems.push(`/message/body/text is longer than ${maxTextLimit} characters: MAX never delivers that`);
    return problems;
  }

  private compileOperation(id: string, template: string, raw: JsonObject): MaxOperationContract {
    const parameters = ((raw.parameters as RawParameter[] | undefined) ?? []).filter((p) => p.in === 'query');
    const byName = new Map(parameters.map((p) => [p.name, p]));
    const queryValidator = this.ajv.compile({
      type: 'object',
      properties: Object.fromEntries(parameters.map((p) => [p.name, convert(p.schema ?? {})])),
      required: parameters.filter((p) => p.required).map((p) => p.name),
    });
    const requestBody = isObject(raw.requestBody) ? raw.requestBody : undefined;
    const content = isObject(requestBody?.content) ? requestBody.content : {};
    const bodySchema = isObject(content['application/json']) ? content['application/json'].schema : undefined;
    const bodyValidator = bodySchema ? this.ajv.compile(convert(bodySchema) as JsonObject) : undefined;
    return {
      id,
      pathTemplate: template,
      hasBody: bodyValidator !== undefined,
      checkQuery: (query) => {
        const params: Record<string, unknown> = {};
        const unknown: string[] = [];
        for (const [name, value] of Object.entries(query)) {
          const parameter = byName.get(name);
          if (parameter) params[name] = decodeQuery(parameter.schema ?? {}, value);
          else unknown.push(name);
        }
        const errors = queryValidator(params)
          ? []
          : problemsOf(queryValidator.errors).map((e) => `query ${e}`);
        return { params, errors, unknown };
      },
      checkBody: (body) => {
        if (!bodyValidator) return [];
        return bodyValidator(body) ? [] : problemsOf(bodyValidator.errors).map((e) => `body ${e}`);
      },
    };
  }
}

/** The `if/then` wrappers add "must match then schema" noise on top of the real problem. */
function problemsOf(errors: ErrorObject[] | null | undefined): string[] {
  return describeAjvErrors((errors ?? []).filter((e) => e.keyword !== 'if'));
}

function decodeQuery(schema: JsonObject, value: string): unknown {
  if (value === 'null' && schema.nullable === true) return null;
  if (schema.type === 'integer') return /^-?\d+$/.test(value) ? Number(value) : value;
  if (schema.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  if (schema.type === 'array') return value.split(',');
  return value;
}

let shared: MaxContract | undefined;

export function maxContract(): MaxContract {
  shared ??= new MaxContract();
  return shared;
}

/** NewMessageBody.text's maxLength in the published schema. */
export const maxTextLimit = 4000;
