/**
 * `clonedperson character --mhm <file> --out <file.glb>`: a MakeHuman model file to a `.glb`.
 * Proxies resolve by UUID (then by name), material lines by path (absolute, relative to the
 * `.mhm`, or relative to a data root), the rig from the `.mhm`'s `skeleton` line or the given
 * default. Unsupported lines (non-macro modifiers, poses) are logged as warnings.
 */
import path from 'node:path';
import type { FileStore } from '../shared/file-store.js';
import { nodeFileStore } from '../shared/node-file-store.js';
import { assembleCharacter } from './character-assembly.js';
import type { AssembledCharacter } from './character-assembly.js';
import type { CharacterSpec, ClothesItem } from './character-spec.js';
import { writeCharacterGlb } from './gltf-writer.js';
import type { MakeHumanAssets } from '../makehuman/makehuman-assets.js';
import { parseMhm } from '../makehuman/mhm-format.js';

export interface MhmCharacterOptions {
  /** Rig when the `.mhm` has no `skeleton` line (default cmu_mb). */
  skeleton?: string;
  /** Where the `.mhm`, its material files and the output live (default the local file system). */
  files?: FileStore;
}

/** Builds the character spec an `.mhm` describes. */
export async function specFromMhm(data: MakeHumanAssets, mhmFile: string, options: MhmCharacterOptions = {}): Promise<CharacterSpec> {
  const files = options.files ?? nodeFileStore;
  const model = parseMhm(await files.readText(mhmFile), mhmFile);
  for (const warning of model.warnings) data.logger.warn(`characters: ${warning}`);
  const resolveMaterial = async (p: string): Promise<string | undefined> => {
    if (path.isAbsolute(p) && (await files.exists(p))) return p;
    const local = path.resolve(path.dirname(mhmFile), p);
    if (await files.exists(local)) return local;
    return data.findFile(p.replace(/^data\//, ''));
  };
  const materials: Record<string, string> = {};
  for (const m of model.materials) {
    const file = await resolveMaterial(m.path);
    if (file) materials[m.uuid] = file;
    else data.warnOnce(`characters: ${mhmFile}: material ${m.path} not found; keeping the proxy's own`);
  }
  const spec: CharacterSpec = {
    id: (model.name || path.basename(mhmFile, path.extname(mhmFile))).replace(/[^\w.-]/g, '_'),
    macro: model.macro,
    skeleton: (model.skeleton ?? options.skeleton ?? 'cmu_mb').replace(/\.mhskel$/, ''),
    skin: model.skinMaterial ? model.skinMaterial.replace(/^data\//, '') : 'default',
    clothes: [],
    materials,
    hideFacesUnderClothes: model.hideFacesUnderClothes,
  };
  const clothes: ClothesItem[] = [];
  for (const proxy of model.proxies) {
    const loaded = await data.findProxy(proxy.uuid, proxy.type, mhmFile).catch(() => data.findProxy(proxy.name, proxy.type, mhmFile));
    if (proxy.type === 'clothes') clothes.push({ asset: loaded.uuid || loaded.assetName });
    else spec[proxy.type] = loaded.uuid || loaded.assetName;
  }
  spec.clothes = clothes;
  return spec;
}

/** Assembles an `.mhm` and writes it as `.glb` to `outFile`; returns the character. */
export async function characterFromMhm(data: MakeHumanAssets, mhmFile: string, outFile: string, options: MhmCharacterOptions = {}): Promise<AssembledCharacter> {
  const files = options.files ?? nodeFileStore;
  const spec = await specFromMhm(data, mhmFile, options);
  const character = await assembleCharacter(data, spec);
  const glb = await writeCharacterGlb(character, { readTexture: (file, unique) => data.bytes(file, !unique) });
  await files.writeAtomic(outFile, glb);
  return character;
}
