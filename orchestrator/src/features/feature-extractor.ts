/**
 * Feature extractors: the built-in appearance descriptor or a described ONNX re-ID model
 * (kind `reid-embedding`), behind one interface that clustering, evaluation and fidelity share.
 */
import { ClonedPersonError } from '../shared/errors.js';
import { createRawImage } from '../imaging/raw-image.js';
import type { RawImage } from '../imaging/raw-image.js';
import type { LoadedModel } from '../models/model-session.js';
import { APPEARANCE_DESCRIPTOR, APPEARANCE_DIM, appearanceDescriptor } from './appearance-descriptor.js';
import type { FeatureMetric } from './distance-metric.js';

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

/** A mirror image (left and right swapped), for flip-averaged embeddings. */
export function flipHorizontal(image: RawImage): RawImage {
  const { width, height, channels } = image;
  const data = new Uint8Array(image.data.length);
  for (let y = 0; y < height; y++) {
    const row = y * width * channels;
    for (let x = 0; x < width; x++) {
      const from = row + x * channels;
      const to = row + (width - 1 - x) * channels;
      for (let c = 0; c < channels; c++) data[to + c] = image.data[from + c];
    }
  }
  return { width, height, channels, data };
}

export interface OnnxExtractorOptions {
  /** Images per model run (default 16; a fixed-batch model's own size wins). */
  batchSize?: number;
  /** Average each embedding with the one of the mirrored image, before normalising (the usual test-time augmentation). */
  flip?: boolean;
}

/** A described ONNX re-ID model (kind `reid-embedding`); rows L2-normalised when it says so. */
export async function onnxEmbeddingExtractor(model: LoadedModel, options: OnnxExtractorOptions | number = {}): Promise<FeatureExtractor> {
  const { batchSize = 16, flip = false } = typeof options === 'number' ? { batchSize: options } : options;
  const spec = model.description.embedding;
  if (model.description.kind !== 'reid-embedding' || !spec) {
    throw new ClonedPersonError('E_MODEL', `${model.description.id} is a ${model.description.kind} model, not a reid-embedding model`);
  }
  const input = model.description.input!;
  const embed = async (images: readonly RawImage[]): Promise<{ data: Float32Array; dim: number }> => {
    const out = (await model.runImages(images)).embedding;
    if (out.dims.length !== 2 || out.dims[0] !== images.length) {
      throw new ClonedPersonError('E_MODEL', `${model.description.id}: embedding output has shape [${out.dims.join(', ')}], expected [${images.length}, dim]`);
    }
    return { data: out.data, dim: out.dims[1] };
  };
  const run = async (images: readonly RawImage[]): Promise<Float32Array[]> => {
    const { data, dim } = await embed(images);
    const mirrored = flip ? (await embed(images.map(flipHorizontal))).data : undefined;
    return images.map((_, r) => {
      const row = data.slice(r * dim, (r + 1) * dim);
      if (mirrored) for (let k = 0; k < dim; k++) row[k] = (row[k] + mirrored[r * dim + k]) / 2;
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
    fingerprint: `onnx:${model.modelHash}:${JSON.stringify({ input, outputs: model.description.outputs, normalize: spec.normalize, ...(flip ? { flip } : {}) })}`,
    dim,
    metric: spec.metric,
    batchSize: model.fixedBatch ?? batchSize,
    extract: run,
    close: () => model.close(),
  };
}
