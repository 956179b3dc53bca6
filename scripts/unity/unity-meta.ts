/**
 * Unity's `.meta` files for the project's own assets (unity-project/Assets): one beside every
 * file and folder, holding the asset's GUID and importer. The GUID is derived from the asset's
 * path (md5 of `clonedperson:<path>`), so a regenerated file is identical; Unity keeps whatever a
 * `.meta` says. Files Unity never imports (dotfiles, `~` suffixes) need none. Pure apart from
 * the two folder walks at the end.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Whether Unity imports this file or folder name (hidden and `~` names are skipped by Unity). */
export function unityImports(name: string): boolean {
  return !name.startsWith('.') && !name.endsWith('~') && !name.endsWith('.meta');
}

/** The GUID of the asset at `assetPath` (relative to the project, e.g. `Assets/ClonedPerson`). */
export function assetGuid(assetPath: string): string {
  return createHash('md5').update(`clonedperson:${assetPath.split(path.sep).join('/')}`).digest('hex');
}

const IMPORTERS: Record<string, string> = {
  '.cs': ['MonoImporter:', '  externalObjects: {}', '  serializedVersion: 2', '  defaultReferences: []', '  executionOrder: 0', '  icon: {instanceID: 0}'].join('\n'),
  '.shader': ['ShaderImporter:', '  externalObjects: {}', '  defaultTextures: []', '  nonModifiableTextures: []'].join('\n'),
};

/** The text of the `.meta` for a file or folder at `assetPath`. */
export function metaText(assetPath: string, isFolder: boolean): string {
  const importer = isFolder ? 'folderAsset: yes\nDefaultImporter:\n  externalObjects: {}' : (IMPORTERS[path.extname(assetPath)] ?? 'DefaultImporter:\n  externalObjects: {}');
  return `fileFormatVersion: 2\nguid: ${assetGuid(assetPath)}\n${importer}\n  userData: \n  assetBundleName: \n  assetBundleVariant: \n`;
}

/** Assets below `folder` (relative paths from `projectDir`), folders included, depth first. */
export function listAssets(projectDir: string, folder = 'Assets', ignored: (assetPath: string) => boolean = () => false): { path: string; isFolder: boolean }[] {
  const out: { path: string; isFolder: boolean }[] = [];
  for (const name of readdirSync(path.join(projectDir, folder)).sort()) {
    if (!unityImports(name)) continue;
    const assetPath = `${folder}/${name}`;
    if (ignored(assetPath)) continue;
    const isFolder = statSync(path.join(projectDir, assetPath)).isDirectory();
    out.push({ path: assetPath, isFolder });
    if (isFolder) out.push(...listAssets(projectDir, assetPath, ignored));
  }
  return out;
}

/** Writes the `.meta` of every asset that has none; returns the paths written. */
export function writeMissingMetaFiles(projectDir: string, ignored?: (assetPath: string) => boolean): string[] {
  const written: string[] = [];
  for (const asset of listAssets(projectDir, 'Assets', ignored)) {
    const file = path.join(projectDir, `${asset.path}.meta`);
    if (existsSync(file)) continue;
    writeFileSync(file, metaText(asset.path, asset.isFolder));
    written.push(asset.path);
  }
  return written;
}

/** Assets that tools make and git ignores (unity-project/.gitignore): they get their `.meta` from Unity. */
export function generatedAsset(assetPath: string): boolean {
  return (
    assetPath === 'Assets/Gen' ||
    assetPath.startsWith('Assets/Gen/') ||
    assetPath === 'Assets/ClonedPerson/Resources/clonedperson-player.mjs' ||
    assetPath.startsWith('Assets/ClonedPerson/Resources/ClonedPersonShaderRefs') ||
    assetPath.startsWith('Assets/ClonedPerson/Scenes')
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const projectDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../unity-project');
  for (const written of writeMissingMetaFiles(projectDir, generatedAsset)) console.log(`wrote ${written}.meta`);
}
