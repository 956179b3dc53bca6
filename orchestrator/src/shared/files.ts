/**
 * File-system edge helpers: atomic writes (temp file + rename, so a crash never leaves a
 * half-written output), content hashes, and confinement of paths to allowed roots.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ClonedPersonError } from './errors.js';

/** Writes `data` to `file` atomically, creating parent folders. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (cause) {
    await rm(temp, { force: true });
    throw new ClonedPersonError('E_IO', `could not write ${file}: ${(cause as Error).message}`, {
      cause,
      details: { file },
    });
  }
}

/** Writes pretty JSON (two-space indent, trailing newline) atomically. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Reads a file or throws E_IO naming it (`missingCode` when it does not exist). */
export async function readFileOrThrow(
  file: string,
  missingCode: ConstructorParameters<typeof ClonedPersonError>[0] = 'E_IO',
): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (cause) {
    const notFound = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ClonedPersonError(notFound ? missingCode : 'E_IO', `${notFound ? 'no such file' : 'cannot read'}: ${file}`, {
      cause,
      details: { file },
    });
  }
}

export async function pathExists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** Hex SHA-256 of bytes or text. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Resolves `candidate` against `root` and refuses anything that escapes it (`..`, absolute
 * paths elsewhere, sneaky separators). Paths from configs or the wire go through here.
 */
export function resolveInside(root: string, candidate: string): string {
  const base = path.resolve(root);
  const resolved = path.resolve(base, candidate);
  const relative = path.relative(base, resolved);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new ClonedPersonError('E_ARGUMENT', `path ${JSON.stringify(candidate)} escapes its allowed root ${base}`, {
      details: { root: base, candidate },
    });
  }
  return resolved;
}
