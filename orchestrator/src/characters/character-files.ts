/**
 * Writes one character's folder: `character.glb`, `character.mhm` (plus `materials/<garment>.mhmat`
 * for cloned clothes textures, so MakeHuman shows them too) and `card.json`, each atomically and
 * the card last (its presence marks the character complete, which resumption checks).
 */
import path from 'node:path';
import { CHARACTER_CARD_CONTRACT, CHARACTER_FILES } from '../contracts/character.js';
import type { FileStore } from '../shared/file-store.js';
import { nodeFileStore } from '../shared/node-file-store.js';
import { packageInfo } from '../shared/package-info.js';
import type { AssembledCharacter } from './character-assembly.js';
import { ageYears, genderLabel } from '../makehuman/macro-modifiers.js';
import type { CardAsset, CharacterCard } from '../contracts/character.js';
import { writeCharacterGlb } from './gltf-writer.js';
import type { MakeHumanAssets } from '../makehuman/makehuman-assets.js';
import { writeMhm } from '../makehuman/mhm-format.js';
import type { MhmModel } from '../makehuman/mhm-format.js';

export interface CharacterFileOptions {
  /** The character's folder. */
  dir: string;
  files?: FileStore;
  /** Card fields known only to the caller (identity, seeds, source images, drawn height, input key). */
  card: Pick<CharacterCard, 'identity' | 'seed' | 'itemSeed' | 'sourceImages' | 'outfitId' | 'inputKey'> & {
    heightCmDrawn?: number;
    heightRule?: CharacterCard['body']['heightRule'];
  };
  /** Texture paths as they should appear in the card (e.g. relative to the clone folder), by absolute path. */
  textureLabels?: Map<string, string>;
  /** Extra glTF `extras.clonedperson` fields. */
  extras?: Record<string, unknown>;
}

function materialText(garmentName: string, texture: string): string {
  return [
    `# Cloned texture for ${garmentName}, written by clonedperson`,
    `name ${garmentName}_cloned`,
    'diffuseColor 1.0 1.0 1.0',
    'shininess 0.2',
    'opacity 1.0',
    'backfaceCull True',
    `diffuseTexture ${texture.split(path.sep).join('/')}`,
    '',
  ].join('\n');
}

/**
 * Writes the folder (see the module doc) and returns the card. Per-character textures (cloned
 * clothes) are read through `files`, like the clone stage's other outputs; the rest from `data`.
 */
export async function writeCharacterFiles(data: MakeHumanAssets, character: AssembledCharacter, options: CharacterFileOptions): Promise<CharacterCard> {
  const { spec } = character;
  const { dir } = options;
  const files = options.files ?? nodeFileStore;
  const glb = await writeCharacterGlb(character, {
    readTexture: (file, unique) => (unique ? files.read(file) : data.bytes(file)),
    extras: options.extras ?? {},
  });
  await files.writeAtomic(path.join(dir, CHARACTER_FILES.glb), glb);

  const assets: CardAsset[] = [];
  const mhmProxies: MhmModel['proxies'] = [];
  const materials: MhmModel['materials'] = [];
  for (const part of character.parts) {
    if (part.kind === 'body') continue;
    const proxy = character.proxies.find((p) => p.assetName === part.name && p.kind === part.kind);
    if (!proxy) continue;
    const d = proxy.definition;
    mhmProxies.push({ type: part.kind, name: d.name, uuid: d.uuid || d.name });
    const asset: CardAsset = { kind: part.kind, asset: proxy.assetName, name: d.name, uuid: d.uuid };
    if (part.material.textureIsUnique && part.material.texture) {
      const materialFile = path.join(dir, 'materials', `${proxy.assetName}.mhmat`);
      await files.writeAtomic(materialFile, materialText(proxy.assetName, path.relative(path.dirname(materialFile), part.material.texture)));
      materials.push({ name: d.name, uuid: d.uuid, path: `materials/${proxy.assetName}.mhmat` });
      asset.texture = options.textureLabels?.get(part.material.texture) ?? part.material.texture;
    }
    if (part.kind === 'eyes' && spec.eyeMaterial) {
      const file = await data.resolveRelative(spec.eyeMaterial, proxy.file);
      const relative = file ? data.relativeToRoot(file) : undefined;
      if (relative) {
        materials.push({ name: d.name, uuid: d.uuid, path: relative });
        asset.material = relative;
      }
    }
    assets.push(asset);
  }
  const skinFile = (await data.skin(spec.skin)).definition.file;
  const mhm = writeMhm({
    version: 'v1.1.1',
    name: spec.id,
    tags: ['clonedperson'],
    macro: spec.macro,
    proxies: mhmProxies,
    hideFacesUnderClothes: spec.hideFacesUnderClothes,
    skeleton: `${spec.skeleton.replace(/\.mhskel$/, '')}.mhskel`,
    skinMaterial: data.relativeToRoot(skinFile) ?? skinFile,
    materials,
  });
  await files.writeAtomic(path.join(dir, CHARACTER_FILES.mhm), mhm);

  const card: CharacterCard = {
    formatVersion: 1,
    id: spec.id,
    generator: `${packageInfo().name} ${packageInfo().version}`,
    ...(options.card.identity ? { identity: options.card.identity } : {}),
    ...(options.card.seed !== undefined ? { seed: options.card.seed } : {}),
    ...(options.card.itemSeed !== undefined ? { itemSeed: options.card.itemSeed } : {}),
    body: {
      gender: genderLabel(spec.macro.gender),
      macro: spec.macro,
      ...(options.card.heightCmDrawn !== undefined ? { heightCmDrawn: Math.round(options.card.heightCmDrawn * 100) / 100 } : {}),
      heightCm: Math.round(character.heightCm * 100) / 100,
      ...(options.card.heightRule ? { heightRule: options.card.heightRule } : {}),
      ageYears: Math.round(ageYears(spec.macro.age) * 10) / 10,
    },
    skeleton: spec.skeleton,
    skin: spec.skin,
    assets,
    sourceImages: options.card.sourceImages,
    ...(options.card.outfitId ? { outfitId: options.card.outfitId } : {}),
    files: { glb: CHARACTER_FILES.glb, mhm: CHARACTER_FILES.mhm },
    ...(options.card.inputKey ? { inputKey: options.card.inputKey } : {}),
  };
  await files.writeAtomic(path.join(dir, CHARACTER_FILES.card), CHARACTER_CARD_CONTRACT.format(card));
  return card;
}
