/**
 * Checks of command-line option values. Every failure is E_USAGE (exit 2) with one message
 * shape, "Expected <what> for <flag> but received <value>", for example "Expected an integer
 * from 16 to 8192 for --size-px but received 10". The checks take the parsed argv and the flag,
 * so a `.check()` callback names each flag once; absent optional values pass.
 */
import { ClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';

type ParsedArgs = Readonly<Record<string, unknown>>;

/** The E_USAGE error in the one message shape; `received` is already worded (see {@link describeValue}). */
export function usageError(expected: string, subject: string, received: string, cause?: unknown): ClonedPersonError {
  return new ClonedPersonError('E_USAGE', `Expected ${expected} for ${subject} but received ${received}`, {
    details: { subject, expected, received },
    ...(cause === undefined ? {} : { cause }),
  });
}

/** How a received value reads in a message: numbers bare, strings quoted, absence as "nothing". */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The argv key yargs gives a flag: `--size-px` -> `sizePx`. */
export function fieldOfFlag(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The flag of an argv key: `sizePx` -> `--size-px`. */
export function flagOfField(field: string): string {
  return `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function valueOf(argv: ParsedArgs, flag: string): unknown {
  return argv[fieldOfFlag(flag)];
}

function integerWording(min: number, max: number): string {
  if (max !== Infinity) return `an integer from ${min} to ${max}`;
  if (min === 1) return 'a positive integer';
  if (min === 0) return 'a non-negative integer';
  return `an integer of at least ${min}`;
}

/** An integer in `[min, max]`. */
export function checkInteger(argv: ParsedArgs, flag: string, min: number, max = Infinity): void {
  const value = valueOf(argv, flag);
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw usageError(integerWording(min, max), flag, describeValue(value));
}

export interface NumberRange {
  min: number;
  max: number;
  /** The upper end is excluded, e.g. lambda in [0, 1). */
  maxExclusive?: boolean;
}

/** A finite number in a closed (or right-open) interval. */
export function checkNumberInRange(argv: ParsedArgs, flag: string, range: NumberRange): void {
  const value = valueOf(argv, flag);
  if (value === undefined) return;
  const inside = typeof value === 'number' && Number.isFinite(value) && value >= range.min && (range.maxExclusive ? value < range.max : value <= range.max);
  if (!inside) throw usageError(`a number in [${range.min}, ${range.max}${range.maxExclusive ? ')' : ']'}`, flag, describeValue(value));
}

/** A finite number above zero. */
export function checkPositiveNumber(argv: ParsedArgs, flag: string): void {
  const value = valueOf(argv, flag);
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw usageError('a positive number', flag, describeValue(value));
}

/** One of a fixed list of words (for values yargs' own `choices` cannot check, e.g. combinations). */
export function checkChoice(argv: ParsedArgs, flag: string, choices: readonly string[], when = ''): void {
  const value = valueOf(argv, flag);
  if (value === undefined) return;
  if (typeof value !== 'string' || !choices.includes(value)) throw usageError(`one of ${choices.join(', ')}`, when ? `${flag} ${when}` : flag, describeValue(value));
}

const COUNT_WORDS = ['no', 'one', 'two', 'three', 'four'];

/**
 * A comma-separated list of `count` positive numbers (or between `count[0]` and `count[1]`),
 * e.g. `--eps 0.4,0.5`.
 */
export function parsePositiveNumberList(text: unknown, flag: string, count: number | readonly [number, number], example: string): number[] {
  const [fewest, most] = typeof count === 'number' ? [count, count] : count;
  const values = typeof text === 'string' && text.trim() !== '' ? text.split(',').map((part) => (part.trim() === '' ? NaN : Number(part))) : [];
  if (values.length >= fewest && values.length <= most && values.every((v) => Number.isFinite(v) && v > 0)) return values;
  const howMany = fewest === most ? COUNT_WORDS[fewest] : `${COUNT_WORDS[fewest]} or ${COUNT_WORDS[most]}`;
  const expected = most === 1 ? 'a positive number' : `${howMany} positive numbers like ${example}`;
  throw usageError(expected, flag, describeValue(text));
}

function listWords(words: readonly string[], conjunction: string): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}

/** Exactly one of `flags` is given (for the command `command`). */
export function checkExactlyOne(argv: ParsedArgs, flags: readonly string[], command: string): void {
  const given = flags.filter((flag) => valueOf(argv, flag) !== undefined);
  if (given.length !== 1) throw usageError(`exactly one of ${listWords(flags, 'or')}`, command, given.length === 0 ? 'none' : listWords(given, 'and'));
}

/** A string option names a file with one of `extensions` (e.g. `['.json', '.npy']`). */
export function checkExtension(argv: ParsedArgs, flag: string, extensions: readonly string[]): void {
  const value = valueOf(argv, flag);
  if (typeof value !== 'string') return;
  if (!extensions.some((ext) => value.toLowerCase().endsWith(ext))) throw usageError(`a ${listWords(extensions, 'or')} file`, flag, describeValue(value));
}

/** The parsed JSON of the file an option names (E_INPUT_MISSING when it does not exist). */
export async function readJsonOption(files: FileStore, file: string, flag: string): Promise<unknown> {
  const text = await files.readText(file);
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw usageError('a JSON file', flag, `${JSON.stringify(file)} (${(cause as Error).message.replace(/\s+/g, ' ')})`, cause);
  }
}
