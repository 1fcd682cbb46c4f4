import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv, describeAjvErrors, readContract } from '../common/contracts';
import type { UploadedFile } from '../common/http';

/**
 * Loader for tests/contracts/telegram/api.json (PaulSonOfLars/telegram-bot-api-spec): a custom JSON
 * listing methods and types with fields `{name, types[], required}`. Types become JSON Schema
 * definitions; a field's `types` become `anyOf`; "Array of X" becomes an array; types with
 * `subtypes` (MessageOrigin…) become `anyOf` of the subtypes.
 *
 * Deliberately stricter than Telegram: objects are closed (`additionalProperties: false`) so that a
 * misspelt field in a keyboard or a generated Update is caught, although the real API ignores it.
 */

const BASE = 'https://telegram-bot-api-spec.invalid/api.json';

interface SpecField {
  name: string;
  types: string[];
  required: boolean;
  description: string;
}
interface SpecEntry {
  name: string;
  fields?: SpecField[];
  subtypes?: string[];
}
interface Spec {
  version: string;
  methods: Record<string, SpecEntry>;
  types: Record<string, SpecEntry>;
}

type Schema = Record<string, unknown>;

function typeSchema(type: string, known: ReadonlySet<string>): Schema {
  const array = /^Array of (.+)$/.exec(type);
  if (array) return { type: 'array', items: typeSchema(array[1] ?? '', known) };
  switch (type) {
    case 'Integer':
      return { type: 'integer' };
    case 'Float':
      return { type: 'number' };
    case 'String':
      return { type: 'string' };
    case 'Boolean':
      return { type: 'boolean' };
    case 'InputFile':
      return {}; // a multipart file part; checked by the server, not by the schema
    default:
      return known.has(type) ? { $ref: `${BASE}#/definitions/${type}` } : {};
  }
}

/** Constraints stated only in prose: `always "user"` → const; `can be either "a", "b" or "c"` → enum. */
function proseConstraints(description: string): Schema {
  const always = /always "([^"]+)"/.exec(description);
  if (always) return { const: always[1] };
  const either = /can be either ((?:"[^"]+"(?:, | or )?)+)/.exec(description);
  if (either) return { enum: [...(either[1] ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]) };
  return {};
}

function fieldSchema(field: SpecField, known: ReadonlySet<string>): Schema {
  const alternatives = field.types.map((t) => typeSchema(t, known));
  const base = alternatives.length === 1 ? (alternatives[0] as Schema) : { anyOf: alternatives };
  return { ...base, ...proseConstraints(field.description) };
}

function typeDefinition(entry: SpecEntry, known: ReadonlySet<string>): Schema {
  if (entry.fields && entry.fields.length > 0) {
    return {
      type: 'object',
      properties: Object.fromEntries(entry.fields.map((f) => [f.name, fieldSchema(f, known)])),
      required: entry.fields.filter((f) => f.required).map((f) => f.name),
      additionalProperties: false,
    };
  }
  if (entry.subtypes && entry.subtypes.length > 0)
    return { anyOf: entry.subtypes.map((s) => typeSchema(s, known)) }; // subtypes may be "String", "Array of X"
  return { type: 'object' };
}

export interface TelegramParamCheck {
  readonly params: Record<string, unknown>;
  /** Telegram-style `description`s, e.g. `Bad Request: chat_id is empty`. */
  readonly errors: string[];
  readonly unknown: string[];
}

export interface TelegramMethodContract {
  readonly name: string;
  check(fields: Record<string, unknown>, files: Record<string, UploadedFile>): TelegramParamCheck;
}

export class TelegramContract {
  readonly version: string;
  private readonly ajv = createAjv();
  private readonly spec: Spec;
  private readonly methodsByLowerName = new Map<string, SpecEntry>();
  private readonly compiled = new Map<string, TelegramMethodContract>();
  private updateValidator?: ValidateFunction;

  constructor(root?: string) {
    this.spec = readContract('telegram/api.json', root) as Spec;
    this.version = this.spec.version;
    const known = new Set(Object.keys(this.spec.types));
    const definitions = Object.fromEntries(
      Object.values(this.spec.types).map((entry) => [entry.name, typeDefinition(entry, known)]),
    );
    this.ajv.addSchema({ $id: BASE, definitions });
    for (const method of Object.values(this.spec.methods))
      this.methodsByLowerName.set(method.name.toLowerCase(), method);
  }

  /** Telegram method names are case-insensitive. */
  method(name: string): TelegramMethodContract | undefined {
    const entry = this.methodsByLowerName.get(name.toLowerCase());
    if (!entry) return undefined;
    let contract = this.compiled.get(entry.name);
    if (!contract) {
      contract = this.compileMethod(entry);
      this.compiled.set(entry.name, contract);
    }
    return contract;
  }

  /** Problems of an Update: the `Update` type plus "exactly one payload field besides update_id". */
  validateUpdate(update: unknown): string[] {
    this.updateValidator ??= this.ajv.compile({ $ref: `${BASE}#/definitions/Update` });
    const problems = this.updateValidator(update) ? [] : describeAjvErrors(this.updateValidator.errors);
    if (typeof update === 'object' && update !== null) {
      const payloads = Object.keys(update).filter((key) => key !== 'update_id');
      if (payloads.length !== 1)
        problems.push(`/ must carry exactly one payload field, has ${payloads.length}`);
      problems.push(...overLimit(update as Record<string, unknown>));
    }
    return problems;
  }

  private compileMethod(entry: SpecEntry): TelegramMethodContract {
    const known = new Set(Object.keys(this.spec.types));
    const fields = new Map((entry.fields ?? []).map((f) => [f.name, f]));
    const validate = this.ajv.compile({
      type: 'object',
      properties: Object.fromEntries([...fields.values()].map((f) => [f.name, fieldSchema(f, known)])),
      required: [...fields.values()].filter((f) => f.required).map((f) => f.name),
    });
    return {
      name: entry.name,
      check: (wire, files) => {
        const params: Record<string, unknown> = {};
        const errors: string[] = [];
        const unknown: string[] = [];
        for (const [key, value] of Object.entries(wire)) {
          const field = fields.get(key);
          if (!field) {
            unknown.push(key);
            continue;
          }
          const decoded = decode(field, value);
          if (decoded.error) errors.push(`Bad Request: ${decoded.error}`);
          else params[key] = decoded.value;
        }
        for (const [key, file] of Object.entries(files)) {
          if (fields.get(key)?.types.includes('InputFile')) params[key] = { file: file.filename };
        }
        if (errors.length === 0 && !validate(params)) errors.push(...telegramStyle(validate.errors ?? []));
        return { params, errors, unknown };
      },
    };
  }
}

/**
 * One description per problem: a failed `anyOf` (e.g. reply_markup matching no keyboard type) is
 * reported once instead of with every alternative's complaint.
 */
function telegramStyle(errors: ErrorObject[]): string[] {
  const alternatives = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath);
  const kept = errors.filter(
    (e) => e.keyword === 'anyOf' || !alternatives.some((path) => e.instancePath.startsWith(path)),
  );
  const described = kept.map((e) => {
    const path = e.instancePath.slice(1);
    if (e.keyword === 'required' && path === '')
      return `Bad Request: ${String(e.params.missingProperty)} is empty`;
    if (e.keyword === 'anyOf') return `Bad Request: can't parse ${path}: matches none of its allowed types`;
    return `Bad Request: invalid ${path || 'request'}: ${e.message ?? e.keyword}`;
  });
  return [...new Set(described)];
}

/** Form and multipart values are strings; JSON bodies may also carry objects as JSON strings. */
function decode(field: SpecField, value: unknown): { value?: unknown; error?: string } {
  if (typeof value !== 'string' || field.types.includes('String')) return { value };
  if (field.types.includes('Integer')) return /^-?\d+$/.test(value) ? { value: Number(value) } : { value };
  if (field.types.includes('Float'))
    return Number.isFinite(Number(value)) ? { value: Number(value) } : { value };
  if (field.types.includes('Boolean'))
    return value === 'true' || value === 'false' ? { value: value === 'true' } : { value };
  if (field.types.includes('InputFile')) return { value };
  try {
    return { value: JSON.parse(value) };
  } catch {
    return { error: `can't parse ${field.name} JSON object` };
  }
}

let shared: TelegramContract | undefined;

export function telegramContract(): TelegramContract {
  shared ??= new TelegramContract();
  return shared;
}

/**
 * Telegram delivers no message longer than it lets a client send: 4096 characters of text, 1024 of
 * a caption (the Bot API's own limits; its apps split a longer text into several messages).
 */
function overLimit(update: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const field of ['message', 'edited_message', 'channel_post', 'edited_channel_post']) {
    const message = update[field] as { text?: unknown; caption?: unknown } | undefined;
    if (typeof message?.text === 'string' && message.text.length > telegramTextLimit)
      problems.push(
        `/${field}/text is longer than ${telegramTextLimit} characters: Telegram never delivers that`,
      );
    if (typeof message?.caption === 'string' && message.caption.length > 1024)
      problems.push(`/${field}/caption is longer than 1024 characters: Telegram never delivers that`);
  }
  return problems;
}

/** The longest text one Telegram message carries (UTF-16 code units, as the Bot API counts). */
export const telegramTextLimit = 4096;
