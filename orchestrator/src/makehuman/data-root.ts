/**
 * Where MakeHuman data comes from. Like MakeHuman (getPath / getSysDataPath), a file is looked
 * up in the *user* data roots first and then in the *system* data roots; the first root that
 * has it wins. Roots, in order:
 *
 * - user: `--mh-data` (else `CLONEDPERSON_MH_DATA`), then the per-OS MakeHuman user data folders
 *   that exist: `~/Documents/makehuman/v1py3/data` and `~/makehuman/v1py3/data` (MakeHuman 1.1+
 *   on Linux/macOS; on Windows the Documents folder under `%USERPROFILE%`), then the same with
 *   `v1` (MakeHuman 1.1 on Python 2);
 * - system: `--mh-sys-data` (else `CLONEDPERSON_MH_SYS_DATA`), then the assets fetched by
 *   `clonedperson assets fetch` (see {@link fetchedAssetsDir}).
 *
 * A flag replaces its environment variable. Roots that do not exist are dropped (with the
 * reason kept for error messages), so an empty result means "no MakeHuman data anywhere".
 */
import os from 'node:os';
import path from 'node:path';
import type { FileStore } from '../shared/file-store.js';
import { nodeFileStore } from '../shared/node-file-store.js';

export interface DataRootOptions {
  /** User data root (`--mh-data`). */
  mhData?: string;
  /** System data root (`--mh-sys-data`). */
  mhSysData?: string;
  /** Environment variables (the CLI passes its environment; default none). */
  env?: Record<string, string | undefined>;
  /** Home folder for the per-OS defaults (default os.homedir()). */
  home?: string;
  /** Default os.platform(). */
  platform?: NodeJS.Platform;
  /** Skip the per-OS MakeHuman user folders (tests). */
  noOsDefaults?: boolean;
  /** Where `clonedperson assets fetch` puts files (defaults to {@link fetchedAssetsDir}). */
  fetchedDir?: string;
  /** Folder relative roots are resolved against (default: the process's working folder). */
  cwd?: string;
  files?: FileStore;
}

export interface DataRoots {
  user: string[];
  system: string[];
  /** Candidate roots that were not used because they do not exist. */
  missing: string[];
}

/**
 * The folder `clonedperson assets fetch` writes to: `$CLONEDPERSON_ASSETS_DIR`, else
 * `$XDG_DATA_HOME/clonedperson/assets`, else `~/.local/share/clonedperson/assets`
 * (`%LOCALAPPDATA%\clonedperson\assets` on Windows). MakeHuman data lands in its
 * `makehuman/data` subfolder.
 */
export function fetchedAssetsDir(env: Record<string, string | undefined> = {}, home = os.homedir(), platform: NodeJS.Platform = os.platform()): string {
  if (env.CLONEDPERSON_ASSETS_DIR) return path.resolve(env.CLONEDPERSON_ASSETS_DIR);
  if (platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'clonedperson', 'assets');
  const dataHome = env.XDG_DATA_HOME || path.join(home, '.local', 'share');
  return path.join(dataHome, 'clonedperson', 'assets');
}

/** The MakeHuman system data folder inside a fetched-assets folder. */
export function fetchedMakeHumanData(assetsDir: string): string {
  return path.join(assetsDir, 'makehuman', 'data');
}

/** Resolves the data roots (see the module doc). */
export async function resolveDataRoots(options: DataRootOptions = {}): Promise<DataRoots> {
  const env = options.env ?? {};
  const home = options.home ?? os.homedir();
  const platform = options.platform ?? os.platform();
  const files = options.files ?? nodeFileStore;
  const user: string[] = [];
  const system: string[] = [];
  const missing: string[] = [];
  const add = async (list: string[], candidate: string | undefined): Promise<void> => {
    if (!candidate) return;
    const resolved = options.cwd === undefined ? path.resolve(candidate) : path.resolve(options.cwd, candidate);
    if (list.includes(resolved) || user.includes(resolved) || system.includes(resolved)) return;
    if (await files.exists(resolved)) list.push(resolved);
    else missing.push(resolved);
  };
  await add(user, options.mhData ?? env.CLONEDPERSON_MH_DATA);
  if (!options.noOsDefaults) {
    const documents = platform === 'win32' && env.USERPROFILE ? path.join(env.USERPROFILE, 'Documents') : path.join(home, 'Documents');
    for (const version of ['v1py3', 'v1']) {
      for (const base of [documents, home]) {
        const candidate = path.join(base, 'makehuman', version, 'data');
        if (await files.exists(candidate)) user.push(candidate);
      }
    }
  }
  await add(system, options.mhSysData ?? env.CLONEDPERSON_MH_SYS_DATA);
  await add(system, fetchedMakeHumanData(options.fetchedDir ?? fetchedAssetsDir(env, home, platform)));
  return { user, system, missing };
}

/** All roots in lookup order: user, then system. */
export function rootsInOrder(roots: DataRoots): string[] {
  return [...roots.user, ...roots.system];
}

/** The first root holding `relativePath` (a `/`-separated path inside a data root). */
export async function findInRoots(roots: DataRoots, relativePath: string, files: FileStore = nodeFileStore): Promise<string | undefined> {
  for (const root of rootsInOrder(roots)) {
    const candidate = path.join(root, ...relativePath.split('/'));
    if (await files.exists(candidate)) return candidate;
  }
  return undefined;
}
