/**
 * Runtime validation of protocol messages against the generated schema, in pure TypeScript (no
 * schema library), so both the orchestrator and the PuerTS player use the same code. The
 * interpreter covers the draft-07 subset the generator emits (see json-schema.ts); the test
 * suite cross-checks it against ajv.
 */
import type { ProtocolErrorCode } from './error-codes.js';
import type { JsonSchema } from './json-schema.js';
import type { MessageType, ProtocolMessage } from './messages.js';
import { PROTOCOL_SCHEMA } from './schema.generated.js';

export type Direction = 'toPlayer' | 'toOrchestrator';

/** Metadata of one message type, read from the schema (its `@direction` and `@since` tags). */
export interface MessageInfo {
  type: MessageType;
  /** The schema definition name, e.g. `StepMessage`. */
  definition: string;
  direction: Direction | 'both';
  since: string;
  description: string;
}

export type ValidationResult =
  | { ok: true; message: ProtocolMessage }
  | { ok: false; code: ProtocolErrorCode; errors: string[] };

/** The default cap on text messages (characters ~ bytes for the ASCII-only protocol JSON). */
export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

function buildMessageTable(schema: JsonSchema): Map<string, MessageInfo> {
  const table = new Map<string, MessageInfo>();
  const definitions = schema.definitions ?? {};
  for (const entry of definitions.ProtocolMessage?.anyOf ?? []) {
    const name = (entry.$ref ?? '').replace('#/definitions/', '');
    const definition = definitions[name];
    const type = definition?.properties?.type?.const;
    if (typeof type !== 'string') continue;
    table.set(type, {
      type: type as MessageType,
      definition: name,
      direction: (definition.direction ?? 'both') as MessageInfo['direction'],
      since: definition.since ?? '',
      description: definition.description ?? '',
    });
  }
  return table;
}

/** Every message type with its direction and `@since` version. */
export const MESSAGE_TABLE: ReadonlyMap<string, MessageInfo> = buildMessageTable(PROTOCOL_SCHEMA);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  if (type === 'number') return actual === 'number' || actual === 'integer';
  return actual === type;
}

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema;
  for (let depth = 0; current.$ref !== undefined && depth < 32; depth++) {
    const name = current.$ref.replace('#/definitions/', '');
    const target = root.definitions?.[name];
    if (!target) throw new Error(`schema reference ${current.$ref} does not resolve`);
    current = target;
  }
  return current;
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Validates `value` against `schema` (with `$ref`s into `root.definitions`), appending
 * messages like `/persons/0/speedMps: must be >= 0` to `errors`. Stops after 20 errors.
 */
export function validateAgainstSchema(value: unknown, schema: JsonSchema, root: JsonSchema, at = '', errors: string[] = []): string[] {
  if (errors.length >= 20) return errors;
  const s = resolve(schema, root);
  const where = at || '/';
  if (s.anyOf) {
    const branchErrors: string[][] = [];
    for (const branch of s.anyOf) {
      const e = validateAgainstSchema(value, branch, root, at, []);
      if (e.length === 0) return errors;
      branchErrors.push(e);
    }
    // Report the branch that got furthest (fewest errors) to keep messages readable.
    branchErrors.sort((a, b) => a.length - b.length);
    errors.push(...(branchErrors[0] ?? [`${where}: matches no alternative`]));
    return errors;
  }
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((t) => matchesType(value, t))) {
      errors.push(`${where}: must be ${types.join(' or ')} but is ${typeOf(value)}`);
      return errors;
    }
  }
  if (s.const !== undefined && !equal(value, s.const)) errors.push(`${where}: must be ${JSON.stringify(s.const)}`);
  if (s.enum && !s.enum.some((e) => equal(e, value))) {
    errors.push(`${where}: must be one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) errors.push(`${where}: must be finite`);
    if (s.minimum !== undefined && value < s.minimum) errors.push(`${where}: must be >= ${s.minimum}`);
    if (s.maximum !== undefined && value > s.maximum) errors.push(`${where}: must be <= ${s.maximum}`);
    if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum) errors.push(`${where}: must be > ${s.exclusiveMinimum}`);
    if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum) errors.push(`${where}: must be < ${s.exclusiveMaximum}`);
  }
  if (typeof value === 'string') {
    if (s.minLength !== undefined && value.length < s.minLength) errors.push(`${where}: must have at least ${s.minLength} characters`);
    if (s.maxLength !== undefined && value.length > s.maxLength) errors.push(`${where}: must have at most ${s.maxLength} characters`);
    if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(value)) errors.push(`${where}: must match ${s.pattern}`);
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) errors.push(`${where}: must have at least ${s.minItems} items`);
    if (s.maxItems !== undefined && value.length > s.maxItems) errors.push(`${where}: must have at most ${s.maxItems} items`);
    if (Array.isArray(s.items)) {
      s.items.forEach((item, i) => {
        if (i < value.length) validateAgainstSchema(value[i], item, root, `${at}/${i}`, errors);
      });
    } else if (s.items) {
      for (let i = 0; i < value.length && errors.length < 20; i++) validateAgainstSchema(value[i], s.items, root, `${at}/${i}`, errors);
    }
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of s.required ?? []) {
      if (!Object.prototype.hasOwnProperty.call(object, key)) errors.push(`${where}: missing property ${JSON.stringify(key)}`);
    }
    for (const [key, child] of Object.entries(object)) {
      const property = s.properties?.[key];
      if (property) validateAgainstSchema(child, property, root, `${at}/${key}`, errors);
      else if (s.additionalProperties === false) errors.push(`${where}: unexpected property ${JSON.stringify(key)}`);
      else if (typeof s.additionalProperties === 'object') validateAgainstSchema(child, s.additionalProperties, root, `${at}/${key}`, errors);
    }
  }
  return errors;
}

export interface ValidateMessageOptions {
  /** The direction the message travelled; messages for the other side are refused. */
  direction?: Direction;
  /** Size cap for text input (default {@link DEFAULT_MAX_MESSAGE_BYTES}). */
  maxBytes?: number;
}

/**
 * Parses (when given text) and validates one message: size, JSON syntax, known `type`, the
 * schema of that type, then the direction. Returns the typed message or a protocol error code
 * with readable errors.
 */
export function validateMessage(input: unknown, options: ValidateMessageOptions = {}): ValidationResult {
  let value: unknown = input;
  if (typeof input === 'string') {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    if (input.length > maxBytes) {
      return { ok: false, code: 'E_PROTOCOL_TOO_LARGE', errors: [`message of ${input.length} bytes exceeds the limit of ${maxBytes}`] };
    }
    try {
      value = JSON.parse(input);
    } catch (cause) {
      return { ok: false, code: 'E_PROTOCOL_MALFORMED', errors: [`not JSON: ${(cause as Error).message}`] };
    }
  }
  if (typeOf(value) !== 'object') return { ok: false, code: 'E_PROTOCOL_MALFORMED', errors: ['/: a message must be a JSON object'] };
  const type = (value as { type?: unknown }).type;
  const info = typeof type === 'string' ? MESSAGE_TABLE.get(type) : undefined;
  if (!info) return { ok: false, code: 'E_PROTOCOL_MALFORMED', errors: [`/type: unknown message type ${JSON.stringify(type)}`] };
  // Schema first, so a broken message is MALFORMED on either side; a valid one sent the wrong way is OUT_OF_ORDER.
  const definitions = PROTOCOL_SCHEMA.definitions ?? {};
  const errors = validateAgainstSchema(value, definitions[info.definition], PROTOCOL_SCHEMA);
  if (errors.length > 0) return { ok: false, code: 'E_PROTOCOL_MALFORMED', errors };
  if (options.direction && info.direction !== 'both' && info.direction !== options.direction) {
    return { ok: false, code: 'E_PROTOCOL_OUT_OF_ORDER', errors: [`${info.type} travels ${info.direction}, not ${options.direction}`] };
  }
  return { ok: true, message: value as ProtocolMessage };
}
