/**
 * A {@link FileStore} in memory, for tests and for library users who keep everything in RAM.
 * Paths are normalised POSIX-style absolute paths; folders exist implicitly where files are.
 * It counts writes per file so tests can assert what a run redid.
 */
import path from 'node:path';
import { ClonedPersonError } from './errors.js';
import type { DirEntry, FileStore } from './file-store.js';

export interface MemoryFileStore extends FileStore {
  /** Current files by absolute path. */
  readonly files: Map<string, Uint8Array>;
  /** Writes (atomic writes and appends) per absolute path since creation or {@link resetWrites}. */
  readonly writes: Map<string, number>;
  resetWrites(): void;
}

const encoder = new TextEncoder();

/** Runs a synchronous body as a promise (errors become rejections). */
function settle<T>(body: () => Promise<T> | T): Promise<T> {
  try {
    return Promise.resolve(body());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
const decoder = new TextDecoder();

export function createMemoryFileStore(initial: Record<string, string | Uint8Array> = {}): MemoryFileStore {
  const norm = (file: string): string => path.posix.resolve('/', file.split(path.sep).join('/'));
  const files = new Map<string, Uint8Array>();
  const writes = new Map<string, number>();
  const bytes = (data: string | Uint8Array): Uint8Array => (typeof data === 'string' ? encoder.encode(data) : data.slice());
  for (const [file, data] of Object.entries(initial)) files.set(norm(file), bytes(data));
  const isDir = (dir: string): boolean => {
    const prefix = dir === '/' ? '/' : `${dir}/`;
    for (const file of files.keys()) if (file.startsWith(prefix)) return true;
    return false;
  };
  const missing = (file: string, code: Parameters<FileStore['read']>[1] = 'E_INPUT_MISSING'): never => {
    throw new ClonedPersonError(code, `no such file or folder: ${file}`, { details: { file } });
  };
  const count = (file: string): void => {
    writes.set(file, (writes.get(file) ?? 0) + 1);
  };
  const store: MemoryFileStore = {
    files,
    writes,
    resetWrites: () => writes.clear(),
    read(file, missingCode) {
      return settle(() => {
        const data = files.get(norm(file));
        return data ? data.slice() : missing(file, missingCode);
      });
    },
    async readText(file, missingCode) {
      return decoder.decode(await store.read(file, missingCode));
    },
    exists(file) {
      return settle(() => {
        const f = norm(file);
        return files.has(f) || isDir(f);
      });
    },
    isDirectory(file) {
      return settle(() => {
        return isDir(norm(file));
      });
    },
    list(dir) {
      return settle(() => {
        const d = norm(dir);
        if (!isDir(d)) return missing(dir);
        const prefix = d === '/' ? '/' : `${d}/`;
        const entries = new Map<string, DirEntry['kind']>();
        for (const file of files.keys()) {
          if (!file.startsWith(prefix)) continue;
          const [name, ...rest] = file.slice(prefix.length).split('/');
          entries.set(name, rest.length > 0 ? 'dir' : 'file');
        }
        return [...entries].map(([name, kind]) => ({ name, kind })).sort((a, b) => (a.name < b.name ? -1 : 1));
      });
    },
    writeAtomic(file, data) {
      return settle(() => {
        const f = norm(file);
        files.set(f, bytes(data));
        count(f);
      });
    },
    append(file, data) {
      return settle(() => {
        const f = norm(file);
        const old = files.get(f) ?? new Uint8Array(0);
        const add = bytes(data);
        const joined = new Uint8Array(old.length + add.length);
        joined.set(old);
        joined.set(add, old.length);
        files.set(f, joined);
        count(f);
      });
    },
    remove(file) {
      return settle(() => {
        const f = norm(file);
        files.delete(f);
        for (const key of [...files.keys()]) if (key.startsWith(`${f}/`)) files.delete(key);
      });
    },
    resolveInside(root, candidate) {
      return settle(() => {
        const base = norm(root);
        const resolved = path.posix.resolve(base, candidate.split(path.sep).join('/'));
        const relative = path.posix.relative(base, resolved);
        if (relative === '..' || relative.startsWith('../') || path.posix.isAbsolute(relative)) {
          throw new ClonedPersonError('E_ARGUMENT', `path ${JSON.stringify(candidate)} escapes its allowed root ${base}`, { details: { root: base, candidate } });
        }
        return resolved;
      });
    },
  };
  return store;
}
