/**
 * `clonedperson characters`: one character per identity of a selection (contracts/selection.ts),
 * dressed in the clothes its outfit was cloned onto (contracts/outfit-record.ts).
 *
 * For identity `i` with image `img`: the outfit record is `<textures>/outfits/<outfitIdForImage(img)>.json`.
 * Its `textures[]` name the clothes assets (`model`) and the PNGs (`file`, relative to
 * `<textures>`) that replace their diffuse textures. The body and accessories come from the
 * paper's random rules (body-generator.ts) seeded with `deriveSeed(seed, 'character', i)`; shoes
 * are added from the shoe list.
 *
 * Output (`--out <dir>`, layout in contracts/character.ts): `<dir>/<id>/character.glb`,
 * `character.mhm`, `materials/*.mhmat`, `card.json` (written last) and `<dir>/characters.json`.
 *
 * Resumable by the one resume rule (shared/input-key.ts): a character whose card holds the input
 * key of its identity (options, selection entry, outfit textures' bytes, MakeHuman assets,
 * package version) is kept; anything else is remade. Per-identity failures are recorded in the
 * summary and in characters.json and the batch continues (the CLI then exits with
 * E_ITEMS_FAILED, code 1).
 */
import path from 'node:path';
import { CHARACTER_CARD_CONTRACT, CHARACTER_FILES, CHARACTERS_LIST_CONTRACT, CHARACTERS_LIST_FILE, characterIdFor } from '../contracts/character.js';
import type { CharacterEntry, CharacterFailure } from '../contracts/character.js';
import { outfitIdForImage, outfitRecordPath } from '../contracts/outfit-id.js';
import { OUTFIT_RECORD_CONTRACT } from '../contracts/outfit-record.js';
import { SELECTION_CONTRACT } from '../contracts/selection.js';
import type { Selection } from '../contracts/selection.js';
import { ClonedPersonError, toClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import { contentHash, inputKey } from '../shared/input-key.js';
import { silentLogger } from '../shared/logger.js';
import type { Logger } from '../shared/logger.js';
import { nodeFileStore } from '../shared/node-file-store.js';
import { noProgress } from '../shared/progress.js';
import type { ProgressCallback } from '../shared/progress.js';
import { DEFAULT_SEED } from '../shared/random.js';
import { ACCESSORY_DEFAULTS } from './body-generator.js';
import type { AccessoryLists, HeightRule } from './body-generator.js';
import { assembleCharacter } from './character-assembly.js';
import { writeCharacterFiles } from './character-files.js';
import type { ClothesItem } from './character-spec.js';
import { randomCharacterSpec } from './random-character.js';
import type { MakeHumanAssets } from '../makehuman/makehuman-assets.js';

/** Defaults of the characters stage (the CLI imports them). */
export const CHARACTERS_DEFAULTS = {
  skeleton: 'cmu_mb',
  heightRule: 'measured' as HeightRule,
  hideFacesUnderClothes: true,
};

export interface CharactersOptions {
  data: MakeHumanAssets;
  selectionFile: string;
  /** The clone stage's output folder. */
  texturesDir: string;
  outDir: string;
  skeleton?: string;
  /** Run seed; defaults to the selection's seed. */
  seed?: number;
  heightRule?: HeightRule;
  accessories?: Partial<AccessoryLists>;
  /** Remake characters even when their card is up to date. */
  force?: boolean;
  /** Only these identity ids (all when undefined). */
  only?: number[];
  files?: FileStore;
  logger?: Logger;
  onProgress?: ProgressCallback;
  /** The package version in the input keys (default this package's; tests simulate upgrades). */
  version?: string;
}

export interface CharactersSummary {
  total: number;
  made: number;
  skipped: number;
  failed: CharacterFailure[];
  characters: CharacterEntry[];
}

/** Reads and checks a selection.json. */
export async function readSelection(file: string, files: FileStore = nodeFileStore): Promise<Selection> {
  return SELECTION_CONTRACT.parse(await files.read(file), file);
}

interface OutfitTextures {
  outfitId: string;
  clothes: ClothesItem[];
  /** Absolute texture path -> as written in the record (relative to the clone folder). */
  labels: Map<string, string>;
  /** Content hash of each texture, in record order. */
  hashes: string[];
}

/** Reads the clone stage's record for an image and turns it into clothes with textures. */
export async function readOutfit(texturesDir: string, image: string, logger: Logger = silentLogger, files: FileStore = nodeFileStore): Promise<OutfitTextures> {
  const outfitId = outfitIdForImage(image);
  const recordFile = path.join(texturesDir, outfitRecordPath(outfitId));
  if (!(await files.exists(recordFile))) {
    throw new ClonedPersonError('E_OUTFIT_MISSING', `characters: no finished outfit record ${recordFile} for image ${image} (run \`clonedperson clone\` first)`, {
      details: { file: recordFile, image },
    });
  }
  const record = OUTFIT_RECORD_CONTRACT.parse(await files.read(recordFile), recordFile);
  const clothes: ClothesItem[] = [];
  const labels = new Map<string, string>();
  const hashes: string[] = [];
  for (const texture of record.textures) {
    const asset = texture.model.replace(/^clothes\//, '');
    if (clothes.some((c) => c.asset === asset)) {
      logger.warn(`characters: ${recordFile}: more than one texture for ${asset}; using the first`);
      continue;
    }
    const file = await files.resolveInside(texturesDir, texture.file);
    if (!(await files.exists(file))) {
      throw new ClonedPersonError('E_OUTFIT_MISSING', `characters: ${recordFile}: texture ${texture.file} does not exist`, { details: { file } });
    }
    clothes.push({ asset, diffuseTexture: file });
    labels.set(file, texture.file);
    hashes.push(contentHash(await files.read(file)));
  }
  return { outfitId, clothes, labels, hashes };
}

async function cardKey(file: string, files: FileStore): Promise<string | undefined> {
  try {
    return CHARACTER_CARD_CONTRACT.parse(await files.read(file), file).inputKey;
  } catch {
    return undefined;
  }
}

/** What every character of a run shares: the settings in its input key and the assets' fingerprint. */
interface RunSettings {
  seed: number;
  skeleton: string;
  heightRule: HeightRule;
  lists: AccessoryLists;
  hideFacesUnderClothes: boolean;
}

type Identity = Selection['identities'][number];

/** The list entry of an identity's character (paths relative to the output folder). */
function characterEntry(identity: Identity): CharacterEntry {
  const id = characterIdFor(identity.id);
  return {
    id,
    identity: identity.id,
    split: identity.split,
    image: identity.image,
    glb: `${id}/${CHARACTER_FILES.glb}`,
    card: `${id}/${CHARACTER_FILES.card}`,
    mhm: `${id}/${CHARACTER_FILES.mhm}`,
  };
}

/** Makes one identity's character unless its card holds the same input key; 'made' or 'kept'. */
async function makeCharacter(options: CharactersOptions, settings: RunSettings, assets: string, identity: Identity, files: FileStore, logger: Logger): Promise<'made' | 'kept'> {
  const { data } = options;
  const id = characterIdFor(identity.id);
  const dir = path.join(options.outDir, id);
  const outfit = await readOutfit(options.texturesDir, identity.image, logger, files);
  const key = inputKey({
    stage: 'characters',
    item: id,
    options: { ...settings, identity, textures: [...outfit.labels.values()] },
    inputs: { textures: outfit.hashes, makehuman: assets },
    ...(options.version !== undefined ? { version: options.version } : {}),
  });
  if (!options.force && (await cardKey(path.join(dir, CHARACTER_FILES.card), files)) === key) return 'kept';
  const { spec, draw, itemSeed } = await randomCharacterSpec(data, { id, identity: identity.id, clothes: outfit.clothes, ...settings });
  const character = await assembleCharacter(data, spec);
  await files.remove(path.join(dir, CHARACTER_FILES.card));
  await writeCharacterFiles(data, character, {
    dir,
    files,
    card: {
      identity: { id: identity.id, image: identity.image, cluster: identity.cluster, split: identity.split },
      seed: settings.seed,
      itemSeed,
      sourceImages: [identity.image],
      outfitId: outfit.outfitId,
      heightCmDrawn: draw.heightCm,
      heightRule: settings.heightRule,
      inputKey: key,
    },
    textureLabels: outfit.labels,
    extras: { identity: identity.id, split: identity.split },
  });
  logger.debug(`characters: ${id} ${draw.gender} ${character.heightCm.toFixed(1)} cm, ${spec.clothes.map((c) => c.asset).join(' + ')}`);
  return 'made';
}

/** Makes the characters of a selection (see the module doc). */
export async function makeCharacters(options: CharactersOptions): Promise<CharactersSummary> {
  const logger = options.logger ?? silentLogger;
  const onProgress = options.onProgress ?? noProgress;
  const files = options.files ?? nodeFileStore;
  const selection = await readSelection(options.selectionFile, files);
  const settings: RunSettings = {
    seed: options.seed ?? selection.seed ?? DEFAULT_SEED,
    skeleton: options.skeleton ?? CHARACTERS_DEFAULTS.skeleton,
    heightRule: options.heightRule ?? CHARACTERS_DEFAULTS.heightRule,
    lists: { ...ACCESSORY_DEFAULTS, ...options.accessories },
    hideFacesUnderClothes: CHARACTERS_DEFAULTS.hideFacesUnderClothes,
  };
  const identities = selection.identities.filter((i) => !options.only || options.only.includes(i.id));
  // Fail early on a rig or base data that cannot load, before touching any identity.
  await options.data.skeleton(settings.skeleton);
  await options.data.baseMesh();
  const assets = await options.data.fingerprint();

  const summary: CharactersSummary = { total: identities.length, made: 0, skipped: 0, failed: [], characters: [] };
  for (const [index, identity] of identities.entries()) {
    onProgress(index, identities.length, identity.image);
    try {
      if ((await makeCharacter(options, settings, assets, identity, files, logger)) === 'made') summary.made++;
      else summary.skipped++;
      summary.characters.push(characterEntry(identity));
    } catch (raw) {
      const error = toClonedPersonError(raw);
      if (error.code === 'E_INTERNAL') throw error;
      logger.warn(`characters: identity ${identity.id} (${identity.image}) failed: ${error.code}: ${error.message}`);
      summary.failed.push({ identity: identity.id, image: identity.image, code: error.code, message: error.message });
    }
  }
  onProgress(identities.length, identities.length);
  const list = { formatVersion: 1 as const, seed: settings.seed, skeleton: settings.skeleton, selection: path.resolve(options.selectionFile), characters: summary.characters, failed: summary.failed };
  await files.writeAtomic(path.join(options.outDir, CHARACTERS_LIST_FILE), CHARACTERS_LIST_CONTRACT.format(list));
  return summary;
}
