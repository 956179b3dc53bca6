/**
 * `clonedperson characters`: one character per identity of a `selection.json` (issue 4's
 * output), dressed in the clothes its outfit was cloned onto.
 *
 * For identity `i` with image `img`: the outfit record is `<textures>/outfits/<outfitIdForImage(img)>.json`
 * (the clone stage's output; see docs/contracts). Its `textures[]` name the clothes assets
 * (`model`) and the PNGs (`file`, relative to `<textures>`) that replace their diffuse
 * textures. The body and accessories come from the paper's random rules (body-generator.ts)
 * seeded with `deriveSeed(seed, 'character', i)`; shoes are added from the shoe list.
 *
 * Output (`--out <dir>`): `<dir>/<id>/character.glb`, `character.mhm`, `materials/*.mhmat`,
 * `card.json` (written last) with `<id>` the identity number zero-padded to 4 digits, and
 * `<dir>/characters.json` listing them:
 * ```json
 * { "formatVersion": 1, "seed": 1, "skeleton": "cmu_mb", "selection": "/abs/selection.json",
 *   "characters": [ { "id": "0000", "identity": 0, "split": "train", "image": "img/a.jpeg",
 *                     "glb": "0000/character.glb", "card": "0000/card.json", "mhm": "0000/character.mhm" } ],
 *   "failed": [ { "identity": 5, "image": "img/f.jpeg", "code": "E_OUTFIT_MISSING", "message": "..." } ] }
 * ```
 * Resumable: an identity whose `card.json` exists with the same seed, rig and outfit texture set
 * is skipped (unless `force`). Per-identity failures are recorded in the summary and in
 * characters.json and the batch continues (the CLI then exits with E_ITEMS_FAILED, code 1).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { outfitIdForImage } from '../cloning/outfit-id.js';
import { ClonedPersonError, toClonedPersonError } from '../shared/errors.js';
import { pathExists, resolveInside, writeJsonAtomic } from '../shared/files.js';
import { silentLogger } from '../shared/logger.js';
import type { Logger } from '../shared/logger.js';
import { noProgress } from '../shared/progress.js';
import type { ProgressCallback } from '../shared/progress.js';
import { ACCESSORY_DEFAULTS } from './body-generator.js';
import type { AccessoryLists, HeightRule } from './body-generator.js';
import { assembleCharacter } from './character-assembly.js';
import { randomCharacterSpec } from './random-character.js';
import type { CharacterCard } from './character-card.js';
import { CHARACTER_FILES, writeCharacterFiles } from './character-files.js';
import type { ClothesItem } from './character-spec.js';
import type { MakeHumanData } from '../makehuman/makehuman-data.js';

/** Defaults of the characters stage (the CLI imports them). */
export const CHARACTERS_DEFAULTS = {
  skeleton: 'cmu_mb',
  seed: 1,
  heightRule: 'measured' as HeightRule,
  hideFacesUnderClothes: true,
};

export interface SelectionIdentity {
  id: number;
  image: string;
  cluster?: number;
  split?: string;
}

export interface Selection {
  formatVersion: 1;
  method?: string;
  seed?: number;
  identities: SelectionIdentity[];
}

export interface CharactersOptions {
  data: MakeHumanData;
  selectionFile: string;
  /** The clone stage's output folder. */
  texturesDir: string;
  outDir: string;
  skeleton?: string;
  /** Run seed; defaults to the selection's seed, else 1. */
  seed?: number;
  heightRule?: HeightRule;
  accessories?: Partial<AccessoryLists>;
  force?: boolean;
  /** Only these identity ids (all when undefined). */
  only?: number[];
  logger?: Logger;
  onProgress?: ProgressCallback;
}

export interface CharacterEntry {
  id: string;
  identity: number;
  split?: string;
  image: string;
  glb: string;
  card: string;
  mhm: string;
}

export interface CharacterFailure {
  identity: number;
  image: string;
  code: string;
  message: string;
}

export interface CharactersSummary {
  total: number;
  made: number;
  skipped: number;
  failed: CharacterFailure[];
  characters: CharacterEntry[];
}

function fail(file: string, message: string): never {
  throw new ClonedPersonError('E_SELECTION_INVALID', `characters: ${file}: ${message}`, { details: { file } });
}

/** Checks a parsed selection.json (see docs/contracts: formatVersion 1, identities[]). */
export function parseSelection(value: unknown, file: string): Selection {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(file, 'expected a JSON object');
  const json = value as Record<string, unknown>;
  if (json.formatVersion !== 1) fail(file, `formatVersion must be 1, got ${JSON.stringify(json.formatVersion)}`);
  if (!Array.isArray(json.identities)) fail(file, '"identities" must be an array');
  const seen = new Set<number>();
  const identities = json.identities.map((raw: unknown, i): SelectionIdentity => {
    if (typeof raw !== 'object' || raw === null) fail(file, `identities[${i}] must be an object`);
    const entry = raw as Record<string, unknown>;
    if (!Number.isInteger(entry.id) || (entry.id as number) < 0) fail(file, `identities[${i}].id must be a non-negative integer`);
    if (typeof entry.image !== 'string' || entry.image.length === 0) fail(file, `identities[${i}].image must be a non-empty string`);
    if (seen.has(entry.id as number)) fail(file, `identities[${i}].id ${String(entry.id)} is repeated`);
    seen.add(entry.id as number);
    return {
      id: entry.id as number,
      image: entry.image,
      ...(Number.isInteger(entry.cluster) ? { cluster: entry.cluster as number } : {}),
      ...(typeof entry.split === 'string' ? { split: entry.split } : {}),
    };
  });
  return {
    formatVersion: 1,
    ...(typeof json.method === 'string' ? { method: json.method } : {}),
    ...(Number.isInteger(json.seed) ? { seed: json.seed as number } : {}),
    identities,
  };
}

/** Folder name of an identity's character. */
export function characterIdFor(identity: number): string {
  return String(identity).padStart(4, '0');
}

interface OutfitTextures {
  outfitId: string;
  clothes: ClothesItem[];
  /** Absolute texture path -> as written in the record (relative to the clone folder). */
  labels: Map<string, string>;
}

/** Reads the clone stage's record for an image and turns it into clothes with textures. */
export async function readOutfit(texturesDir: string, image: string, logger: Logger = silentLogger): Promise<OutfitTextures> {
  const outfitId = outfitIdForImage(image);
  const recordFile = path.join(texturesDir, 'outfits', `${outfitId}.json`);
  let text: string;
  try {
    text = await readFile(recordFile, 'utf8');
  } catch {
    throw new ClonedPersonError('E_OUTFIT_MISSING', `characters: no finished outfit record ${recordFile} for image ${image} (run \`clonedperson clone\` first)`, {
      details: { file: recordFile, image },
    });
  }
  let record: { textures?: unknown };
  try {
    record = JSON.parse(text) as { textures?: unknown };
  } catch (cause) {
    throw new ClonedPersonError('E_OUTFIT_MISSING', `characters: ${recordFile}: invalid JSON (${(cause as Error).message})`, { cause, details: { file: recordFile } });
  }
  if (!Array.isArray(record.textures) || record.textures.length === 0) {
    throw new ClonedPersonError('E_OUTFIT_MISSING', `characters: ${recordFile}: the outfit has no cloned textures`, { details: { file: recordFile } });
  }
  const clothes: ClothesItem[] = [];
  const labels = new Map<string, string>();
  for (const [i, raw] of (record.textures as unknown[]).entries()) {
    const t = raw as { model?: unknown; file?: unknown };
    if (typeof t.model !== 'string' || typeof t.file !== 'string') {
      throw new ClonedPersonError('E_OUTFIT_MISSING', `characters: ${recordFile}: textures[${i}] needs "model" and "file"`, { details: { file: recordFile } });
    }
    const asset = t.model.replace(/^clothes\//, '');
    if (clothes.some((c) => c.asset === asset)) {
      logger.warn(`characters: ${recordFile}: more than one texture for ${asset}; using the first`);
      continue;
    }
    const file = resolveInside(texturesDir, t.file);
    if (!(await pathExists(file))) {
      throw new ClonedPersonError('E_OUTFIT_MISSING', `characters: ${recordFile}: texture ${t.file} does not exist`, { details: { file } });
    }
    clothes.push({ asset, diffuseTexture: file });
    labels.set(file, t.file);
  }
  return { outfitId, clothes, labels };
}

async function upToDate(cardFile: string, expected: { seed: number; skeleton: string; textures: string[] }): Promise<boolean> {
  try {
    const card = JSON.parse(await readFile(cardFile, 'utf8')) as CharacterCard;
    const textures = card.assets.map((a) => a.texture).filter((t): t is string => typeof t === 'string').sort();
    return card.seed === expected.seed && card.skeleton === expected.skeleton && JSON.stringify(textures) === JSON.stringify([...expected.textures].sort());
  } catch {
    return false;
  }
}

/** Makes the characters of a selection (see the module doc). */
export async function makeCharacters(options: CharactersOptions): Promise<CharactersSummary> {
  const logger = options.logger ?? silentLogger;
  const onProgress = options.onProgress ?? noProgress;
  const { data } = options;
  let selectionText: string;
  try {
    selectionText = await readFile(options.selectionFile, 'utf8');
  } catch (cause) {
    throw new ClonedPersonError('E_IO', `characters: cannot read ${options.selectionFile}: ${(cause as Error).message}`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(selectionText);
  } catch (cause) {
    throw new ClonedPersonError('E_SELECTION_INVALID', `characters: ${options.selectionFile}: invalid JSON (${(cause as Error).message})`, { cause });
  }
  const selection = parseSelection(json, options.selectionFile);
  const seed = options.seed ?? selection.seed ?? CHARACTERS_DEFAULTS.seed;
  const skeleton = options.skeleton ?? CHARACTERS_DEFAULTS.skeleton;
  const heightRule = options.heightRule ?? CHARACTERS_DEFAULTS.heightRule;
  const lists: AccessoryLists = { ...ACCESSORY_DEFAULTS, ...options.accessories };
  const identities = selection.identities.filter((i) => !options.only || options.only.includes(i.id));
  // Fail early on a rig or base data that cannot load, before touching any identity.
  await data.skeleton(skeleton);
  await data.baseMesh();

  const summary: CharactersSummary = { total: identities.length, made: 0, skipped: 0, failed: [], characters: [] };
  for (const [index, identity] of identities.entries()) {
    onProgress(index, identities.length, identity.image);
    const id = characterIdFor(identity.id);
    const dir = path.join(options.outDir, id);
    const entry: CharacterEntry = {
      id,
      identity: identity.id,
      ...(identity.split ? { split: identity.split } : {}),
      image: identity.image,
      glb: `${id}/${CHARACTER_FILES.glb}`,
      card: `${id}/${CHARACTER_FILES.card}`,
      mhm: `${id}/${CHARACTER_FILES.mhm}`,
    };
    try {
      const outfit = await readOutfit(options.texturesDir, identity.image, logger);
      const textures = [...outfit.labels.values()];
      if (!options.force && (await upToDate(path.join(dir, CHARACTER_FILES.card), { seed, skeleton, textures }))) {
        summary.skipped++;
        summary.characters.push(entry);
        continue;
      }
      const { spec, draw, itemSeed } = await randomCharacterSpec(data, {
        id,
        identity: identity.id,
        seed,
        skeleton,
        clothes: outfit.clothes,
        lists,
        heightRule,
        hideFacesUnderClothes: CHARACTERS_DEFAULTS.hideFacesUnderClothes,
      });
      const character = await assembleCharacter(data, spec);
      await writeCharacterFiles(data, character, {
        dir,
        card: {
          identity: { id: identity.id, image: identity.image, ...(identity.cluster !== undefined ? { cluster: identity.cluster } : {}), ...(identity.split ? { split: identity.split } : {}) },
          seed,
          itemSeed,
          sourceImages: [identity.image],
          outfitId: outfit.outfitId,
          heightCmDrawn: draw.heightCm,
          heightRule,
        },
        textureLabels: outfit.labels,
        extras: { identity: identity.id, ...(identity.split ? { split: identity.split } : {}) },
      });
      summary.made++;
      summary.characters.push(entry);
      logger.debug(`characters: ${id} ${draw.gender} ${character.heightCm.toFixed(1)} cm, ${spec.clothes.map((c) => c.asset).join(' + ')}`);
    } catch (raw) {
      const error = toClonedPersonError(raw);
      if (error.code === 'E_INTERNAL') throw error;
      logger.warn(`characters: identity ${identity.id} (${identity.image}) failed: ${error.code}: ${error.message}`);
      summary.failed.push({ identity: identity.id, image: identity.image, code: error.code, message: error.message });
    }
  }
  onProgress(identities.length, identities.length);
  await writeJsonAtomic(path.join(options.outDir, 'characters.json'), {
    formatVersion: 1,
    seed,
    skeleton,
    selection: path.resolve(options.selectionFile),
    characters: summary.characters,
    failed: summary.failed,
  });
  return summary;
}
