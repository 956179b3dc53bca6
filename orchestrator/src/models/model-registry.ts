/**
 * The model registry edge: reads descriptions (model-description.ts) from JSON files, from the
 * bundled folder orchestrator/data/models/, and finds the description of a user's `.onnx`
 * file: an explicit `--model-config`, else `<name>.json` or `<name>.onnx.json` beside it, else
 * a bundled entry whose `file` has the same base name.
 *
 * The user's files are read through the given {@link FileStore}; the bundled descriptions are
 * the package's own data and always come from its folder on disk.
 */
import path from 'node:path';
import { ClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import { nodeFileStore } from '../shared/node-file-store.js';
import { packageInfo } from '../shared/package-info.js';
import { parseModelDescription } from './model-description.js';
import type { ModelDescription } from './model-description.js';

/** A description and where it came from. */
export interface RegistryEntry {
  description: ModelDescription;
  /** The JSON file it was read from. */
  file: string;
}

/** The folder of bundled descriptions. */
function bundledRegistryDir(): string {
  return path.join(packageInfo().root, 'orchestrator', 'data', 'models');
}

/** Reads and validates one description file. */
export async function readModelDescription(file: string, files: FileStore = nodeFileStore): Promise<RegistryEntry> {
  const text = await files.readText(file, 'E_MODEL_DESCRIPTION');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ClonedPersonError('E_MODEL_DESCRIPTION', `${file}: not valid JSON: ${(cause as Error).message}`, { cause, details: { file } });
  }
  return { description: parseModelDescription(json, file), file };
}

/** Every bundled description (`*.json`, sorted by name); the package's own data, read from disk. */
async function bundledEntries(): Promise<RegistryEntry[]> {
  const dir = bundledRegistryDir();
  if (!(await nodeFileStore.isDirectory(dir))) return [];
  const names = (await nodeFileStore.list(dir)).filter((entry) => entry.kind === 'file' && entry.name.endsWith('.json')).map((entry) => entry.name);
  return Promise.all(names.map((name) => readModelDescription(path.join(dir, name), nodeFileStore)));
}

/** A bundled description by id; E_MODEL_DESCRIPTION when there is none. */
export async function bundledModel(id: string): Promise<RegistryEntry> {
  const entries = await bundledEntries();
  const entry = entries.find((e) => e.description.id === id);
  if (!entry) {
    throw new ClonedPersonError('E_MODEL_DESCRIPTION', `no bundled model description "${id}"; have ${entries.map((e) => e.description.id).join(', ')}`, {
      details: { id },
    });
  }
  return entry;
}

/** The ONNX file a description points to (absolute), if any. */
export function modelFileOf(entry: RegistryEntry): string | undefined {
  const file = entry.description.file;
  return file === undefined ? undefined : path.resolve(path.dirname(entry.file), file);
}

/**
 * Finds the description of `modelFile` (see the module comment). Throws E_MODEL_DESCRIPTION
 * with a hint on how to write one when nothing matches.
 */
export async function findModelDescription(modelFile: string, explicitConfig?: string, files: FileStore = nodeFileStore): Promise<RegistryEntry> {
  if (explicitConfig) return readModelDescription(explicitConfig, files);
  const base = modelFile.replace(/\.onnx$/i, '');
  for (const candidate of [`${base}.json`, `${modelFile}.json`]) {
    if (await files.exists(candidate)) return readModelDescription(candidate, files);
  }
  const name = path.basename(modelFile);
  const bundled = (await bundledEntries()).find((e) => e.description.file !== undefined && path.basename(e.description.file) === name);
  if (bundled) return bundled;
  throw new ClonedPersonError(
    'E_MODEL_DESCRIPTION',
    `no description for model ${modelFile}: write ${base}.json (input name, size, layout, colour order, mean/std, outputs; see README "Models") or give its description (modelConfig)`,
    { details: { model: modelFile, options: ['modelConfig'] } },
  );
}
