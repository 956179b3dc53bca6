/**
 * Errors about MakeHuman assets, with one message shape that names the file and, where it
 * applies, the 1-based line: `characters: <file>:<line>: <problem>`.
 */
import { ClonedPersonError } from '../shared/errors.js';

/** E_ASSET_INVALID for a malformed asset; `line` is 1-based (omit for whole-file problems). */
export function invalidAsset(file: string, message: string, line?: number): ClonedPersonError {
  const where = line === undefined ? file : `${file}:${line}`;
  return new ClonedPersonError('E_ASSET_INVALID', `characters: ${where}: ${message}`, {
    details: line === undefined ? { file } : { file, line },
  });
}

/** E_ASSET_MISSING for an asset that none of the data roots holds. */
export function missingAsset(what: string, searched: readonly string[]): ClonedPersonError {
  return new ClonedPersonError(
    'E_ASSET_MISSING',
    `characters: ${what} not found in the MakeHuman data roots (${searched.length === 0 ? 'none configured' : searched.join(', ')}); run \`clonedperson assets fetch\` or give the system data folder (mhSysData)`,
    { details: { asset: what, searched: [...searched], options: ['mhSysData'] } },
  );
}

/** E_UNKNOWN_ASSET for a UUID or name that resolves to nothing. */
export function unknownAsset(kind: string, reference: string, where?: string): ClonedPersonError {
  return new ClonedPersonError(
    'E_UNKNOWN_ASSET',
    `characters: ${where ? `${where}: ` : ''}no ${kind} with UUID or name ${JSON.stringify(reference)} in the data roots`,
    { details: { kind, reference, ...(where ? { file: where } : {}) } },
  );
}
