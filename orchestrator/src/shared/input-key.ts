/**
 * The one resume rule: every completion record (an outfit record, a character card, a render
 * record, a selection) carries an input key, and an item is redone exactly when its key changes.
 * The key is a SHA-256 over everything that shapes the output:
 *
 * - the package version (an upgrade may change any output),
 * - the stage and the item's identity,
 * - every option that reaches the item (all of them, not a chosen few: an option that cannot
 *   change the output costs one needless redo when changed, a forgotten one a stale output),
 * - the content hashes of the item's inputs (never names, sizes or mtimes: a `touch` redoes
 *   nothing, a re-cloned texture under the same name redoes its character).
 *
 * Objects are hashed in canonical form (keys sorted, undefined dropped), so option order and
 * spelling of absent values do not matter.
 */
import { createHash } from 'node:crypto';
import { packageInfo } from './package-info.js';

export interface InputKeyParts {
  /** The stage, e.g. `clone`. */
  stage: string;
  /** The item within the stage (outfit id, character id, scene variant). */
  item: string;
  /** Every option that reaches the item. */
  options: unknown;
  /** Content hashes of the inputs (see {@link contentHash}), by a name for what each is. */
  inputs: Record<string, string | string[]>;
  /** The package version; defaults to this package's (tests pass another to simulate upgrades). */
  version?: string;
}

/** JSON with sorted keys and no undefined members; typed arrays as plain arrays. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : canonical(v)));
  if (value instanceof Map) return canonical(Object.fromEntries(value));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined && typeof v !== 'function') out[key] = canonical(v);
  }
  return out;
}

/** Hex SHA-256 of bytes or text. */
export function contentHash(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The input key of one item (see the module doc). */
export function inputKey(parts: InputKeyParts): string {
  return contentHash(canonicalJson({ version: parts.version ?? packageInfo().version, stage: parts.stage, item: parts.item, options: parts.options, inputs: parts.inputs }));
}
