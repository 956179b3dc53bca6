/**
 * The photos of a run: every image in the photos folder (recursive, as `cluster` lists a
 * folder), named by its path relative to the folder, which is the image id every stage of the
 * run uses. Their content hash is the run's first input key.
 */
import { readImageList } from '../clustering/image-list.js';
import type { FileStore } from '../shared/file-store.js';
import { canonicalJson, contentHash } from '../shared/input-key.js';

export interface RunPhotos {
  folder: string;
  /** Image ids, sorted. */
  ids: string[];
  /** Over the ids and the bytes of every photo. */
  sha256: string;
}

export async function readRunPhotos(folder: string, files: FileStore): Promise<RunPhotos> {
  const list = await readImageList(folder, files);
  const hashes: [string, string][] = [];
  for (const item of list.items) hashes.push([item.image, contentHash(await files.read(item.file))]);
  return { folder: list.root, ids: hashes.map(([id]) => id), sha256: contentHash(canonicalJson(hashes)) };
}
