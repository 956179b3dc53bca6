/**
 * Where the shared developer assets live (../shared/assets beside the repository); no jest
 * imports, so scripts can use it too.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_ASSETS = process.env.CLONEDPERSON_SHARED_ASSETS ?? path.resolve(REPO_ROOT, '../shared/assets');
export const hasSharedAssets = existsSync(path.join(SHARED_ASSETS, 'README.md'));

/** The authors' sample pipeline folder (example.csv, model.csv, sample photos). */
export const OFFICIAL = path.join(SHARED_ASSETS, 'clonedperson-official');
/** MakeHuman system data root (base.obj, targets, rigs, clothes, ...). */
export const MAKEHUMAN_DATA = path.join(SHARED_ASSETS, 'makehuman', 'data');
