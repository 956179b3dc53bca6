/**
 * Reading a run config file (YAML or JSON): syntax errors name the file and line, schema errors
 * the file and field (contracts/run-config.ts, E_CONFIG_INVALID), and every file or folder the
 * config names is resolved against the config's folder and must exist (E_INPUT_MISSING naming
 * the field), all before any stage runs.
 */
import path from 'node:path';
import YAML from 'yaml';
import { RUN_CONFIG_CONTRACT } from '../contracts/run-config.js';
import type { RunConfig } from '../contracts/run-config.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import { contentHash } from '../shared/input-key.js';
import { nodeFileStore } from '../shared/node-file-store.js';

/** The config fields that name files or folders, as [section, field]. */
const PATH_FIELDS = [
  ['detect', 'models'],
  ['detect', 'annotations'],
  ['cluster', 'model'],
  ['cluster', 'modelConfig'],
  ['clone', 'catalog'],
  ['clone', 'model'],
  ['clone', 'modelConfig'],
  ['characters', 'accessories'],
  ['characters', 'mhData'],
  ['characters', 'mhSysData'],
  ['eval', 'model'],
  ['eval', 'modelConfig'],
] as const;

/** A `render.scenes` entry with a scene file's extension is a file; anything else names a bundled scene. */
export const SCENE_FILE = /\.(ya?ml|json)$/i;

export interface LoadedRunConfig {
  config: RunConfig;
  file: string;
  sha256: string;
}

/** Parses config text (YAML, which includes JSON); `file` names it in errors. */
export function parseRunConfigText(text: string, file: string): RunConfig {
  let value: unknown;
  try {
    value = YAML.parse(text, { prettyErrors: true });
  } catch (cause) {
    const error = cause as Error & { linePos?: { line: number; col: number }[] };
    const at = error.linePos?.[0];
    const where = at ? `${file}:${at.line}:${at.col}` : file;
    throw new ClonedPersonError('E_CONFIG_INVALID', `${where}: not valid YAML (${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')})`, { cause, details: { file, ...(at ? { line: at.line } : {}) } });
  }
  // an empty file is an empty config: all defaults
  return RUN_CONFIG_CONTRACT.check(value ?? {}, file);
}

/** Resolves the paths a config names against `baseDir`. */
export function resolveConfigPaths(config: RunConfig, baseDir: string): RunConfig {
  const out = structuredClone(config);
  for (const [section, field] of PATH_FIELDS) {
    const holder = out[section] as Record<string, unknown> | undefined;
    const value = holder?.[field];
    if (typeof value === 'string') holder![field] = path.resolve(baseDir, value);
  }
  if (out.render?.scenes) out.render.scenes = out.render.scenes.map((scene) => (SCENE_FILE.test(scene) ? path.resolve(baseDir, scene) : scene));
  return out;
}

/** Checks that every file or folder the (resolved) config names exists; E_INPUT_MISSING names the field. */
export async function checkConfigPaths(config: RunConfig, where: string, files: FileStore = nodeFileStore): Promise<void> {
  const named: [string, string][] = [];
  for (const [section, field] of PATH_FIELDS) {
    const value = (config[section] as Record<string, unknown> | undefined)?.[field];
    if (typeof value === 'string') named.push([`/${section}/${field}`, value]);
  }
  (config.render?.scenes ?? []).forEach((scene, i) => {
    if (SCENE_FILE.test(scene)) named.push([`/render/scenes/${i}`, scene]);
  });
  for (const [field, file] of named) {
    if (!(await files.exists(file))) {
      throw new ClonedPersonError('E_INPUT_MISSING', `no such file or folder: ${file} (${where}: ${field})`, { details: { file, field } });
    }
  }
}

/** Reads, checks and resolves a config file. */
export async function loadRunConfig(file: string, files: FileStore = nodeFileStore): Promise<LoadedRunConfig> {
  const bytes = await files.read(file, 'E_INPUT_MISSING');
  const config = resolveConfigPaths(parseRunConfigText(new TextDecoder().decode(bytes), file), path.dirname(file));
  await checkConfigPaths(config, file, files);
  return { config, file, sha256: contentHash(bytes) };
}
