/**
 * The clone stage over a garment list: the I/O edge around cloneOutfit. One outfit per image;
 * a bad outfit is recorded with its error code and the batch goes on. Outputs per outfit:
 *
 *   textures/<outfitId>/<templateId>.png   the UV textures
 *   steps/<outfitId>/NN-<name>.png         intermediate images (--steps)
 *   outfits/<outfitId>.json                the record, written last: its presence means done
 *
 * plus summary.json for the run. The record (contracts/outfit-record.ts) carries the outfit's
 * input key (shared/input-key.ts: garments, image bytes, catalog, options, extractor, package
 * version); an outfit whose record holds the same key is skipped, so an interrupted run resumes
 * and a changed input redoes exactly the outfits it touches.
 */
import path from 'node:path';
import { outfitIdForImage, outfitRecordPath, outfitStepsDir, outfitTexturePath, outfitTexturesDir } from '../contracts/outfit-id.js';
import { OUTFIT_RECORD_CONTRACT } from '../contracts/outfit-record.js';
import type { OutfitRecord } from '../contracts/outfit-record.js';
import { decodeImage, encodePng } from '../imaging/image-io.js';
import { convertChannels } from '../imaging/raw-image.js';
import { ClonedPersonError, toClonedPersonError } from '../shared/errors.js';
import type { ErrorCode } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import { contentHash, inputKey } from '../shared/input-key.js';
import { silentLogger } from '../shared/logger.js';
import type { Logger } from '../shared/logger.js';
import { nodeFileStore } from '../shared/node-file-store.js';
import { noProgress } from '../shared/progress.js';
import type { ProgressCallback } from '../shared/progress.js';
import type { GarmentCatalog } from './catalog.js';
import { CLONE_DEFAULTS, cloneOutfit } from './clone-outfit.js';
import type { ClonedOutfit, CloneOptions, OutfitGarmentInput } from './clone-outfit.js';
import { createAppearanceExtractor } from './feature-extractor.js';
import type { FeatureMapExtractor } from './feature-extractor.js';
import { parseGarmentList } from './garment-list.js';
import type { GarmentEntry } from './garment-list.js';
import { jsonText } from '../shared/json-text.js';

export interface CloneBatchOptions extends Partial<CloneOptions> {
  /** Garment list: JSONL, or the authors' CSV (`.csv`). */
  garmentsFile: string;
  /** Folder the garment list's image paths are relative to; paths may not leave it. */
  imagesDir: string;
  /**
   * The images root the run's stages share: outfits are named by the image's path relative to
   * it (what `cluster --images <root>` calls the image), so a list beside the photos folder
   * (`img/a.jpg` relative to the list) and the photos folder itself (`a.jpg`) agree. Default
   * `imagesDir`. Images outside it fail with E_GARMENTS_INVALID.
   */
  imagesRoot?: string;
  catalog: GarmentCatalog;
  outDir: string;
  /** Feature maps for the cell search (default: the built-in appearance features). */
  extractor?: FeatureMapExtractor;
  /** Redo outfits even when their record is up to date. */
  force?: boolean;
  files?: FileStore;
  logger?: Logger;
  onProgress?: ProgressCallback;
}

export interface CloneFailure {
  outfitId?: string;
  image?: string;
  where?: string;
  code: ErrorCode;
  message: string;
}

export interface CloneSummary {
  formatVersion: 1;
  outfits: number;
  cloned: number;
  resumed: number;
  failed: CloneFailure[];
  textures: number;
  catalog: string;
  extractor: string;
  options: CloneOptions;
  seconds: number;
}

interface OutfitSpec {
  outfitId: string;
  /** The image relative to the images root (the image id every stage uses). */
  image: string;
  /** The image as the garment list names it (relative to the images folder). */
  listed: string;
  entries: GarmentEntry[];
}

/**
 * The image id of a listed image: its path relative to `root` with `/` separators, or undefined
 * when it lies outside `root`.
 */
export function imageIdUnder(root: string, imagesDir: string, listed: string): string | undefined {
  const relative = path.relative(path.resolve(root), path.resolve(imagesDir, listed));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

/** Groups garment entries by image, in order of first appearance; entries without a usable image are orphans. */
function groupOutfits(entries: readonly GarmentEntry[], imagesDir: string, imagesRoot: string): { outfits: OutfitSpec[]; orphans: GarmentEntry[] } {
  const byImage = new Map<string, OutfitSpec>();
  const orphans: GarmentEntry[] = [];
  for (const entry of entries) {
    if (entry.image === '') {
      orphans.push(entry);
      continue;
    }
    const image = imagesRoot === imagesDir ? entry.image : imageIdUnder(imagesRoot, imagesDir, entry.image);
    if (image === undefined) {
      const error = new ClonedPersonError('E_GARMENTS_INVALID', `${entry.where}: image ${entry.image} is not inside the images root ${imagesRoot}`, { details: { image: entry.image, imagesRoot } });
      orphans.push({ ...entry, error });
      continue;
    }
    const outfitId = outfitIdForImage(image);
    let spec = byImage.get(outfitId);
    if (!spec) {
      spec = { outfitId, image, listed: entry.image, entries: [] };
      byImage.set(outfitId, spec);
    }
    spec.entries.push(entry);
  }
  return { outfits: [...byImage.values()], orphans };
}

function garmentInputs(spec: OutfitSpec): OutfitGarmentInput[] {
  return spec.entries.map((entry) => {
    if (entry.error) throw entry.error;
    return {
      category: entry.category as OutfitGarmentInput['category'],
      landmarks: entry.landmarks,
      ...(entry.template === undefined ? {} : { template: entry.template }),
    };
  });
}

function outfitRecord(spec: OutfitSpec, garments: OutfitGarmentInput[], result: ClonedOutfit, key: string, extractor: string): OutfitRecord {
  return {
    formatVersion: 1,
    outfitId: spec.outfitId,
    image: spec.image,
    inputKey: key,
    extractor,
    garments: garments.map((g, i) => ({ category: g.category, landmarks: g.landmarks, where: spec.entries[i].where })),
    textures: result.textures.map((t) => ({
      file: outfitTexturePath(spec.outfitId, t.template.id),
      templateId: t.template.id,
      model: t.template.model,
      categories: t.template.categories,
      garments: t.garments,
      regular: t.regular,
      sizePx: t.image.width,
      parts: t.parts,
      cells: t.cells,
    })),
  };
}

async function recordKey(file: string, files: FileStore): Promise<string | undefined> {
  try {
    return OUTFIT_RECORD_CONTRACT.parse(await files.read(file), file).inputKey;
  } catch {
    return undefined;
  }
}

/** Runs the clone stage; never throws for a single bad outfit (see the summary's `failed`). */
export async function cloneBatch(options: CloneBatchOptions): Promise<CloneSummary> {
  const started = Date.now();
  const logger = options.logger ?? silentLogger;
  const onProgress = options.onProgress ?? noProgress;
  const files = options.files ?? nodeFileStore;
  const settings: CloneOptions = {
    sizePx: options.sizePx ?? CLONE_DEFAULTS.sizePx,
    seed: options.seed ?? CLONE_DEFAULTS.seed,
    refine: options.refine ?? CLONE_DEFAULTS.refine,
    steps: options.steps ?? CLONE_DEFAULTS.steps,
    nearestTemplates: options.nearestTemplates ?? CLONE_DEFAULTS.nearestTemplates,
  };
  const extractor = options.extractor ?? createAppearanceExtractor();
  const text = await files.readText(options.garmentsFile);
  const { outfits, orphans } = groupOutfits(parseGarmentList(text, options.garmentsFile), options.imagesDir, options.imagesRoot ?? options.imagesDir);
  if (outfits.length === 0 && orphans.length === 0) {
    throw new ClonedPersonError('E_GARMENTS_INVALID', `${options.garmentsFile}: no garments in this file`);
  }
  const catalogHash = contentHash(JSON.stringify(options.catalog.templates));
  const failed: CloneFailure[] = orphans.map((entry) => ({
    ...(entry.image === '' ? {} : { image: entry.image }),
    where: entry.where,
    code: entry.error?.code ?? 'E_GARMENTS_INVALID',
    message: entry.error?.message ?? 'unreadable line',
  }));
  for (const failure of failed) logger.warn(`clone: ${failure.code}: ${failure.message}`);
  let cloned = 0;
  let resumed = 0;
  let textures = 0;
  const fail = (spec: OutfitSpec, raw: unknown): void => {
    const error = toClonedPersonError(raw);
    failed.push({ outfitId: spec.outfitId, image: spec.image, code: error.code, message: error.message });
    logger.debug(`clone: skipped ${spec.image}: ${error.code}: ${error.message}`);
    if (error.code === 'E_INTERNAL' && raw instanceof Error && raw.stack) logger.debug(raw.stack);
  };
  // PNG encoding and writing of one outfit overlap with the next outfit's computation; the
  // promise settles to the write error (if any) so a failure is charged to its own outfit
  let pending: { spec: OutfitSpec; textures: number; error: Promise<unknown> } | undefined;
  const settle = async (): Promise<void> => {
    if (!pending) return;
    const { spec, textures: count, error } = pending;
    pending = undefined;
    const failure = await error;
    if (failure === undefined) {
      cloned++;
      textures += count;
    } else fail(spec, failure);
  };

  for (const [index, spec] of outfits.entries()) {
    onProgress(index, outfits.length, spec.image);
    const recordPath = path.join(options.outDir, outfitRecordPath(spec.outfitId));
    try {
      const imagePath = await files.resolveInside(options.imagesDir, spec.listed);
      const imageBytes = await files.read(imagePath, 'E_IMAGE_MISSING');
      const garments = garmentInputs(spec);
      const key = inputKey({
        stage: 'clone',
        item: spec.outfitId,
        options: { ...settings, garments, extractor: extractor.name },
        inputs: { image: contentHash(imageBytes), catalog: catalogHash },
      });
      if (!options.force && (await recordKey(recordPath, files)) === key) {
        resumed++;
        logger.debug(`clone: ${spec.outfitId} is up to date`);
        continue;
      }
      const photo = convertChannels(await decodeImage(imageBytes, imagePath), 3);
      const result = await cloneOutfit(spec.outfitId, photo, garments, options.catalog, extractor, settings);
      await settle();
      pending = {
        spec,
        textures: result.textures.length,
        error: writeOutfit(files, options.outDir, recordPath, outfitRecord(spec, garments, result, key, extractor.name), result).then(
          () => undefined,
          (error: unknown) => error ?? new Error('write failed'),
        ),
      };
      logger.debug(`clone: ${spec.outfitId} -> ${result.textures.map((t) => t.template.id).join(', ')}`);
    } catch (raw) {
      fail(spec, raw);
    }
  }
  await settle();
  onProgress(outfits.length, outfits.length);
  const summary: CloneSummary = {
    formatVersion: 1,
    outfits: outfits.length,
    cloned,
    resumed,
    failed,
    textures,
    catalog: options.catalog.source,
    extractor: extractor.name,
    options: settings,
    seconds: (Date.now() - started) / 1000,
  };
  await files.writeAtomic(path.join(options.outDir, 'summary.json'), jsonText(summary));
  return summary;
}

async function writeOutfit(files: FileStore, outDir: string, recordPath: string, record: OutfitRecord, result: ClonedOutfit): Promise<void> {
  const { outfitId } = record;
  // an outdated record goes first, so a crash below never leaves a record over mixed files
  await files.remove(recordPath);
  await files.remove(path.join(outDir, outfitTexturesDir(outfitId)));
  await files.remove(path.join(outDir, outfitStepsDir(outfitId)));
  const writes: Promise<void>[] = [];
  for (const texture of result.textures) {
    writes.push(encodePng(texture.image).then((png) => files.writeAtomic(path.join(outDir, outfitTexturePath(outfitId, texture.template.id)), png)));
    texture.steps.forEach((step, i) => {
      const name = `${texture.template.id}-${String(i + 1).padStart(2, '0')}-${step.name}.png`;
      writes.push(encodePng(step.image, 3).then((png) => files.writeAtomic(path.join(outDir, outfitStepsDir(outfitId), name), png)));
    });
  }
  await Promise.all(writes);
  await files.writeAtomic(recordPath, OUTFIT_RECORD_CONTRACT.format(record));
}
