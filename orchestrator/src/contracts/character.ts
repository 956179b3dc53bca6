/**
 * Contract: the character files. Producer: the characters stage (and `character` for one .mhm).
 * Consumers: render (which characters to load), the players (the `.glb` and its extras), dataset
 * and run (identity and split of a character).
 *
 * Layout of a characters folder:
 * ```
 * <out>/<id>/character.glb   skinned glTF 2.0 binary; top-level extras `clonedperson` = GlbExtras
 * <out>/<id>/character.mhm   the same character for MakeHuman (+ materials/<garment>.mhmat)
 * <out>/<id>/card.json       CharacterCard, written last: the character's completion record
 * <out>/characters.json      CharactersList: every identity of the batch, made or failed
 * ```
 * `<id>` is the identity number zero-padded to 4 digits ({@link characterIdFor}).
 *
 * Units: the glb is in metres, +Y up, facing +Z, the character's left at +X, feet at y = 0.
 */
import { ClonedPersonError } from '../shared/errors.js';
import { defineJsonContract, utf8Decode } from './contract.js';
import type { Count } from './selection.js';

export const CHARACTER_FILES = { glb: 'character.glb', mhm: 'character.mhm', card: 'card.json' } as const;
export const CHARACTERS_LIST_FILE = 'characters.json';

/** Folder name of an identity's character. */
export function characterIdFor(identity: number): string {
  return String(identity).padStart(4, '0');
}

/**
 * A value in [0, 1].
 * @minimum 0
 * @maximum 1
 */
export type Unit = number;

/** MakeHuman's macro slider values, each 0..1. */
export interface CardMacro {
  gender: Unit;
  age: Unit;
  muscle: Unit;
  weight: Unit;
  height: Unit;
  bodyProportions: Unit;
  breastSize: Unit;
  breastFirmness: Unit;
  african: Unit;
  asian: Unit;
  caucasian: Unit;
}

/** An asset the character wears. */
export interface CardAsset {
  /** `clothes`, `hair`, `eyebrows`, `eyes`, ... */
  kind: string;
  /** Folder name under the kind (clothes: what garment templates call `model`). */
  asset: string;
  /** The proxy's `name` field. */
  name: string;
  uuid: string;
  /** For cloned clothes: the texture that replaced the diffuse map (relative to the clone folder). */
  texture?: string;
  /** Material override used, if any. */
  material?: string;
}

/** Which selection identity a character shows. */
export interface CardIdentity {
  id: Count;
  image: string;
  /** @asType integer */
  cluster?: number;
  split?: 'train' | 'test';
}

/** `card.json`: what a character is and how to rebuild it. */
export interface CharacterCard {
  formatVersion: 1;
  id: string;
  /** `clonedperson <version>`. */
  generator: string;
  identity?: CardIdentity;
  seed?: Count;
  itemSeed?: Count;
  body: {
    gender: 'male' | 'female' | 'mixed';
    macro: CardMacro;
    heightCmDrawn?: number;
    /** Measured like MakeHuman (vertical extent of the body mesh). */
    heightCm: number;
    heightRule?: 'measured' | 'paper';
    ageYears: number;
  };
  skeleton: string;
  skin: string;
  assets: CardAsset[];
  sourceImages: string[];
  outfitId?: string;
  files: { glb: string; mhm?: string };
  /** Input key over everything that shaped the character (shared/input-key.ts). */
  inputKey?: string;
}

/** One identity of a characters batch that became a character. */
export interface CharacterEntry {
  /** The folder name (`0003`). */
  id: string;
  identity: Count;
  split?: 'train' | 'test';
  image: string;
  /** Paths relative to the characters folder. */
  glb: string;
  card: string;
  mhm: string;
}

/** One identity that could not become a character. */
export interface CharacterFailure {
  identity: Count;
  image: string;
  code: string;
  message: string;
}

/** `characters.json`: the batch's list of characters and failures. */
export interface CharactersList {
  formatVersion: 1;
  seed: Count;
  skeleton: string;
  /** The selection.json the batch read (absolute path). */
  selection: string;
  characters: CharacterEntry[];
  failed: CharacterFailure[];
}

/** The glb's top-level `extras.clonedperson`, read by both players. */
export interface GlbExtras {
  formatVersion: 1;
  characterId: string;
  /** Rig name (`cmu_mb`, `default`). */
  skeleton: string;
  /** MakeHuman bone (= glTF node name) -> Unity `HumanBodyBones` name. */
  humanoidBones: Record<string, string>;
  /** skin.skeleton node name. */
  rootBone: string;
  units: 'm';
  up: '+Y';
  forward: '+Z';
  /** MakeHuman height of the body mesh, metres. */
  heightM: number;
  generator: string;
  /** The selection identity, when made by the characters batch. */
  identity?: Count;
  split?: 'train' | 'test';
}

export const CHARACTER_CARD_CONTRACT = defineJsonContract<CharacterCard>({
  type: 'CharacterCard',
  formatVersion: 1,
  errorCode: 'E_CHARACTER_INVALID',
});

export const CHARACTERS_LIST_CONTRACT = defineJsonContract<CharactersList>({
  type: 'CharactersList',
  formatVersion: 1,
  errorCode: 'E_CHARACTER_INVALID',
  check(list, fail) {
    const seen = new Set<string>();
    list.characters.forEach((c, i) => {
      if (seen.has(c.id)) fail(`/characters/${i}/id`, `character ${c.id} is listed twice`);
      seen.add(c.id);
    });
  },
});

export const GLB_EXTRAS_CONTRACT = defineJsonContract<GlbExtras>({
  type: 'GlbExtras',
  formatVersion: 1,
  errorCode: 'E_CHARACTER_INVALID',
});

/**
 * The `extras.clonedperson` object of a glb's JSON chunk (bytes of the whole .glb), without a
 * glTF library: players read it before or while handing the glb to their loader. Returns
 * undefined when the glb has no such extras (a glb from elsewhere); throws on a bad container.
 */
export function readGlbExtras(glb: Uint8Array, where: string): GlbExtras | undefined {
  const json = readGlbJson(glb, where) as { extras?: { clonedperson?: unknown } };
  const extras = json.extras?.clonedperson;
  return extras === undefined ? undefined : GLB_EXTRAS_CONTRACT.check(extras, `${where}: extras.clonedperson`);
}

/** The parsed JSON chunk of a glb container (glTF 2.0 binary: 12-byte header, JSON chunk first). */
export function readGlbJson(glb: Uint8Array, where: string): unknown {
  const view = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
  const invalid = (message: string): never => {
    throw new ClonedPersonError('E_CHARACTER_INVALID', `${where}: ${message}`, { details: { file: where } });
  };
  if (glb.byteLength < 20 || view.getUint32(0, true) !== 0x46546c67) invalid('not a glb (no glTF magic)');
  if (view.getUint32(4, true) !== 2) invalid(`glb version ${view.getUint32(4, true)}, expected 2`);
  const length = view.getUint32(12, true);
  if (view.getUint32(16, true) !== 0x4e4f534a || 20 + length > glb.byteLength) invalid('the first glb chunk is not a complete JSON chunk');
  try {
    return JSON.parse(utf8Decode(glb.subarray(20, 20 + length)));
  } catch (cause) {
    return invalid(`the JSON chunk does not parse: ${(cause as Error).message}`);
  }
}
