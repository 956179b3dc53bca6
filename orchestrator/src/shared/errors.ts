/**
 * The one error class of the project. Every error a user can cause carries a stable string
 * `code` from {@link ERROR_CODES}; the CLI alone maps codes to exit codes and prints
 * `code: message`. Add new codes to the table (never rename one: scripts match on them). The
 * player protocol's codes come from its own table. Pure: compiles into the player bundles too.
 */
import { PROTOCOL_ERROR_CODES } from '../../../protocol/src/error-codes.js';
import type { ProtocolErrorCode } from '../../../protocol/src/error-codes.js';

/** What kind of failure a code is; the CLI derives the exit code from it. */
export type ErrorCategory = 'usage' | 'input' | 'io' | 'partial' | 'internal';

/** Exit codes per category (documented in the README). */
export const EXIT_CODES: Readonly<Record<ErrorCategory, number>> = {
  partial: 1,
  usage: 2,
  input: 3,
  io: 4,
  internal: 70,
};

/** The orchestrator's own codes: category and a one-line meaning. */
const OWN_ERROR_CODES = {
  E_USAGE: { category: 'usage', meaning: 'the command line is malformed or incomplete' },
  E_ARGUMENT: { category: 'usage', meaning: 'a function or option received a value out of its domain' },
  E_IO: { category: 'io', meaning: 'a file could not be read or written' },
  E_INPUT_MISSING: { category: 'input', meaning: 'an input file or folder named on the command line, in a config or in another input does not exist' },
  E_IMAGE_MISSING: { category: 'input', meaning: 'an input image does not exist' },
  E_IMAGE_DECODE: { category: 'input', meaning: 'an input image could not be decoded' },
  E_GARMENTS_INVALID: { category: 'input', meaning: 'the garment list (JSONL/CSV) is malformed' },
  E_UNKNOWN_CATEGORY: { category: 'input', meaning: 'a garment category is not a DeepFashion2 category' },
  E_BAD_LANDMARKS: { category: 'input', meaning: 'garment landmarks are malformed or of the wrong count' },
  E_LANDMARKS_OUTSIDE: { category: 'input', meaning: 'garment landmarks lie outside the image' },
  E_DEGENERATE_HOMOGRAPHY: { category: 'input', meaning: 'points do not determine a homography (too few or collinear)' },
  E_CATALOG_INVALID: { category: 'input', meaning: 'a garment catalog file is malformed' },
  E_TEMPLATE_GROUPS: { category: 'input', meaning: 'a garment template has mismatched or out-of-range index groups' },
  E_NO_CLOTH_CELL: { category: 'input', meaning: 'the garment region is too small to hold a cloth cell' },
  E_NO_TEMPLATE: { category: 'input', meaning: 'no usable garment template fits the outfit' },
  E_MODEL: { category: 'input', meaning: 'an ONNX model could not be loaded or does not fit its description' },
  E_MODEL_DESCRIPTION: { category: 'input', meaning: 'a model registry entry (JSON description) is malformed or missing' },
  E_FEATURES_INVALID: { category: 'input', meaning: 'features are malformed: NaN/Inf or zero rows, wrong shape, or N/D mismatch' },
  E_NPY_INVALID: { category: 'input', meaning: 'a .npy file is malformed or of an unsupported dtype/shape' },
  E_IMAGE_LIST_INVALID: { category: 'input', meaning: 'an image list (folder or detections JSONL) is malformed or empty' },
  E_ASSET_MISSING: { category: 'input', meaning: 'a MakeHuman asset (mesh, target, rig, proxy, material, texture) is not found in the data roots' },
  E_ASSET_INVALID: { category: 'input', meaning: 'a MakeHuman asset is malformed (bad syntax, wrong vertex count, index out of range)' },
  E_UNKNOWN_ASSET: { category: 'input', meaning: 'an asset UUID or name does not resolve to any asset in the data roots' },
  E_CHECKSUM: { category: 'input', meaning: 'a fetched or present asset file does not match its pinned sha256' },
  E_SELECTION_INVALID: { category: 'input', meaning: 'a selection.json (identities to turn into characters) is malformed' },
  E_OUTFIT_INVALID: { category: 'input', meaning: 'an outfit record (outfits/<outfit>.json of the clone stage) is malformed' },
  E_RENDER_INVALID: { category: 'input', meaning: 'a render record (render.json) or annotation line is malformed' },
  E_DETECTIONS_INVALID: { category: 'input', meaning: 'a detections.jsonl line is malformed' },
  E_DATASET_INVALID: { category: 'input', meaning: 'a dataset.json or a dataset folder is malformed, or a folder is in no supported dataset layout' },
  E_EVAL_INVALID: { category: 'input', meaning: 'evaluation inputs do not fit together (features vs lists, no query with a true match)' },
  E_CONFIG_INVALID: { category: 'input', meaning: 'a run config (run.yaml) is malformed, names an unknown option or has a value out of range' },
  E_MANIFEST_INVALID: { category: 'input', meaning: 'a run manifest (manifest.json) is malformed' },
  E_ANNOTATIONS_INVALID: { category: 'input', meaning: 'an annotation file given to detect (DeepFashion2 JSON, COCO person keypoints, the authors\' CSV) is malformed' },
  E_OUTFIT_MISSING: { category: 'input', meaning: 'the clone output has no finished outfit record for an identity' },
  E_SCENE_INVALID: { category: 'input', meaning: 'a scene spec (JSON/YAML) is malformed or out of range, or names no bundled scene' },
  E_MOTION_INVALID: { category: 'input', meaning: 'a motion capture clip (BVH) is malformed or cannot make a walk cycle' },
  E_CHARACTER_INVALID: { category: 'input', meaning: 'a character .glb cannot be used (no skinned mesh, bad skin, unreadable texture)' },
  E_NO_CHARACTERS: { category: 'input', meaning: 'the characters folder holds no character .glb files' },
  E_PLAYER_UNKNOWN: { category: 'usage', meaning: 'no rendering player is registered under that name' },
  E_PLAYER_START: { category: 'io', meaning: 'a player process could not be started or did not connect in time' },
  E_PLAYER_CRASHED: { category: 'io', meaning: 'a player process died or stalled more often than the restart budget allows' },
  E_ITEMS_FAILED: { category: 'partial', meaning: 'a batch finished but some items failed' },
  E_INTERNAL: { category: 'internal', meaning: 'an unexpected internal failure (a bug)' },
} as const satisfies Record<string, { category: ErrorCategory; meaning: string }>;

/** A player that cannot load an asset was given bad input; every other protocol failure is I/O. */
function protocolCategory(code: ProtocolErrorCode): ErrorCategory {
  return code === 'E_PLAYER_ASSET' ? 'input' : 'io';
}

/** The protocol's codes, with the meanings of its table (protocol/src/error-codes.ts). */
const PROTOCOL_CODES = Object.fromEntries(
  (Object.keys(PROTOCOL_ERROR_CODES) as ProtocolErrorCode[]).map((code) => [code, { category: protocolCategory(code), meaning: PROTOCOL_ERROR_CODES[code].meaning }]),
) as Record<ProtocolErrorCode, { category: ErrorCategory; meaning: string }>;

export type ErrorCode = keyof typeof OWN_ERROR_CODES | ProtocolErrorCode;

/** The table of error codes: category and a one-line meaning. */
export const ERROR_CODES: Readonly<Record<ErrorCode, { category: ErrorCategory; meaning: string }>> = { ...OWN_ERROR_CODES, ...PROTOCOL_CODES };

export interface ErrorOptions {
  /** Structured context (file, line, item id, values) for logs and JSON summaries. */
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class ClonedPersonError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ClonedPersonError';
    this.code = code;
    this.details = options.details ?? {};
  }

  /** A plain object for JSON reports. */
  toJSON(): { code: ErrorCode; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function isClonedPersonError(value: unknown): value is ClonedPersonError {
  return value instanceof ClonedPersonError;
}

/** Wraps anything thrown into a ClonedPersonError, keeping the original as `cause`. */
export function toClonedPersonError(value: unknown, fallback: ErrorCode = 'E_INTERNAL'): ClonedPersonError {
  if (isClonedPersonError(value)) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new ClonedPersonError(fallback, message, { cause: value });
}

/** The process exit code for an error (0 is never returned). */
export function exitCodeFor(error: unknown): number {
  const code = isClonedPersonError(error) ? error.code : 'E_INTERNAL';
  return EXIT_CODES[ERROR_CODES[code].category];
}
