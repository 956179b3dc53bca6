/**
 * `clonedperson character --mhm <file> --out <file.glb>`: a MakeHuman model file to a `.glb`.
 * Proxies resolve by UUID (then by name), material lines by path (absolute, relative to the
 * `.mhm`, or relative to a data root), the rig from the `.mhm`'s `skeleton` line or the given
 * default. Unsupported lines (non-macro modifiers, poses) are logged as warnings.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ClonedPersonError } from '../shared/errors.js';
import { writeFileAtomic } from '../shared/files.js';
import { assembleCharacter } from './character-assembly.js';
import type { AssembledCharacter } from './character-assembly.js';
import type { CharacterSpec, ClothesItem } from './character-spec.js';
import { findInRoots } from '../makehuman/data-root.js';
import { writeCharacterGlb } from './gltf-writer.js';
import type { MakeHumanData } from '../makehuman/makehuman-data.js';
import { parseMhm } from '../makehuman/mhm-format.js';

export interface MhmCharacterOptions {
  /** Rig when the `.mhm` has no `skeleton` line (default cmu_mb). */
  skeleton?: string;
}

/** Builds the character spec an `.mhm` describes. */
export async function specFromMhm(data: MakeHumanData, mhmFile: string, options: MhmCharacterOptions = {}): Promise<CharacterSpec> {
  let text: string;
  try {
    text = await readFile(mhmFile, 'utf8');
  } catch (cause) {
    throw new ClonedPersonError('E_IO', `characters: cannot read ${mhmFile}: ${(cause as Error).message}`, { cause, details: { file: mhmFile } });
  }
  const model = parseMhm(text, mhmFile);
  for (const warning of model.warnings) data.logger.warn(`characters: ${warning}`);
  const resolveMaterial = (p: string): string | undefined => {
    if (path.isAbsolute(p) && existsSync(p)) return p;
    const local = path.resolve(path.dirname(mhmFile), p);
    if (existsSync(local)) return local;
    return findInRoots(data.roots, p.replace(/^data\//, ''));
  };
  const materials: Record<string, string> = {};
  for (const m of model.materials) {
    const file = resolveMaterial(m.path);
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
export async function characterFromMhm(data: MakeHumanData, mhmFile: string, outFile: string, options: MhmCharacterOptions = {}): Promise<AssembledCharacter> {
  const spec = await specFromMhm(data, mhmFile, options);
  const character = await assembleCharacter(data, spec);
  const glb = await writeCharacterGlb(character, { readTexture: (file, unique) => data.bytes(file, !unique) });
  await writeFileAtomic(outFile, glb);
  return character;
}
