/**
 * The `.npy` file edge: reads features/distances as a {@link FeatureMatrix} and writes them
 * atomically.
 */
import { ClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import { nodeFileStore } from '../shared/node-file-store.js';
import type { FeatureMatrix } from './feature-matrix.js';
import { encodeNpy, parseNpy } from './npy.js';

/** Reads a 2-D float `.npy` file as a FeatureMatrix (float64/float16 are converted to float32). */
export async function readFeatureMatrixNpy(file: string, files: FileStore = nodeFileStore): Promise<FeatureMatrix> {
  const array = parseNpy(await files.read(file), file);
  if (array.shape.length !== 2) {
    throw new ClonedPersonError('E_NPY_INVALID', `${file}: expected a 2-D array [N, D], got shape (${array.shape.join(', ')})`, {
      details: { file, shape: array.shape },
    });
  }
  const data = array.data instanceof Float32Array ? array.data : Float32Array.from(array.data);
  return { n: array.shape[0], d: array.shape[1], data };
}

/** Writes a FeatureMatrix as float32 `[N, D]` `.npy`, atomically. */
export async function writeFeatureMatrixNpy(file: string, features: FeatureMatrix, files: FileStore = nodeFileStore): Promise<void> {
  await files.writeAtomic(file, encodeNpy(features.data, [features.n, features.d]));
}

/** Writes an int32 vector (labels) as `.npy`, atomically. */
export async function writeInt32Npy(file: string, values: Int32Array, files: FileStore = nodeFileStore): Promise<void> {
  await files.writeAtomic(file, encodeNpy(values, [values.length]));
}
