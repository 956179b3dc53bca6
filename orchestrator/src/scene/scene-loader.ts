/**
 * The scene file edge: reads a spec from a JSON or YAML file, or a bundled scene by name
 * (orchestrator/data/scenes/<name>.yaml), and validates it. The user's files are read through
 * the given {@link FileStore}; the bundled scenes are the package's own data and always come
 * from its folder on disk.
 */
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import { nodeFileStore } from '../shared/node-file-store.js';
import { packageInfo } from '../shared/package-info.js';
import { parseSceneSpec } from './scene-spec.js';
import type { SceneSpec } from './scene-spec.js';

/** The folder of bundled example scenes. */
function bundledScenesDir(): string {
  return path.join(packageInfo().root, 'orchestrator', 'data', 'scenes');
}

/** The bundled scene files by scene name (the file name without extension). */
async function bundledSceneFiles(): Promise<Map<string, string>> {
  const dir = bundledScenesDir();
  const entries = (await nodeFileStore.list(dir)).filter((e) => e.kind === 'file' && /\.(ya?ml|json)$/.test(e.name));
  return new Map(entries.map((e) => [e.name.replace(/\.(ya?ml|json)$/, ''), path.join(dir, e.name)]));
}

/** Names of the bundled scenes (file names without extension), sorted. */
export async function listBundledScenes(): Promise<string[]> {
  return [...(await bundledSceneFiles()).keys()].sort();
}

/** Parses spec text (YAML is a superset of JSON, so one parser reads both). */
export function parseSceneText(text: string, source: string): SceneSpec {
  let value: unknown;
  try {
    value = parseYaml(text, { prettyErrors: true, maxAliasCount: 100 });
  } catch (cause) {
    throw new ClonedPersonError('E_SCENE_INVALID', `scene ${source}: not valid YAML/JSON: ${(cause as Error).message}`, { cause, details: { source } });
  }
  return parseSceneSpec(value, source);
}

/**
 * Loads a scene: `nameOrFile` is a path to a .yaml/.yml/.json file (relative to `cwd`), or
 * the name of a bundled scene (`street`, `plaza`, `corridor`, `hall`). Relative asset paths in
 * the spec resolve against the file's folder (`spec.baseDir`).
 */
export async function loadSceneSpec(nameOrFile: string, cwd: string, files: FileStore = nodeFileStore): Promise<SceneSpec> {
  const file = path.resolve(cwd, nameOrFile);
  const namesAFile = /\.(ya?ml|json)$/i.test(nameOrFile);
  if (namesAFile && (await files.exists(file))) return readSceneFile(file, files);
  const bundled = await bundledSceneFiles();
  const bundledFile = bundled.get(nameOrFile);
  if (bundledFile) return readSceneFile(bundledFile, nodeFileStore);
  if (namesAFile) throw new ClonedPersonError('E_INPUT_MISSING', `no such scene file: ${file}`, { details: { file } });
  throw new ClonedPersonError('E_SCENE_INVALID', `${JSON.stringify(nameOrFile)} is neither a scene file nor a bundled scene (bundled: ${[...bundled.keys()].sort().join(', ')})`, {
    details: { scene: nameOrFile },
  });
}

async function readSceneFile(file: string, files: FileStore): Promise<SceneSpec> {
  return { ...parseSceneText(await files.readText(file), file), baseDir: path.dirname(file) };
}
