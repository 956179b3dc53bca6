/**
 * The file system as a small interface, passed to stages like the logger, so cores and batches
 * are tested on an in-memory store and the Node store is the only place that touches `node:fs`.
 *
 * Every write is atomic (temp file + rename), so a crash never leaves a half-written output.
 * {@link FileStore.resolveInside} confines paths that arrive from configs or the wire to an
 * allowed root, following symlinks, so a link inside the root cannot lead outside it.
 */
import type { ErrorCode } from './errors.js';

export interface DirEntry {
  name: string;
  kind: 'file' | 'dir';
}

export interface FileStore {
  /** The bytes of a file; `missingCode` (default E_INPUT_MISSING) when absent, E_IO otherwise. */
  read(file: string, missingCode?: ErrorCode): Promise<Uint8Array>;
  /** UTF-8 text of a file (same errors as {@link read}). */
  readText(file: string, missingCode?: ErrorCode): Promise<string>;
  exists(file: string): Promise<boolean>;
  /** Whether the path is a folder (false when it does not exist). */
  isDirectory(file: string): Promise<boolean>;
  /** A folder's entries sorted by name; E_INPUT_MISSING when it does not exist. */
  list(dir: string): Promise<DirEntry[]>;
  /** Writes a file atomically, creating parent folders. */
  writeAtomic(file: string, data: string | Uint8Array): Promise<void>;
  /** Appends to a file (creating it), for streams of records such as annotation lines. */
  append(file: string, data: string | Uint8Array): Promise<void>;
  /** Removes a file or a folder tree; nothing happens when it does not exist. */
  remove(file: string): Promise<void>;
  /**
   * `candidate` resolved against `root`, refused (E_ARGUMENT) when it leaves the root, also
   * through symlinks. A path that does not exist yet is checked by its nearest existing parent.
   */
  resolveInside(root: string, candidate: string): Promise<string>;
}
