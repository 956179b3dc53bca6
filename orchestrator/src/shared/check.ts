/**
 * Argument checks at API boundaries, with one message shape (after sharp):
 * "Expected positive integer for width but received -1 of type number".
 */
import { ClonedPersonError } from './errors.js';

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `array of length ${value.length}`;
  return String(value);
}

/** Builds the E_ARGUMENT error for `name`, which should have been `expected`. */
export function invalidArgument(expected: string, name: string, value: unknown): ClonedPersonError {
  return new ClonedPersonError(
    'E_ARGUMENT',
    `Expected ${expected} for ${name} but received ${describe(value)} of type ${typeof value}`,
    { details: { name, expected } },
  );
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function checkPositiveInteger(value: unknown, name: string): number {
  if (!Number.isInteger(value) || (value as number) <= 0) throw invalidArgument('positive integer', name, value);
  return value as number;
}

export function checkNonNegativeInteger(value: unknown, name: string): number {
  if (!Number.isInteger(value) || (value as number) < 0) throw invalidArgument('non-negative integer', name, value);
  return value as number;
}

export function checkFiniteNumber(value: unknown, name: string): number {
  if (!isFiniteNumber(value)) throw invalidArgument('finite number', name, value);
  return value;
}

/** Checks `min <= value <= max`. */
export function checkNumberInRange(value: unknown, name: string, min: number, max: number): number {
  if (!isFiniteNumber(value) || value < min || value > max) {
    throw invalidArgument(`number between ${min} and ${max}`, name, value);
  }
  return value;
}
