/**
 * From the command line's model flags to a feature extractor: `model` (an ONNX re-ID model, its
 * description beside it or in `modelConfig`), `modelConfig` alone (a description naming its
 * file, or the built-in descriptor's), or nothing (the built-in appearance descriptor).
 */
import { ClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import { loadModel } from '../models/model-session.js';
import { bundledModel, findModelDescription, modelFileOf, readModelDescription } from '../models/model-registry.js';
import type { RegistryEntry } from '../models/model-registry.js';
import { builtinAppearanceExtractor, onnxEmbeddingExtractor } from './feature-extractor.js';
import type { FeatureExtractor, OnnxExtractorOptions } from './feature-extractor.js';

export interface ExtractorModelOptions {
  model?: string;
  modelConfig?: string;
}

/** The registry entry (and ONNX file) the options name; nothing loaded yet. */
export async function resolveExtractorModel(options: ExtractorModelOptions, files: FileStore): Promise<{ entry: RegistryEntry; modelFile?: string }> {
  if (options.model) {
    const entry = await findModelDescription(options.model, options.modelConfig, files);
    return { entry, modelFile: options.model };
  }
  if (options.modelConfig) {
    const entry = await readModelDescription(options.modelConfig, files);
    if (entry.description.builtin !== undefined) return { entry };
    const modelFile = modelFileOf(entry);
    if (!modelFile) throw new ClonedPersonError('E_USAGE', `${options.modelConfig} names no "file"; give model (the ONNX file) too`);
    return { entry, modelFile };
  }
  return { entry: await bundledModel('builtin-appearance') };
}

/** Loads the extractor of an entry: the built-in descriptor or an ONNX session. */
export async function createFeatureExtractor(
  entry: RegistryEntry,
  modelFile: string | undefined,
  options: { threads?: number } & OnnxExtractorOptions,
  files: FileStore,
): Promise<FeatureExtractor> {
  const description = entry.description;
  if (description.builtin !== undefined) {
    if (description.builtin !== 'appearance-v1') throw new ClonedPersonError('E_MODEL_DESCRIPTION', `${entry.file}: unknown built-in extractor "${description.builtin}"`);
    return builtinAppearanceExtractor();
  }
  const model = await loadModel(description, modelFile!, { threads: options.threads, files });
  return onnxEmbeddingExtractor(model, { batchSize: options.batchSize, flip: options.flip });
}
