/**
 * `clonedperson dataset`: render folders + characters + selection -> a re-ID dataset folder
 * (contracts/dataset-record.ts): plan every image from the annotations (dataset-plan.ts), then
 * read each frame that holds planned crops once, cut its crops into the encoder mosaic
 * (crop-writer.ts) and write them; then the optional COCO file, the dataset card and, last,
 * `dataset.json` with the input key.
 *
 * Resume: a marker file with the input key of the write in progress is written first. A rerun
 * with the same key keeps the crops already written (each was written atomically, so a present
 * file is whole) and writes the rest; a different key starts over. At the end, anything in the
 * image folders that the plan does not name (temp files of an interrupted write, crops of
 * another plan) is removed, so the folders hold exactly the dataset. An identical rerun after
 * completion does nothing.
 */
import path from 'node:path';
import { DATASET_FILES, DATASET_FOLDERS, DATASET_RECORD_CONTRACT } from '../contracts/dataset-record.js';
import type { DatasetCropRule, DatasetImage, DatasetLayout, DatasetRecord } from '../contracts/dataset-record.js';
import { decodeImage } from '../imaging/image-io.js';
import { convertChannels } from '../imaging/raw-image.js';
import { checkNumberInRange, checkPositiveInteger, invalidArgument } from '../shared/check.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import { inputKey } from '../shared/input-key.js';
import type { Logger } from '../shared/logger.js';
import { silentLogger } from '../shared/logger.js';
import { nodeFileStore } from '../shared/node-file-store.js';
import { packageInfo } from '../shared/package-info.js';
import type { ProgressCallback } from '../shared/progress.js';
import { DEFAULT_SEED } from '../shared/random.js';
import { cocoFromScenes } from './coco-export.js';
import { CROP_RULE_DEFAULTS } from './crop-rules.js';
import { CropWriter } from './crop-writer.js';
import { datasetCard } from './dataset-card.js';
import { readIdentityInput, readRenderInputs } from './dataset-inputs.js';
import { planDataset } from './dataset-plan.js';
import type { PlanScene } from './dataset-plan.js';

export const DATASET_DEFAULTS = {
  cropRule: 'default' as DatasetCropRule['name'],
  layout: 'clonedperson' as DatasetLayout,
  jpegQuality: 90,
  seed: DEFAULT_SEED,
  coco: false,
};

/** The marker of a write in progress (see the module doc). */
export const PARTIAL_MARKER = '.dataset-partial.json';

export interface WriteDatasetOptions {
  /** Render folders (with render.json, or sweep folders of them); scene numbers follow this order. */
  renders: readonly string[];
  /** The characters folder (with characters.json) or the characters.json file. */
  characters: string;
  /** selection.json; default: the one characters.json names. */
  selection?: string;
  /** The dataset folder. */
  out: string;
  cropRule?: DatasetCropRule['name'];
  /** Threshold overrides of the rule (CROP_RULE_DEFAULTS): minVisibleFraction, minHeightPx, frameIntervalS, ... */
  cropRuleOptions?: Partial<Omit<DatasetCropRule, 'name'>>;
  layout?: DatasetLayout;
  /** Resample every crop to [width, height] px; default: crops keep their size in the frame. */
  resizePx?: readonly [number, number];
  /** JPEG quality 1-100 (default 90). */
  jpegQuality?: number;
  /** Seed of the query/gallery split (default 1). */
  seed?: number;
  /** Also write coco.json for the sampled full frames. */
  coco?: boolean;
  /** The run's whole config, recorded in dataset.json (`run` passes it). */
  runConfig?: Record<string, unknown>;
  /** Licence note of the source photos for the dataset card. */
  sourceNote?: string;
  /** Rewrite even when dataset.json is up to date. */
  force?: boolean;
  files?: FileStore;
  logger?: Logger;
  onProgress?: ProgressCallback;
}

export interface WriteDatasetSummary {
  out: string;
  record: DatasetRecord;
  /** Nothing was redone. */
  upToDate: boolean;
  /** Crops written by this call, and crops kept from an interrupted write. */
  written: number;
  reused: number;
  /** Frames read. */
  frames: number;
  timeMs: number;
}

/** The rule with its defaults and overrides, checked (E_ARGUMENT names the option field). */
export function resolveCropRule(name: DatasetCropRule['name'], overrides: Partial<Omit<DatasetCropRule, 'name'>> = {}): DatasetCropRule {
  if (name !== 'default' && name !== 'authors') throw invalidArgument('"default" or "authors"', 'cropRule', name);
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const rule: DatasetCropRule = { ...CROP_RULE_DEFAULTS[name], ...defined, name };
  checkNumberInRange(rule.minVisibleFraction ?? 0, 'minVisibleFraction', 0, 1);
  checkNumberInRange(rule.minHeightPx, 'minHeightPx', 1, 100000);
  checkNumberInRange(rule.frameIntervalS, 'frameIntervalS', 0, 3600);
  for (const field of ['marginSide', 'marginTop', 'marginBottom', 'minAspect'] as const) checkNumberInRange(rule[field], field, 0, 10);
  return rule;
}

function checkOptions(options: WriteDatasetOptions): void {
  if (options.renders.length === 0) throw invalidArgument('at least one render folder', 'renders', options.renders);
  if (options.layout !== undefined && options.layout !== 'clonedperson' && options.layout !== 'market') throw invalidArgument('"clonedperson" or "market"', 'layout', options.layout);
  if (options.jpegQuality !== undefined) checkNumberInRange(options.jpegQuality, 'jpegQuality', 1, 100);
  if (options.resizePx) options.resizePx.forEach((v) => checkPositiveInteger(v, 'resizePx'));
  if (options.seed !== undefined && (!Number.isInteger(options.seed) || options.seed < 0)) throw invalidArgument('non-negative integer', 'seed', options.seed);
}

/** The image folders of both layouts, relative to the dataset folder. */
const IMAGE_FOLDERS = [...new Set(Object.values(DATASET_FOLDERS).flatMap((folders) => Object.values(folders)))];

/** File names present in each image folder (absolute paths). */
async function presentFiles(out: string, files: FileStore): Promise<Set<string>> {
  const present = new Set<string>();
  for (const folder of IMAGE_FOLDERS) {
    const dir = path.join(out, folder);
    if (!(await files.isDirectory(dir))) continue;
    for (const entry of await files.list(dir)) if (entry.kind === 'file') present.add(path.join(dir, entry.name));
  }
  return present;
}

const posix = (p: string): string => p.split(path.sep).join('/');

/** Writes (or resumes, or confirms) the dataset; see the module doc. */
export async function writeDataset(options: WriteDatasetOptions): Promise<WriteDatasetSummary> {
  const started = Date.now();
  checkOptions(options);
  const files = options.files ?? nodeFileStore;
  const logger = options.logger ?? silentLogger;
  const out = path.resolve(options.out);
  const layout = options.layout ?? DATASET_DEFAULTS.layout;
  const cropRule = resolveCropRule(options.cropRule ?? DATASET_DEFAULTS.cropRule, options.cropRuleOptions);
  const jpegQuality = options.jpegQuality ?? DATASET_DEFAULTS.jpegQuality;
  const seed = options.seed ?? DATASET_DEFAULTS.seed;
  const coco = options.coco ?? DATASET_DEFAULTS.coco;
  const resizePx = options.resizePx ? ([options.resizePx[0], options.resizePx[1]] as [number, number]) : undefined;

  const renders = await readRenderInputs(options.renders.map((r) => path.resolve(r)), files);
  const identityInput = await readIdentityInput(path.resolve(options.characters), options.selection && path.resolve(options.selection), files);
  const scenes: PlanScene[] = renders.map((render, i) => ({ index: i + 1, record: render.record, lines: render.lines, folder: posix(path.relative(out, render.dir)) || '.' }));
  const key = inputKey({
    stage: 'dataset',
    item: 'dataset',
    options: { layout, cropRule, seed, resizePx, jpegQuality, coco, runConfig: options.runConfig, sourceNote: options.sourceNote, folders: scenes.map((s) => s.folder) },
    inputs: { renders: renders.flatMap((r) => r.hashes), characters: identityInput.hashes[0], selection: identityInput.hashes[1] },
  });
  const recordFile = path.join(out, DATASET_FILES.record);
  if (!options.force && (await files.exists(recordFile))) {
    try {
      const existing = DATASET_RECORD_CONTRACT.parse(await files.read(recordFile), recordFile);
      if (existing.inputKey === key) {
        logger.info(`dataset: ${out} is up to date`);
        return { out, record: existing, upToDate: true, written: 0, reused: existing.images.length, frames: 0, timeMs: Date.now() - started };
      }
    } catch (error) {
      if (!(error instanceof ClonedPersonError) || error.code !== 'E_DATASET_INVALID') throw error;
      logger.warn(`dataset: ${recordFile} is unreadable (${error.message}); writing the dataset again`);
    }
  }

  const plan = planDataset(scenes, identityInput.identities, { layout, cropRule, seed, resizePx });
  const markerFile = path.join(out, PARTIAL_MARKER);
  let resume = false;
  if (!options.force && (await files.exists(markerFile))) {
    try {
      resume = (JSON.parse(await files.readText(markerFile)) as { inputKey?: unknown }).inputKey === key;
    } catch {
      resume = false;
    }
  }
  if (!resume) {
    for (const entry of [...IMAGE_FOLDERS, DATASET_FILES.record, DATASET_FILES.card, DATASET_FILES.coco]) await files.remove(path.join(out, entry));
    await files.writeAtomic(markerFile, `${JSON.stringify({ inputKey: key })}\n`);
  }
  const present = resume ? await presentFiles(out, files) : new Set<string>();

  // frames in plan order, each with its images
  const byFrame = new Map<string, DatasetImage[]>();
  for (const image of plan.images) byFrame.set(image.source, [...(byFrame.get(image.source) ?? []), image]);
  const writer = new CropWriter({ files, jpegQuality });
  let reused = 0;
  let frames = 0;
  let done = 0;
  for (const [source, images] of byFrame) {
    const todo = images.filter((image) => !present.has(path.join(out, image.file)));
    reused += images.length - todo.length;
    if (todo.length > 0) {
      const frameFile = path.resolve(out, source);
      const frame = convertChannels(await decodeImage(await files.read(frameFile), frameFile), 3);
      const spec = [...scenes[todo[0].scene - 1].record.cameras].sort((a, b) => a.index - b.index)[todo[0].camera - 1];
      if (spec.widthPx !== frame.width || spec.heightPx !== frame.height) {
        throw new ClonedPersonError('E_RENDER_INVALID', `${frameFile} is ${frame.width}x${frame.height}, but render.json says camera ${spec.name} renders ${spec.widthPx}x${spec.heightPx}`, { details: { file: frameFile } });
      }
      frames++;
      for (const image of todo) await writer.add(frame, image.box, path.join(out, image.file), resizePx);
    }
    done += images.length;
    options.onProgress?.(done, plan.images.length, 'dataset');
  }
  await writer.flush();

  // exactly the planned files in the image folders
  const planned = new Set(plan.images.map((image) => path.join(out, image.file)));
  let stray = 0;
  for (const file of await presentFiles(out, files)) {
    if (planned.has(file)) continue;
    await files.remove(file);
    stray++;
  }
  if (stray > 0) logger.info(`dataset: removed ${stray} file(s) that are not part of the dataset`);

  if (coco) {
    const cocoFile = cocoFromScenes(scenes, identityInput.identities, cropRule.frameIntervalS, `clonedperson ${packageInfo().version}`);
    await files.writeAtomic(path.join(out, DATASET_FILES.coco), `${JSON.stringify(cocoFile)}\n`);
  }
  const record: DatasetRecord = {
    formatVersion: 1,
    generator: `clonedperson ${packageInfo().version}`,
    layout,
    seed,
    cropRule,
    ...(resizePx ? { resizePx } : {}),
    jpegQuality,
    ...(options.runConfig ? { runConfig: options.runConfig } : {}),
    counts: plan.counts,
    cameras: plan.cameras,
    scenes: scenes.map((scene, i) => ({
      index: scene.index,
      name: scene.record.scene,
      render: scene.folder,
      renderInputKey: scene.record.inputKey,
      fps: scene.record.fps,
      steps: scene.record.steps,
      cameras: [...renders[i].record.cameras].sort((a, b) => a.index - b.index).map((camera, k) => ({ index: k + 1, name: camera.name, widthPx: camera.widthPx, heightPx: camera.heightPx })),
    })),
    identities: plan.identities,
    annotations: plan.annotations,
    rejections: plan.rejections,
    images: plan.images,
    ...(coco ? { coco: DATASET_FILES.coco } : {}),
    inputKey: key,
  };
  const text = DATASET_RECORD_CONTRACT.format(record);
  await files.writeAtomic(path.join(out, DATASET_FILES.card), datasetCard(record, { sourceNote: options.sourceNote }));
  await files.writeAtomic(recordFile, text);
  await files.remove(markerFile);
  const { train, query, gallery } = plan.counts;
  logger.info(`dataset: ${train.images} train / ${query.images} query / ${gallery.images} gallery images (${writer.written} written, ${reused} kept) -> ${out}`);
  return { out, record, upToDate: false, written: writer.written, reused, frames, timeMs: Date.now() - started };
}
