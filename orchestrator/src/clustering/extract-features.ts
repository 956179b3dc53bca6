/**
 * Feature extraction for the clustering: the built-in appearance descriptor or a described
 * ONNX re-ID model, over an image list, with the per-image cache. Images that cannot be read,
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
import { convertChannels, createRawImage, cropToBox } from '../imaging/raw-image.js';
import type { RawImage } from '../imaging/raw-image.js';
import type { LoadedModel } from '../models/model-session.js';
import { APPEARANCE_DESCRIPTOR, APPEARANCE_DIM, appearanceDescriptor } from './appearance-descriptor.js';
import type { FeatureMetric } from './distance-metric.js';
import { FeatureCache } from './feature-cache.js';
import type { FeatureMatrix } from './feature-matrix.js';
import type { ImageItem } from './image-list.js';

export interface FeatureExtractor {
  /** Changes whenever the features would (cache key part). */
  fingerprint: string;
  dim: number;
  metric: FeatureMetric;
  /** Images per call of `extract`. */
  batchSize: number;
  extract(images: readonly RawImage[]): Promise<Float32Array[]>;
  close(): Promise<void>;
}

/** The built-in descriptor (appearance-descriptor.ts). */
export function builtinAppearanceExtractor(): FeatureExtractor {
  return {
    fingerprint: `builtin:${JSON.stringify(APPEARANCE_DESCRIPTOR)}`,
    dim: APPEARANCE_DIM,
    metric: 'cosine',
    batchSize: 16,
    extract: (images) => Promise.resolve(images.map((image) => appearanceDescriptor(image))),
    close: () => Promise.resolve(),
  };
}

/** A described ONNX re-ID model (kind `reid-embedding`); rows L2-normalised when it says so. */
export async function onnxEmbeddingExtractor(model: LoadedModel, batchSize = 16): Promise<FeatureExtractor> {
  const spec = model.description.embedding;
  if (model.description.kind !== 'reid-embedding' || !spec) {
    throw new ClonedPersonError('E_MODEL', `${model.description.id} is a ${model.description.kind} model, not a reid-embedding model`);
  }
  const input = model.description.input!;
  const run = async (images: readonly RawImage[]): Promise<Float32Array[]> => {
    const out = (await model.runImages(images)).embedding;
    if (out.dims.length !== 2 || out.dims[0] !== images.length) {
      throw new ClonedPersonError('E_MODEL', `${model.description.id}: embedding output has shape [${out.dims.join(', ')}], expected [${images.length}, dim]`);
    }
    const dim = out.dims[1];
    return images.map((_, r) => {
      const row = out.data.slice(r * dim, (r + 1) * dim);
      if (spec.normalize) {
        let norm = 0;
        for (const v of row) norm += v * v;
        if (norm > 0) for (let k = 0; k < dim; k++) row[k] /= Math.sqrt(norm);
      }
      return row;
    });
  };
  // the embedding length, from the description or a probe run on a grey image
  const probe = createRawImage(input.widthPx, input.heightPx, 3);
  probe.data.fill(128);
  const dim = spec.dim ?? (await run([probe]))[0].length;
  return {
    fingerprint: `onnx:${model.modelHash}:${JSON.stringify({ input, outputs: model.description.outputs, normalize: spec.normalize })}`,
    dim,
    metric: spec.metric,
    batchSize: model.fixedBatch ?? batchSize,
    extract: run,
    close: () => model.close(),
  };
}

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
