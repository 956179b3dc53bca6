/**
 * The scene file edge: reads a spec from a JSON or YAML file, or a bundled scene by name
 * (orchestrator/data/scenes/<name>.yaml), and validates it.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ClonedPersonError } from '../shared/errors.js';
import { pathExists, readFileOrThrow } from '../shared/files.js';
import { packageInfo } from '../shared/package-info.js';
import { parseSceneSpec } from './scene-spec.js';
import type { SceneSpec } from './scene-spec.js';

/** The folder of bundled example scenes. */
export function bundledScenesDir(): string {
  return path.join(packageInfo().root, 'orchestrator', 'data', 'scenes');
}

/** Names of the bundled scenes (file names without extension), sorted. */
export async function listBundledScenes(): Promise<string[]> {
  const files = await readdir(bundledScenesDir());
  return files.filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => f.replace(/\.(ya?ml|json)$/, '')).sort();
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
export async function loadSceneSpec(nameOrFile: string, cwd = process.cwd()): Promise<SceneSpec> {
  let file = path.resolve(cwd, nameOrFile);
  if (!/\.(ya?ml|json)$/i.test(nameOrFile) || !(await pathExists(file))) {
    const bundled = (await listBundledScenes()).includes(nameOrFile);
    if (!bundled) {
      if (/\.(ya?ml|json)$/i.test(nameOrFile)) throw new ClonedPersonError('E_SCENE_INVALID', `no such scene file: ${file}`, { details: { file } });
      throw new ClonedPersonError(
        'E_SCENE_INVALID',
        `${JSON.stringify(nameOrFile)} is neither a scene file nor a bundled scene (bundled: ${(await listBundledScenes()).join(', ')})`,
        { details: { scene: nameOrFile } },
      );
    }
    for (const ext of ['.yaml', '.yml', '.json']) {
      const candidate = path.join(bundledScenesDir(), nameOrFile + ext);
      if (await pathExists(candidate)) {
        file = candidate;
        break;
      }
    }
  }
  const text = (await readFileOrThrow(file)).toString('utf8');
  return { ...parseSceneText(text, file), baseDir: path.dirname(file) };
}
