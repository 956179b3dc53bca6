/** Output keys: hashes over the files a stage wrote, undefined when one is missing. */
import type { FileStore } from '../../shared/file-store.js';
import { canonicalJson, contentHash } from '../../shared/input-key.js';

export async function hashFiles(files: FileStore, paths: readonly string[]): Promise<string | undefined> {
  const hashes: string[] = [];
  for (const file of paths) {
    if (!(await files.exists(file))) return undefined;
    hashes.push(contentHash(await files.read(file)));
  }
  return contentHash(canonicalJson(hashes));
}
