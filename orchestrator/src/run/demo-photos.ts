/**
 * The demo photos: 16 front-facing full-body photos of the Clothing Co-Parsing dataset, pinned by
 * sha256 in orchestrator/data/demo/photos.json (repository bearpaw/clothing-co-parsing at a fixed
 * commit, Apache License 2.0), fetched like the MakeHuman assets (assets/asset-fetch.ts):
 * upstream, or `from` a folder or http(s) mirror laid out like ../shared/assets (`ccp/photos/`).
 * They land in `<demo>/photos/`, which then holds exactly the listed photos.
 */
import path from 'node:path';
import { fetchAssets, loadPinnedAssets } from '../assets/asset-fetch.js';
import type { FetchSummary, PinnedAsset } from '../assets/asset-fetch.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import type { Logger } from '../shared/logger.js';
import { packageInfo } from '../shared/package-info.js';
import type { ProgressCallback } from '../shared/progress.js';

/** The demo folder's photos subfolder. */
export const DEMO_PHOTOS_FOLDER = 'photos';

export function demoPhotosFile(): string {
  return path.join(packageInfo().root, 'orchestrator', 'data', 'demo', 'photos.json');
}

export function demoConfigFile(): string {
  return path.join(packageInfo().root, 'orchestrator', 'data', 'demo', 'demo.yaml');
}

export interface FetchDemoPhotosOptions {
  /** The demo folder. */
  to: string;
  from?: string;
  /** Only the first N photos of the list (tests). */
  count?: number;
  fetchImpl?: typeof fetch;
  files: FileStore;
  logger: Logger;
  onProgress?: ProgressCallback;
}

/** Fetches (or confirms) the demo photos; throws the first failure's code when any file fails. */
export async function fetchDemoPhotos(options: FetchDemoPhotosOptions): Promise<{ folder: string; photos: PinnedAsset[]; summary: FetchSummary }> {
  const all = await loadPinnedAssets(demoPhotosFile(), options.files);
  const photos = options.count === undefined ? all : all.slice(0, options.count);
  const summary = await fetchAssets({
    to: options.to,
    ...(options.from ? { from: options.from } : {}),
    assets: photos,
    ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}),
    files: options.files,
    logger: options.logger,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  if (summary.failed.length > 0) {
    const [first] = summary.failed;
    throw new ClonedPersonError(first.code === 'E_CHECKSUM' ? 'E_CHECKSUM' : 'E_ASSET_MISSING', `demo: ${summary.failed.length} demo photo(s) could not be fetched; first ${first.path}: ${first.message}`, { details: { failed: summary.failed } });
  }
  const folder = path.join(options.to, DEMO_PHOTOS_FOLDER);
  const wanted = new Set(photos.map((p) => path.posix.basename(p.destination ?? p.path)));
  for (const entry of await options.files.list(folder)) if (!wanted.has(entry.name)) await options.files.remove(path.join(folder, entry.name));
  return { folder, photos, summary };
}
