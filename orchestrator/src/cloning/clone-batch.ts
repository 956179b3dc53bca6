/**
 * The clone stage over a garment list: the I/O edge around cloneOutfit. One outfit per image;
 * a bad outfit is recorded with its error code and the batch goes on. Outputs per outfit:
 *
 *   textures/<outfitId>/<templateId>.png   the UV textures
 *   steps/<outfitId>/NN-<name>.png         intermediate images (--steps)
 *   outfits/<outfitId>.json                the record, written last: its presence means done
 *
 * plus summary.json for the run. An outfit whose record holds the same input hash (garments,
 * image bytes, catalog, options, extractor) is skipped, so an interrupted run resumes.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { decodeImage, encodePng } from '../imaging/image-io.js';
import { convertChannels } from '../imaging/raw-image.js';
import { ClonedPersonError, toClonedPersonError } from '../shared/errors.js';
import type { ErrorCode } from '../shared/errors.js';
import { readFileOrThrow, resolveInside, sha256, writeFileAtomic, writeJsonAtomic } from '../shared/files.js';
import { silentLogger } from '../shared/logger.js';
import type { Logger } from '../shared/logger.js';
import { packageInfo } from '../shared/package-info.js';
import { noProgress } from '../shared/progress.js';
import type { ProgressCallback } from '../shared/progress.js';
import type { GarmentCatalog } from './catalog.js';
import { CLONE_DEFAULTS, cloneOutfit } from './clone-outfit.js';
import type { ClonedOutfit, CloneOptions, OutfitGarmentInput } from './clone-outfit.js';
import { createAppearanceExtractor } from './feature-extractor.js';
import type { FeatureMapExtractor } from './feature-extractor.js';
import { parseGarmentList } from './garment-list.js';
import type { GarmentEntry } from './garment-list.js';
import { outfitIdForImage } from './outfit-id.js';

export interface CloneBatchOptions extends Partial<CloneOptions> {
  /** Garment list: JSONL, or the authors' CSV (`.csv`). */
  garmentsFile: string;
  /** Folder the garment list's image paths are relative to; paths may not leave it. */
  imagesDir: string;
  catalog: GarmentCatalog;
  outDir: string;
  /** Feature maps for the cell search (default: the built-in appearance features). */
  extractor?: FeatureMapExtractor;
  /** Redo outfits even when their record is up to date. */
  force?: boolean;
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
  image: string;
  entries: GarmentEntry[];
}

/** Groups garment entries by image, in order of first appearance. */
function groupOutfits(entries: readonly GarmentEntry[]): { outfits: OutfitSpec[]; orphans: GarmentEntry[] } {
  const byImage = new Map<string, OutfitSpec>();
  const orphans: GarmentEntry[] = [];
  for (const entry of entries) {
    if (entry.image === '') {
      orphans.push(entry);
      continue;
    }
    const outfitId = outfitIdForImage(entry.image);
    let spec = byImage.get(outfitId);
    if (!spec) {
      spec = { outfitId, image: entry.image, entries: [] };
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

function textureFile(outfitId: string, templateId: string): string {
  return `textures/${outfitId}/${templateId}.png`;
}

function outfitRecord(spec: OutfitSpec, garments: OutfitGarmentInput[], result: ClonedOutfit, inputHash: string, extractor: string): unknown {
  return {
    formatVersion: 1,
    outfitId: spec.outfitId,
    image: spec.image,
    inputHash,
    extractor,
    garments: garments.map((g, i) => ({ category: g.category, landmarks: g.landmarks, where: spec.entries[i].where })),
    textures: result.textures.map((t) => ({
      file: textureFile(spec.outfitId, t.template.id),
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

async function recordHash(file: string): Promise<string | undefined> {
  try {
    const record = JSON.parse(await readFile(file, 'utf8')) as { inputHash?: unknown };
    return typeof record.inputHash === 'string' ? record.inputHash : undefined;
  } catch {
    return undefined;
  }
}

/** Runs the clone stage; never throws for a single bad outfit (see the summary's `failed`). */
export async function cloneBatch(options: CloneBatchOptions): Promise<CloneSummary> {
  const started = Date.now();
  const logger = options.logger ?? silentLogger;
  const onProgress = options.onProgress ?? noProgress;
  const settings: CloneOptions = {
    sizePx: options.sizePx ?? CLONE_DEFAULTS.sizePx,
    seed: options.seed ?? CLONE_DEFAULTS.seed,
    refine: options.refine ?? CLONE_DEFAULTS.refine,
    steps: options.steps ?? CLONE_DEFAULTS.steps,
  };
  const extractor = options.extractor ?? createAppearanceExtractor();
  const text = (await readFileOrThrow(options.garmentsFile)).toString('utf8');
  const { outfits, orphans } = groupOutfits(parseGarmentList(text, options.garmentsFile));
  if (outfits.length === 0 && orphans.length === 0) {
    throw new ClonedPersonError('E_GARMENTS_INVALID', `${options.garmentsFile}: no garments in this file`);
  }
  const catalogHash = sha256(JSON.stringify(options.catalog.templates));
  const failed: CloneFailure[] = orphans.map((entry) => ({
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
    const recordPath = path.join(options.outDir, 'outfits', `${spec.outfitId}.json`);
    try {
      const imagePath = resolveInside(options.imagesDir, spec.image);
      const imageBytes = await readFileOrThrow(imagePath, 'E_IMAGE_MISSING');
      const garments = garmentInputs(spec);
      const inputHash = sha256(
        JSON.stringify({ version: packageInfo().version, garments, image: sha256(imageBytes), catalogHash, settings, extractor: extractor.name }),
      );
      if (!options.force && (await recordHash(recordPath)) === inputHash) {
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
        error: writeOutfit(options.outDir, recordPath, spec, garments, result, inputHash, extractor.name).then(
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
  await writeJsonAtomic(path.join(options.outDir, 'summary.json'), summary);
  return summary;
}

async function writeOutfit(
  outDir: string,
  recordPath: string,
  spec: OutfitSpec,
  garments: OutfitGarmentInput[],
  result: ClonedOutfit,
  inputHash: string,
  extractor: string,
): Promise<void> {
  // an outdated record goes first, so a crash below never leaves a record over mixed files
  await rm(recordPath, { force: true });
  await rm(path.join(outDir, 'textures', spec.outfitId), { recursive: true, force: true });
  await rm(path.join(outDir, 'steps', spec.outfitId), { recursive: true, force: true });
  const writes: Promise<void>[] = [];
  for (const texture of result.textures) {
    writes.push(encodePng(texture.image).then((png) => writeFileAtomic(path.join(outDir, textureFile(spec.outfitId, texture.template.id)), png)));
    texture.steps.forEach((step, i) => {
      const name = `${texture.template.id}-${String(i + 1).padStart(2, '0')}-${step.name}.png`;
      writes.push(encodePng(step.image, 3).then((png) => writeFileAtomic(path.join(outDir, 'steps', spec.outfitId, name), png)));
    });
  }
  await Promise.all(writes);
  await writeJsonAtomic(recordPath, outfitRecord(spec, garments, result, inputHash, extractor));
}
