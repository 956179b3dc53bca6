/** The {@link FileStore} on the local file system (node:fs). */
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ClonedPersonError } from './errors.js';
import type { ErrorCode } from './errors.js';
import type { DirEntry, FileStore } from './file-store.js';

function ioError(cause: unknown, verb: string, file: string, missingCode: ErrorCode): ClonedPersonError {
  const notFound = (cause as NodeJS.ErrnoException).code === 'ENOENT';
  return new ClonedPersonError(notFound ? missingCode : 'E_IO', notFound ? `no such file or folder: ${file}` : `cannot ${verb} ${file}: ${(cause as Error).message}`, {
    cause,
    details: { file },
  });
}

/** The nearest existing ancestor of `file` (itself if it exists), with symlinks resolved, plus the rest. */
async function realpathOfNearest(file: string): Promise<string> {
  const rest: string[] = [];
  let current = file;
  for (;;) {
    try {
      return path.join(await realpath(current), ...rest.reverse());
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw cause;
      const parent = path.dirname(current);
      if (parent === current) return file;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

function escapes(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

let tempCounter = 0;

export const nodeFileStore: FileStore = {
  async read(file, missingCode = 'E_INPUT_MISSING') {
    try {
      const buffer = await readFile(file);
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (cause) {
      throw ioError(cause, 'read', file, missingCode);
    }
  },
  async readText(file, missingCode = 'E_INPUT_MISSING') {
    try {
      return await readFile(file, 'utf8');
    } catch (cause) {
      throw ioError(cause, 'read', file, missingCode);
    }
  },
  async exists(file) {
    try {
      await stat(file);
      return true;
    } catch {
      return false;
    }
  },
  async isDirectory(file) {
    try {
      return (await stat(file)).isDirectory();
    } catch {
      return false;
    }
  },
  async list(dir) {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (cause) {
      throw ioError(cause, 'list', dir, 'E_INPUT_MISSING');
    }
    const out: DirEntry[] = [];
    for (const entry of entries) {
      // follow symlinks for the kind, as reading through them would
      const isDir = entry.isDirectory() || (entry.isSymbolicLink() && (await nodeFileStore.isDirectory(path.join(dir, entry.name))));
      if (isDir || entry.isFile() || entry.isSymbolicLink()) out.push({ name: entry.name, kind: isDir ? 'dir' : 'file' });
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  },
  async writeAtomic(file, data) {
    const temp = `${file}.tmp-${randomBytes(4).toString('hex')}-${tempCounter++}`;
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(temp, data);
      await rename(temp, file);
    } catch (cause) {
      await rm(temp, { force: true });
      throw new ClonedPersonError('E_IO', `could not write ${file}: ${(cause as Error).message}`, { cause, details: { file } });
    }
  },
  async append(file, data) {
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await appendFile(file, data);
    } catch (cause) {
      throw new ClonedPersonError('E_IO', `could not append to ${file}: ${(cause as Error).message}`, { cause, details: { file } });
    }
  },
  async remove(file) {
    try {
      await rm(file, { recursive: true, force: true });
    } catch (cause) {
      throw new ClonedPersonError('E_IO', `could not remove ${file}: ${(cause as Error).message}`, { cause, details: { file } });
    }
  },
  async resolveInside(root, candidate) {
    const base = path.resolve(root);
    const resolved = path.resolve(base, candidate);
    const refuse = (): never => {
      throw new ClonedPersonError('E_ARGUMENT', `path ${JSON.stringify(candidate)} escapes its allowed root ${base}`, { details: { root: base, candidate } });
    };
    if (escapes(base, resolved)) refuse();
    const [realBase, realResolved] = await Promise.all([realpathOfNearest(base), realpathOfNearest(resolved)]);
    if (escapes(realBase, realResolved)) refuse();
    return resolved;
  },
};
