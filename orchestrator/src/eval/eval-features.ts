/**
 * Features of evaluation images: decode each image (through the FileStore) and run the feature
 * extractor batch by batch, in list order. Any image that cannot be read or decoded stops the
 * evaluation: a metric over a silently shrunk gallery would not be comparable.
 */
import type { FeatureExtractor } from '../features/feature-extractor.js';
import type { FeatureMatrix } from '../features/feature-matrix.js';
import { decodeImage } from '../imaging/image-io.js';
import { convertChannels } from '../imaging/raw-image.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import type { ProgressCallback } from '../shared/progress.js';

/** The features of `files` (absolute paths), one row each, in order. */
export async function extractImageFeatures(imageFiles: readonly string[], extractor: FeatureExtractor, files: FileStore, onProgress?: ProgressCallback, label = 'features'): Promise<FeatureMatrix> {
  const data = new Float32Array(imageFiles.length * extractor.dim);
  for (let start = 0; start < imageFiles.length; start += extractor.batchSize) {
    const batch = imageFiles.slice(start, start + extractor.batchSize);
    const images = await Promise.all(batch.map(async (file) => convertChannels(await decodeImage(await files.read(file, 'E_IMAGE_MISSING'), file), 3)));
    const rows = await extractor.extract(images);
    rows.forEach((row, k) => {
      if (row.length !== extractor.dim) throw new ClonedPersonError('E_FEATURES_INVALID', `${batch[k]}: feature of length ${row.length}, expected ${extractor.dim}`);
      data.set(row, (start + k) * extractor.dim);
    });
    onProgress?.(Math.min(imageFiles.length, start + batch.length), imageFiles.length, label);
  }
  return { n: imageFiles.length, d: extractor.dim, data };
}
