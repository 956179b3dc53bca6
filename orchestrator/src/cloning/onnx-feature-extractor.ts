/**
 * Feature maps for the cloth-cell search from an ONNX re-ID backbone (the paper: ResNet-50-IBN
 * layer3 with a 64-channel neck on a 384 x 128 input), described in the model registry with
 * kind `feature-map` (see models/model-description.ts). The description says how to normalise
 * the search canvas; the authors fed [0, 1] RGB without mean/std (scale 255, mean 0, std 1).
 */
import path from 'node:path';
import { findModelDescription, modelFileOf } from '../models/model-registry.js';
import { loadModel } from '../models/model-session.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import type { FeatureMapExtractor } from './feature-extractor.js';
import { SEARCH_CANVAS } from './garment-cell.js';

export interface OnnxFeatureExtractorOptions {
  /** The model's JSON description; default: found beside the model or in the bundled registry. */
  config?: string;
  /** onnxruntime threads per operator (default: all cores). */
  threads?: number;
  /** Where the model and its description are read from (default: the local file system). */
  files?: FileStore;
}

/** Loads `modelFile` and checks it produces [1, C, H, W] maps of the search canvas; close it when done. */
export async function createOnnxFeatureExtractor(modelFile: string, options: OnnxFeatureExtractorOptions = {}): Promise<FeatureMapExtractor> {
  const entry = await findModelDescription(modelFile, options.config, options.files);
  const { description } = entry;
  const label = `${path.basename(modelFile)} (${description.id})`;
  if (description.kind !== 'feature-map') {
    throw new ClonedPersonError('E_MODEL', `${label}: the cloth-cell search needs a "feature-map" model, this one is "${description.kind}"`);
  }
  const input = description.input;
  if (input && input.widthPx * SEARCH_CANVAS.heightPx !== input.heightPx * SEARCH_CANVAS.widthPx) {
    throw new ClonedPersonError(
      'E_MODEL',
      `${label}: the cloth-cell search feeds a 128x384 canvas; the model's ${input.widthPx}x${input.heightPx} input has another aspect`,
    );
  }
  const model = await loadModel(description, modelFileOf(entry) ?? modelFile, { threads: options.threads, files: options.files });
  return {
    name: `onnx/${description.id}@${model.modelHash.slice(0, 12)}`,
    async extract(canvas) {
      const outputs = await model.runImages([canvas]);
      const { data, dims } = outputs.featureMap;
      if (dims.length !== 4 || dims[0] !== 1) {
        throw new ClonedPersonError('E_MODEL', `${label}: expected a [1, C, H, W] feature map, got [${dims.join(', ')}]`);
      }
      const [, channels, height, width] = dims;
      return { channels, height, width, data: data.slice(0, channels * height * width) };
    },
    close: () => model.close(),
  };
}
