import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { createAjv, describeAjvErrors, readContract } from '../common/contracts';

/**
 * Loader for VKCOM/vk-api-schema (`tests/contracts/vk`). The files say draft-07 but mark required
 * properties draft-03 style (`"required": true` on the property), carry vendor keywords and point at
 * files that were not copied (`../photos/objects.json`…); this loader turns them into schemas Ajv
 * can run, treating the missing files as opaque objects as tests/contracts/vk/SOURCE.txt asks.
 */

const BASE = 'https://vk-api-schema.invalid/';
const OBJECT_FILES = [
  'base/objects.json',
  'messages/objects.json',
  'users/objects.json',
  'groups/objects.json',
  'callback/objects.json',
];
const METHOD_FILES = ['messages/methods.json', 'users/methods.json', 'groups/methods.json'];
const DROPPED_KEYWORDS = new Set(['enumNames', 'entity', 'discriminator', '$schema', 'description']);

/** Parameters every method accepts besides its own. */
export const VK_GLOBAL_PARAMS = new Set([
  'access_token',
  'v',
  'lang',
  'test_mode',
  'captcha_sid',
  'captcha_key',
]);

type Json = unknown;
type JsonObject = Record<string, Json>;

function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function absoluteRef(ref: string, file: string): { file: string; url: string } {
  const [refPath = '', fragment = ''] = ref.split('#');
  const target =
    refPath === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), refPath));
  return { file: target, url: `${BASE}${target}#${fragment}` };
}

function normalize(node: Json, file: string, present: ReadonlySet<string>): Json {
  if (Array.isArray(node)) return node.map((child) => normalize(child, file, present));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED_KEYWORDS.has(key)) continue;
    if (key === 'required' && typeof value === 'boolean') continue;
    if (key === '$ref' && typeof value === 'string') {
      const target = absoluteRef(value, file);
      // A reference into a file that was not copied is an opaque value, per SOURCE.txt.
      if (!present.has(target.file)) return {};
      out.$ref = target.url;
      continue;
    }
    if (key === 'properties' && isObject(value)) {
      const properties: JsonObject = {};
      const required = new Set<string>(Array.isArray(node.required) ? (node.required as string[]) : []);
      for (const [name, schema] of Object.entries(value)) {
        if (isObject(schema) && schema.required === true) required.add(name);
        properties[name] = normalize(schema, file, present);
      }
      out.properties = properties;
      if (required.size > 0) out.required = [...required];
      continue;
    }
    out[key] = normalize(value, file, present);
  }
  return out;
}

/** How a parameter travels as a form/query string and is turned back into a JSON value. */
type WireKind = 'integer' | 'number' | 'boolean' | 'array' | 'json' | 'string';

interface ParamSpec {
  readonly name: string;
  readonly wire: WireKind;
  readonly itemsNumeric: boolean;
}

export interface VkParamCheck {
  /** The parameters after wire decoding (numbers, booleans, arrays, parsed JSON). */
  readonly params: Record<string, unknown>;
  /** VK-style problems, e.g. `peer_id not integer`; empty when the request is valid. */
  readonly errors: string[];
  readonly unknown: string[];
}

export interface VkMethodContract {
  readonly name: string;
  check(wire: Record<string, unknown>): VkParamCheck;
}

/** Event object definitions per callback type; other types are checked for the envelope only. */
const EVENT_OBJECTS: Record<string, string> = {
  message_new: 'callback/objects.json#/definitions/callback_message_new',
  message_reply: 'messages/objects.json#/definitions/messages_message',
  message_edit: 'messages/objects.json#/definitions/messages_message',
  message_allow: 'callback/objects.json#/definitions/callback_message_allow',
  message_deny: 'callback/objects.json#/definitions/callback_message_deny',
  message_event: 'callback/objects.json#/definitions/callback_message_event',
  message_typing_state: 'callback/objects.json#/definitions/callback_message_typing_state',
  message_read: 'callback/objects.json#/definitions/callback_message_read',
  wall_reply_delete: 'callback/objects.json#/definitions/callback_wall_comment_delete',
};

/** Comment events whose object (`wall_wall_comment`, not vendored) is checked by hand, below. */
const WALL_COMMENT_EVENTS = new Set(['wall_reply_new', 'wall_reply_edit', 'wall_reply_restore']);

/** Problems of a comment object (`wall_wall_comment`'s required fields, checked by hand). */
function wallCommentProblems(object: unknown): string[] {
  if (typeof object !== 'object' || object === null) return ['/object must be object'];
  const o = object as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of ['id', 'from_id', 'date', 'post_id', 'owner_id'])
    if (!Number.isInteger(o[key])) problems.push(`/object/${key} must be integer`);
  if (typeof o.text !== 'string') problems.push('/object/text must be string');
  return problems;
}

export class VkContract {
  private readonly ajv = createAjv();
  private readonly methodSources = new Map<string, { file: string; params: JsonObject[] }>();
  private readonly compiled = new Map<string, VkMethodContract>();
  private readonly eventValidators = new Map<string, ValidateFunction>();
  private readonly errorTexts = new Map<number, string>();
  private readonly present = new Set([...OBJECT_FILES, ...METHOD_FILES]);
  /** Raw definitions by `file#/definitions/name`, to tell JSON-encoded parameters from enums. */
  private readonly rawDefinitions = new Map<string, JsonObject>();

  constructor(root?: string) {
    for (const file of OBJECT_FILES) {
      const raw = readContract(`vk/${file}`, root) as JsonObject;
      for (const [name, definition] of Object.entries(raw.definitions as JsonObject))
        if (isObject(definition)) this.rawDefinitions.set(`${file}#/definitions/${name}`, definition);
      const definitions = normalize(raw.definitions, file, this.present) as JsonObject;
      // Quirk: base_name_case lists `Nom`, `Gen`…, while the API and its docs use `nom`, `gen`….
      const nameCase = definitions.base_name_case;
      if (isObject(nameCase) && Array.isArray(nameCase.enum))
        nameCase.enum = [...nameCase.enum, ...nameCase.enum.map((v) => String(v).toLowerCase())];
      // Gap: callback_type omits `message_event`, the callback button press VK's Callback API
      // documents and callback_message_event describes.
      const eventType = definitions.callback_type;
      if (isObject(eventType) && Array.isArray(eventType.enum) && !eventType.enum.includes('message_event'))
        eventType.enum = [...eventType.enum, 'message_event'];
      this.ajv.addSchema({ $id: `${BASE}${file}`, definitions });
    }
    for (const file of METHOD_FILES) {
      const raw = readContract(`vk/${file}`, root) as {
        methods: Array<{ name: string; parameters?: JsonObject[] }>;
      };
      for (const method of raw.methods)
        this.methodSources.set(method.name, { file, params: method.parameters ?? [] });
    }
    const errors = readContract('vk/errors.json', root) as {
      errors: Record<string, { code: number; description: string }>;
    };
    for (const error of Object.values(errors.errors))
      if (!this.errorTexts.has(error.code)) this.errorTexts.set(error.code, error.description);
  }

  hasMethod(name: string): boolean {
    return this.methodSources.has(name);
  }

  /** `error_msg` for a code, taken from errors.json. */
  errorMessage(code: number): string {
    return this.errorTexts.get(code) ?? 'Unknown error occurred';
  }

  method(name: string): VkMethodContract {
    const cached = this.compiled.get(name);
    if (cached) return cached;
    const source = this.methodSources.get(name);
    if (!source) throw new Error(`VK method ${name} is not in the published schema`);
    const contract = this.compileMethod(name, source.file, source.params);
    this.compiled.set(name, contract);
    return contract;
  }

  /** Problems of a Callback/Long Poll event (envelope + object for the message event types). */
  validateEvent(event: unknown): string[] {
    const problems = this.run('callback/objects.json#/definitions/callback_base', event, '');
    const type = isObject(event) ? event.type : undefined;
    const objectRef = typeof type === 'string' ? EVENT_OBJECTS[type] : undefined;
    if (objectRef && isObject(event)) problems.push(...this.run(objectRef, event.object, '/object'));
    if (isObject(event) && typeof type === 'string' && WALL_COMMENT_EVENTS.has(type))
      problems.push(...wallCommentProblems(event.object));
    if (isObject(event) && (type === 'message_new' || type === 'message_edit')) {
      const object = isObject(event.object) ? event.object : {};
      const message = isObject(object.message) ? object.message : object;
      // The practical limit (docs/CHANNELS.md §1.4): VK's clients refuse to send a longer message.
      if (typeof message.text === 'string' && [...message.text].length > vkTextLimit)
        problems.push(`/object/text is longer than ${vkTextLimit} characters: VK never delivers that`);
    }
    return problems;
  }

  private refersToObject(ref: string, file: string): boolean {
    const target = absoluteRef(ref, file);
    const definition = this.rawDefinitions.get(target.url.slice(BASE.length));
    return definition?.type === 'object';
  }

  private run(ref: string, value: unknown, prefix: string): string[] {
    let validate = this.eventValidators.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${BASE}${ref}` });
      this.eventValidators.set(ref, validate);
    }
    return validate(value) ? [] : describeAjvErrors(validate.errors).map((e) => `${prefix}${e}`);
  }

  private compileMethod(name: string, file: string, rawParams: JsonObject[]): VkMethodContract {
    const properties: JsonObject = {};
    const required: string[] = [];
    const specs = new Map<string, ParamSpec>();
    for (const raw of rawParams) {
      const paramName = String(raw.name);
      const { name: _n, required: isRequired, ...rest } = raw;
      if (isRequired === true) required.push(paramName);
      let wire: WireKind = 'string';
      let schema = normalize(rest, file, this.present) as JsonObject;
      if (rest.type === 'string' && typeof rest.$ref === 'string' && this.refersToObject(rest.$ref, file)) {
        // `"type": "string"` + `$ref`: a JSON-encoded object (keyboard, forward) — check the decoded value.
        wire = 'json';
        const { type: _t, ...decoded } = schema;
        schema = decoded;
      } else if (
        rest.type === 'integer' ||
        rest.type === 'number' ||
        rest.type === 'boolean' ||
        rest.type === 'array'
      ) {
        wire = rest.type;
      }
      const items = isObject(rest.items) ? rest.items : {};
      const itemTypes = ([] as unknown[]).concat(items.type ?? []);
      specs.set(paramName, { name: paramName, wire, itemsNumeric: itemTypes.includes('integer') });
      properties[paramName] = schema;
    }
    const validate = this.ajv.compile({ type: 'object', properties, required });
    return {
      name,
      check: (wireParams) => {
        const params: Record<string, unknown> = {};
        const errors: string[] = [];
        const unknown: string[] = [];
        for (const [key, value] of Object.entries(wireParams)) {
          if (VK_GLOBAL_PARAMS.has(key)) continue;
          const spec = specs.get(key);
          if (!spec) {
            unknown.push(key);
            continue;
          }
          const decoded = decodeWire(spec, value);
          if (decoded.error) errors.push(`${key} ${decoded.error}`);
          else params[key] = decoded.value;
        }
        if (errors.length === 0 && !validate(params))
          errors.push(...vkStyle(describeAjvErrors(validate.errors)));
        return { params, errors, unknown };
      },
    };
  }
}

function decodeWire(spec: ParamSpec, value: unknown): { value?: unknown; error?: string } {
  if (typeof value !== 'string') return { value };
  switch (spec.wire) {
    case 'integer':
      return /^-?\d+$/.test(value) ? { value: Number(value) } : { error: 'not integer' };
    case 'number':
      return Number.isFinite(Number(value)) && value.trim() !== ''
        ? { value: Number(value) }
        : { error: 'not number' };
    case 'boolean':
      if (value === '1' || value === 'true') return { value: true };
      if (value === '0' || value === 'false') return { value: false };
      return { error: 'not boolean' };
    case 'array':
      return {
        value: value
          .split(',')
          .map((item) => item.trim())
          .map((item) => (spec.itemsNumeric && /^-?\d+$/.test(item) ? Number(item) : item)),
      };
    case 'json':
      try {
        return { value: JSON.parse(value) };
      } catch {
        return { error: 'is not a valid JSON' };
      }
    default:
      return { value };
  }
}

/** `/peer_id must be integer` → `peer_id must be integer`, the way VK names parameters in error_msg. */
function vkStyle(errors: string[]): string[] {
  return errors.map((e) => e.replace(/^\//, '').replace(/^\/ /, ''));
}

let shared: VkContract | undefined;

/** The contract loaded once per test process (the files are large and immutable). */
export function vkContract(): VkContract {
  shared ??= new VkContract();
  return shared;
}

/** The longest text one VK message carries in practice (error 914 beyond it). */
export const vkTextLimit = 4096;
