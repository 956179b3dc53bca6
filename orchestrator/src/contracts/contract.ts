/**
 * The machinery every stage contract shares. A contract is a file (or a line of a JSONL file)
 * that one stage writes and others read. Each contract module declares its TypeScript type;
 * `npm run schemas` generates the JSON Schemas from those types (schemas.generated.ts and
 * orchestrator/data/schemas/), and {@link defineJsonContract} / {@link defineJsonlContract} turn
 * a schema definition into a parser and a writer:
 *
 * - parsing checks JSON syntax, the format version, the schema (types, ranges, required and
 *   unknown fields) and the contract's own cross-field rules, and throws the contract's error code
 *   with a message naming the file and the field: `selection.json: /identities/3/split: must be
 *   one of "train", "test"`;
 * - writing checks the same rules (a failure there is a bug, E_INTERNAL) and serialises
 *   canonically (two-space JSON, trailing newline; one line per record for JSONL).
 *
 * Pure: no Node APIs, so contracts compile into the Unity player's bundle too.
 */
import { validateAgainstSchema } from '../../../protocol/src/validate.js';
import type { JsonSchema } from '../../../protocol/src/json-schema.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { ErrorCode } from '../shared/errors.js';
import type { ContractTypeName } from './contract-roots.js';
import { CONTRACT_SCHEMA } from './schemas.generated.js';

/** Reports a broken rule at `field` (a JSON pointer such as `/identities/3/id`). */
export type FailFn = (field: string, message: string) => never;

export interface ContractOptions<T> {
  /** Root type in the generated schema. */
  type: ContractTypeName;
  /** The format version this code writes and the newest it reads. */
  formatVersion: number;
  /** The error code for an invalid file, e.g. E_SELECTION_INVALID. */
  errorCode: ErrorCode;
  /** Cross-field rules the schema cannot say (unique ids, matching lengths...). */
  check?: (value: T, fail: FailFn) => void;
}

function schemaOf(type: ContractTypeName): JsonSchema {
  const definition = CONTRACT_SCHEMA.definitions?.[type];
  if (!definition) throw new ClonedPersonError('E_INTERNAL', `contract schema ${type} is missing; run \`npm run schemas\``);
  return definition;
}

function failer(code: ErrorCode, where: string): FailFn {
  return (field, message) => {
    throw new ClonedPersonError(code, `${where}: ${field || '/'}: ${message}`, { details: { file: where, field: field || '/' } });
  };
}

function decode(input: string | Uint8Array): string {
  return typeof input === 'string' ? input : utf8Decode(input);
}

/** UTF-8 decoding without TextDecoder (which PuerTS's V8 backend lacks). */
export function utf8Decode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i++];
    let cp: number;
    if (b < 0x80) cp = b;
    else if (b < 0xe0) cp = ((b & 0x1f) << 6) | (bytes[i++] & 0x3f);
    else if (b < 0xf0) cp = ((b & 0x0f) << 12) | ((bytes[i++] & 0x3f) << 6) | (bytes[i++] & 0x3f);
    else cp = ((b & 0x07) << 18) | ((bytes[i++] & 0x3f) << 12) | ((bytes[i++] & 0x3f) << 6) | (bytes[i++] & 0x3f);
    out += String.fromCodePoint(cp);
  }
  return out;
}

/** Validates a parsed value; returns it typed or throws via `fail`. */
function validate<T>(value: unknown, options: ContractOptions<T>, fail: FailFn): T {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const version = (value as { formatVersion?: unknown }).formatVersion;
    if (typeof version === 'number' && Number.isInteger(version) && version > options.formatVersion) {
      fail('/formatVersion', `format ${version} was written by a newer clonedperson; this version reads format ${options.formatVersion}`);
    }
  }
  const errors = validateAgainstSchema(value, schemaOf(options.type), CONTRACT_SCHEMA);
  if (errors.length > 0) {
    const [first] = errors;
    const colon = first.indexOf(': ');
    fail(first.slice(0, colon), `${first.slice(colon + 2)}${errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : ''}`);
  }
  options.check?.(value as T, fail);
  return value as T;
}

export interface JsonContract<T> {
  readonly type: ContractTypeName;
  readonly formatVersion: number;
  readonly errorCode: ErrorCode;
  /** Parses JSON text or bytes (or an already parsed value) read from `where` (a file name). */
  parse(input: string | Uint8Array, where: string): T;
  /** Checks an already parsed value. */
  check(value: unknown, where: string): T;
  /** Canonical JSON text (two-space indent, trailing newline); throws E_INTERNAL on a broken value. */
  format(value: T): string;
}

export function defineJsonContract<T>(options: ContractOptions<T>): JsonContract<T> {
  const check = (value: unknown, where: string): T => validate(value, options, failer(options.errorCode, where));
  return {
    type: options.type,
    formatVersion: options.formatVersion,
    errorCode: options.errorCode,
    parse(input, where) {
      let value: unknown;
      try {
        value = JSON.parse(decode(input));
      } catch (cause) {
        throw new ClonedPersonError(options.errorCode, `${where}: not valid JSON (${(cause as Error).message})`, { cause, details: { file: where } });
      }
      return check(value, where);
    },
    check,
    format(value) {
      validate(value, options, failer('E_INTERNAL', `writing ${options.type}`));
      return `${JSON.stringify(value, null, 2)}\n`;
    },
  };
}

/** One line of a JSONL file that parsed, or the error of one that did not. */
export type JsonlLine<T> = { line: number; value: T; error?: undefined } | { line: number; value?: undefined; error: ClonedPersonError };

export interface JsonlContract<T> {
  readonly type: ContractTypeName;
  readonly formatVersion: number;
  readonly errorCode: ErrorCode;
  /** Parses one line (1-based `line` for messages). */
  parseLine(text: string, where: string, line: number): T;
  /**
   * Parses every non-blank line; a bad line becomes an error entry and the others still
   * parse, so a batch can go on past one broken record.
   */
  parseLines(text: string | Uint8Array, where: string): JsonlLine<T>[];
  /** One line of canonical JSON with a trailing newline. */
  formatLine(value: T): string;
}

export function defineJsonlContract<T>(options: ContractOptions<T>): JsonlContract<T> {
  const parseLine = (text: string, where: string, line: number): T => {
    const at = `${where}:${line}`;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (cause) {
      throw new ClonedPersonError(options.errorCode, `${at}: not valid JSON (${(cause as Error).message})`, { cause, details: { file: where, line } });
    }
    return validate(value, options, failer(options.errorCode, at));
  };
  return {
    type: options.type,
    formatVersion: options.formatVersion,
    errorCode: options.errorCode,
    parseLine,
    parseLines(input, where) {
      const out: JsonlLine<T>[] = [];
      decode(input)
        .split('\n')
        .forEach((raw, i) => {
          if (raw.trim() === '') return;
          try {
            out.push({ line: i + 1, value: parseLine(raw, where, i + 1) });
          } catch (error) {
            if (!(error instanceof ClonedPersonError)) throw error;
            out.push({ line: i + 1, error });
          }
        });
      return out;
    },
    formatLine(value) {
      validate(value, options, failer('E_INTERNAL', `writing ${options.type}`));
      return `${JSON.stringify(value)}\n`;
    },
  };
}
