/**
 * Feature extraction for the clustering: a feature extractor (features/feature-extractor.ts)
 * over an image list, with the per-image cache. Images that cannot be read,
 * decoded or cropped are reported as failed items and left out; model failures stop the run.
 */
import { ClonedPersonError, isClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import { contentHash } from '../shared/input-key.js';
import type { Logger } from '../shared/logger.js';
import { silentLogger } from '../shared/logger.js';
import { nodeFileStore } from '../shared/node-file-store.js';
import type { ProgressCallback } from '../shared/progress.js';
import { decodeImage } from '../imaging/image-io.js';
import { convertChannels, cropToBox } from '../imaging/raw-image.js';
import type { RawImage } from '../imaging/raw-image.js';
import type { FeatureExtractor } from '../features/feature-extractor.js';
import type { FeatureMatrix } from '../features/feature-matrix.js';
import { FeatureCache } from './feature-cache.js';
import type { ImageItem } from './image-list.js';

export interface FailedItem {
  /** Index into the image list. */
  index: number;
  image: string;
  code: string;
  message: string;
}

export interface ExtractedFeatures {
  /** Features of the kept items, in list order. */
  features: FeatureMatrix;
  /** Indices (into the image list) of the rows of `features`. */
  kept: number[];
  failed: FailedItem[];
  cacheHits: number;
}

export interface ExtractOptions {
  /** Cache folder; no caching when undefined. */
  cacheDir?: string;
  files?: FileStore;
  logger?: Logger;
  onProgress?: ProgressCallback;
}

/** Extracts (or reads from cache) the features of every item. */
export async function extractFeatures(items: readonly ImageItem[], extractor: FeatureExtractor, options: ExtractOptions = {}): Promise<ExtractedFeatures> {
  const logger = options.logger ?? silentLogger;
  const files = options.files ?? nodeFileStore;
  const cache = options.cacheDir ? await FeatureCache.open(options.cacheDir, extractor.fingerprint, extractor.dim, { files, logger }) : undefined;
  const rows: (Float32Array | undefined)[] = new Array<Float32Array | undefined>(items.length);
  const failed: FailedItem[] = [];
  let cacheHits = 0;
  const fail = (index: number, error: unknown): void => {
    const code = isClonedPersonError(error) ? error.code : 'E_INTERNAL';
    failed.push({ index, image: items[index].image, code, message: (error as Error).message });
    logger.warn(`cluster: skipped ${items[index].image} (${code}: ${(error as Error).message})`);
  };
  for (let start = 0; start < items.length; start += extractor.batchSize) {
    const batch = Array.from({ length: Math.min(extractor.batchSize, items.length - start) }, (_, k) => start + k);
    const todo: { index: number; key: string; image: RawImage }[] = [];
    await Promise.all(
      batch.map(async (index) => {
        const item = items[index];
        try {
          const bytes = await files.read(item.file, 'E_IMAGE_MISSING');
          const key = contentHash(`${extractor.fingerprint}\n${contentHash(bytes)}\n${item.box ? item.box.join(',') : ''}`);
          const cached = cache?.get(key);
          if (cached) {
            rows[index] = cached;
            cacheHits++;
            return;
          }
          const decoded = convertChannels(await decodeImage(bytes, item.file), 3);
          const crop = item.box ? cropToBox(decoded, item.box) : decoded;
          if (!crop) {
            throw new ClonedPersonError('E_IMAGE_LIST_INVALID', `box [${item.box!.join(', ')}] lies outside the ${decoded.width}x${decoded.height} image`);
          }
          todo.push({ index, key, image: crop });
        } catch (error) {
          if (!isClonedPersonError(error) || error.code === 'E_INTERNAL') throw error;
          fail(index, error);
        }
      }),
    );
    if (todo.length > 0) {
      todo.sort((a, b) => a.index - b.index);
      const vectors = await extractor.extract(todo.map((t) => t.image));
      for (let t = 0; t < todo.length; t++) {
        const vector = vectors[t];
        let norm = 0;
        let finite = vector.length === extractor.dim;
        for (const v of vector) {
          if (!Number.isFinite(v)) finite = false;
          norm += v * v;
        }
        if (!finite || (extractor.metric === 'cosine' && norm === 0)) {
          fail(todo[t].index, new ClonedPersonError('E_FEATURES_INVALID', finite ? 'the feature vector is all zeros' : 'the feature vector holds NaN/Inf or has the wrong length'));
          continue;
        }
        rows[todo[t].index] = vector;
        await cache?.put(todo[t].key, vector);
      }
    }
    options.onProgress?.(Math.min(items.length, start + batch.length), items.length, 'features');
  }
  await cache?.flush();
  const kept: number[] = [];
  rows.forEach((row, index) => {
    if (row) kept.push(index);
  });
  const data = new Float32Array(kept.length * extractor.dim);
  kept.forEach((index, r) => data.set(rows[index]!, r * extractor.dim));
  failed.sort((a, b) => a.index - b.index);
  return { features: { n: kept.length, d: extractor.dim, data }, kept, failed, cacheHits };
}
