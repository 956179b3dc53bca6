/**
 * The CLI resolves every path it is given against the working folder, and checks that inputs
 * exist before a core runs, so a missing input is E_INPUT_MISSING (exit 3) naming the flag in
 * every command, whatever the core would have said.
 */
import path from 'node:path';
import { ClonedPersonError } from '../shared/errors.js';
import type { CliContext } from './cli-context.js';
import { describeValue, usageError } from './option-checks.js';

/** A path given on the command line, resolved against the working folder. */
export function resolvePath(context: Pick<CliContext, 'cwd'>, value: string): string {
  return path.resolve(context.cwd, value);
}

/** An input file or folder, resolved; E_INPUT_MISSING naming `flag` when it does not exist. */
export async function inputPath(context: Pick<CliContext, 'cwd' | 'files'>, flag: string, value: string): Promise<string> {
  const resolved = resolvePath(context, value);
  if (!(await context.files.exists(resolved))) {
    throw new ClonedPersonError('E_INPUT_MISSING', `no such file or folder: ${resolved} (${flag})`, { details: { file: resolved, flag } });
  }
  return resolved;
}

/** {@link inputPath} for an optional flag. */
export async function optionalInputPath(context: Pick<CliContext, 'cwd' | 'files'>, flag: string, value: string | undefined): Promise<string | undefined> {
  return value === undefined ? undefined : inputPath(context, flag, value);
}

/** An http(s) URL (kept as is) or a folder (resolved; E_INPUT_MISSING naming `flag` when absent): a mirror to fetch from. */
export async function mirrorPath(context: Pick<CliContext, 'cwd' | 'files'>, flag: string, value: string): Promise<string> {
  if (/^https?:\/\//i.test(value)) return value;
  // another scheme would be read as a relative folder name
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) throw usageError('a folder or an http(s) URL', flag, describeValue(value));
  return inputPath(context, flag, value);
}
