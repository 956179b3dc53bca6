/**
 * What a character is made of, before assembly: body sliders, rig, skin and the proxies it
 * wears. Proxy references are anything `MakeHumanAssets.findProxy` accepts (UUID, folder
 * name, `.mhclo` name or proxy name); clothes may carry a cloned diffuse texture that replaces
 * the garment's own. Eyes, eyebrows, eyelashes, teeth, tongue, hair and beard are optional
 * accessories: one that is not in the data roots is left out with a warning.
 */
import type { MacroValues } from '../makehuman/macro-modifiers.js';

export interface ClothesItem {
  /** Clothes asset (folder name under data/clothes, e.g. `male_casualsuit01`) or UUID. */
  asset: string;
  /** Absolute path of a PNG/JPEG replacing the garment's diffuse texture. */
  diffuseTexture?: string;
  /** Leave it out with a warning when the asset is not in the data roots (shoes from a list). */
  optional?: boolean;
}

export interface CharacterSpec {
  /** Output folder name and glTF scene name; letters, digits, `_`, `-`, `.`. */
  id: string;
  macro: MacroValues;
  /** Rig name: `cmu_mb` (ClonedPerson's) or `default`. */
  skeleton: string;
  /** Skin name (`default`, `young_caucasian_female`, ...). */
  skin: string;
  eyes?: string;
  /** Eye material, relative to the eyes proxy (`../materials/brown.mhmat`) or absolute. */
  eyeMaterial?: string;
  eyebrows?: string;
  eyelashes?: string;
  teeth?: string;
  tongue?: string;
  hair?: string;
  /** A beard is a clothes proxy in MakeHuman (ClonedPerson used community beards). */
  beard?: string;
  /** Garments, shoes included. */
  clothes: ClothesItem[];
  /**
   * Material overrides (MakeHuman `.mhm` `material` lines): proxy UUID or asset name -> absolute
   * `.mhmat` path.
   */
  materials?: Record<string, string>;
  /** MakeHuman's `clothesHideFaces` (ClonedPerson: true). */
  hideFacesUnderClothes: boolean;
}
