/**
 * The character card (`card.json`): everything needed to know what a character is and to
 * rebuild it — body parameters (slider values and heights), rig, skin, the assets it wears
 * (asset name, proxy name, UUID, replaced texture), the seeds and the source images. Written
 * last in a character's folder, so its presence means the character is complete.
 *
 * ```json
 * { "formatVersion": 1, "id": "0003", "generator": "clonedperson 0.1.0",
 *   "identity": { "id": 3, "image": "img/a.jpeg", "cluster": 1, "split": "train" },
 *   "seed": 1, "itemSeed": 2750431810,
 *   "body": { "gender": "female", "macro": { "gender": 0, "age": 0.41, ... },
 *             "heightCmDrawn": 158.2, "heightCm": 158.2, "heightRule": "measured", "ageYears": 20.7 },
 *   "skeleton": "cmu_mb", "skin": "default",
 *   "assets": [ { "kind": "clothes", "asset": "female_casualsuit01", "name": "female_casualsuit01",
 *                 "uuid": "...", "texture": "textures/img__a.jpeg/fcs01.png" }, ... ],
 *   "sourceImages": ["img/a.jpeg"], "outfitId": "img__a.jpeg",
 *   "files": { "glb": "character.glb", "mhm": "character.mhm" } }
 * ```
 */
import type { HeightRule } from './body-generator.js';
import type { MacroValues } from '../makehuman/macro-modifiers.js';

export interface CardAsset {
  kind: string;
  /** Folder name under the kind (clothes: what garment templates call `model`). */
  asset: string;
  /** The proxy's `name` field. */
  name: string;
  uuid: string;
  /** For cloned clothes: the texture that replaced the diffuse map (as given, relative to the clone folder). */
  texture?: string;
  /** Material override used, if any. */
  material?: string;
}

export interface CharacterCard {
  formatVersion: 1;
  id: string;
  generator: string;
  identity?: { id: number; image: string; cluster?: number; split?: string };
  seed?: number;
  itemSeed?: number;
  body: {
    gender: 'male' | 'female' | 'mixed';
    macro: MacroValues;
    heightCmDrawn?: number;
    /** Measured like MakeHuman (vertical extent of the body mesh). */
    heightCm: number;
    heightRule?: HeightRule;
    ageYears: number;
  };
  skeleton: string;
  skin: string;
  assets: CardAsset[];
  sourceImages: string[];
  outfitId?: string;
  files: { glb: string; mhm?: string };
}

/** MakeHuman's age in years for the age slider (1 year at 0, 25 at 0.5, 90 at 1). */
export function ageYears(age: number): number {
  return age < 0.5 ? 1 + (25 - 1) * 2 * age : 25 + (90 - 25) * 2 * (age - 0.5);
}

/** 'male' / 'female' for the extreme gender values, 'mixed' otherwise. */
export function genderLabel(gender: number): 'male' | 'female' | 'mixed' {
  return gender >= 1 ? 'male' : gender <= 0 ? 'female' : 'mixed';
}
