/**
 * One random character's spec: the paper's body draw for an identity (seeded by the run seed
 * and the identity), the height rule applied, and the drawn accessories around the given
 * clothes. The batch, the benchmark and the preview fixture all make characters this way.
 */
import { createRandom, deriveSeed } from '../shared/random.js';
import { ACCESSORY_DEFAULTS, drawBody } from './body-generator.js';
import type { AccessoryLists, BodyDraw, HeightRule } from './body-generator.js';
import { solveHeightSlider } from './character-height.js';
import type { CharacterSpec, ClothesItem } from './character-spec.js';
import type { MakeHumanAssets } from '../makehuman/makehuman-assets.js';

export interface RandomCharacterOptions {
  /** Output id of the character (folder and glTF scene name). */
  id: string;
  /** 0-based identity number: gender alternates with it, and it seeds the draw. */
  identity: number;
  seed: number;
  skeleton: string;
  /** Garments (the drawn shoes are added after them, as optional). */
  clothes: ClothesItem[];
  lists?: AccessoryLists;
  /** `measured` solves the height slider to the drawn centimetres; `paper` keeps cm / 200. */
  heightRule?: HeightRule;
  hideFacesUnderClothes?: boolean;
}

export interface RandomCharacter {
  spec: CharacterSpec;
  draw: BodyDraw;
  /** The seed of this identity's draw. */
  itemSeed: number;
}

export async function randomCharacterSpec(data: MakeHumanAssets, options: RandomCharacterOptions): Promise<RandomCharacter> {
  const lists = options.lists ?? ACCESSORY_DEFAULTS;
  const itemSeed = deriveSeed(options.seed, 'character', options.identity);
  const draw = drawBody(options.identity, createRandom(itemSeed), lists);
  let macro = draw.macro;
  if ((options.heightRule ?? 'measured') === 'measured') {
    const solved = await solveHeightSlider(data, macro, draw.heightCm);
    macro = { ...macro, height: solved.slider };
  }
  const spec: CharacterSpec = {
    id: options.id,
    macro,
    skeleton: options.skeleton,
    skin: draw.skin,
    eyes: lists.eyes,
    ...(draw.eyeMaterial ? { eyeMaterial: draw.eyeMaterial } : {}),
    ...(draw.eyebrows ? { eyebrows: draw.eyebrows } : {}),
    eyelashes: lists.eyelashes,
    ...(draw.hair ? { hair: draw.hair } : {}),
    ...(draw.beard ? { beard: draw.beard } : {}),
    clothes: [...options.clothes, ...(draw.shoes ? [{ asset: draw.shoes, optional: true }] : [])],
    hideFacesUnderClothes: options.hideFacesUnderClothes ?? true,
  };
  return { spec, draw, itemSeed };
}
