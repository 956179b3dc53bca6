/**
 * The detect stage over a folder of photos: the I/O edge around detectPhoto. Per photo (sorted
 * by path) it reads the bytes, computes the photo's input key (shared/input-key.ts: the bytes,
 * every option, the model fingerprints and the photo's annotation), and skips the photo when
 * its record (detect-record.ts) holds that key; otherwise it decodes the photo as displayed
 * (EXIF orientation applied; grey, CMYK, 16-bit and alpha photos become 8-bit RGB), runs
 * detectPhoto, and writes the person crops, the optional overlay and then the record. A photo
 * that cannot be read, decoded or run fails alone (its code and message go to the summary) and
 * the batch goes on. At the end `detections.jsonl` (contracts/detections.ts: one line per
 * person found, qualified or not, in photo order) and `detect-summary.json` (counts per
 * rejection reason, failures, annotation problems) are written, each atomically, so an
 * interrupted run leaves the previous files whole and resumes where it stopped.
 */
import path from 'node:path';
import { DETECTIONS_FILE, DETECTION_LINE_CONTRACT } from '../contracts/detections.js';
import type { DetectionLine } from '../contracts/detections.js';
import { DEEPFASHION2_CATEGORIES } from '../contracts/garment-categories.js';
import { decodeImage, encodeJpeg } from '../imaging/image-io.js';
import { convertChannels, cropToBox } from '../imaging/raw-image.js';
import type { RawImage } from '../imaging/raw-image.js';
import { ClonedPersonError, toClonedPersonError } from '../shared/errors.js';
import type { ErrorCode } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import { canonicalJson, contentHash, inputKey } from '../shared/input-key.js';
import { jsonText } from '../shared/json-text.js';
import { silentLogger } from '../shared/logger.js';
import type { Logger } from '../shared/logger.js';
import { nodeFileStore } from '../shared/node-file-store.js';
import { noProgress } from '../shared/progress.js';
import type { ProgressCallback } from '../shared/progress.js';
import { cropPath, cropsDir, detectRecordPath, formatDetectRecord, overlayPath, parseDetectRecord } from './detect-record.js';
import { DETECT_PHOTO_DEFAULTS, detectPhoto } from './detect-photo.js';
import type { DetectPhotoOptions, PersonDetection } from './detect-photo.js';
import { drawDetections } from './detection-overlay.js';
import type { AnnotationProblem, Annotations, ImageAnnotation } from './importers/image-annotations.js';
import { matchAnnotations } from './importers/match-annotations.js';
import { listPhotos } from './list-photos.js';
import type { GarmentModels } from './models/garment-models.js';
import type { PersonModels } from './models/person-models.js';
import { REJECTION_ORDER } from './rejection-reasons.js';

export const DETECT_SUMMARY_FILE = 'detect-summary.json';

export interface DetectBatchOptions {
  imagesDir: string;
  outDir: string;
  /** The person models (built-in or the user's). */
  models: PersonModels;
  /** User garment models; their garments replace the estimate. */
  garmentModels?: GarmentModels;
  /** Imported annotations (people and/or garments per photo). */
  annotations?: Annotations;
  qualification?: Partial<DetectPhotoOptions['qualification']>;
  estimate?: Partial<DetectPhotoOptions['estimate']>;
  /** Save a JPEG crop of every person (default true). */
  crops?: boolean;
  /** Save a picture of each photo with its detections drawn over it (default false). */
  overlays?: boolean;
  /** Redo photos whose records are up to date. */
  force?: boolean;
  files?: FileStore;
  logger?: Logger;
  onProgress?: ProgressCallback;
}

export interface DetectFailure {
  image: string;
  code: ErrorCode;
  message: string;
}

export interface DetectSummary {
  formatVersion: 1;
  /** Photos in --images (plus annotated photos that are missing, counted as failed). */
  photos: number;
  detected: number;
  resumed: number;
  failed: DetectFailure[];
  people: number;
  qualified: number;
  /** People rejected for each reason (a person may have several). */
  rejections: Record<string, number>;
  /** Garments of qualified people per category name. */
  categories: Record<string, number>;
  /** Garments of qualified people per source. */
  sources: Record<string, number>;
  annotations?: { format: Annotations['format']; source: string; photos: number; problems: AnnotationProblem[] };
  notes: { image: string; message: string }[];
  models: string;
  garmentModels?: string;
  options: DetectPhotoOptions & { crops: boolean; overlays: boolean };
  seconds: number;
}

async function existingKey(files: FileStore, file: string): Promise<{ key: string; lines: DetectionLine[] } | undefined> {
  if (!(await files.exists(file))) return undefined;
  try {
    const record = parseDetectRecord(await files.read(file), file);
    return record ? { key: record.inputKey, lines: record.lines } : undefined;
  } catch {
    return undefined;
  }
}

function cropOf(photo: RawImage, box: readonly [number, number, number, number]): RawImage | undefined {
  const w = box[2] - box[0];
  const h = box[3] - box[1];
  const margin = 0.05 * Math.max(w, h);
  return cropToBox(photo, [box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin]);
}

/** Runs the detect stage; never throws for a single bad photo (see the summary's `failed`). */
export async function detectBatch(options: DetectBatchOptions): Promise<DetectSummary> {
  const started = Date.now();
  const files = options.files ?? nodeFileStore;
  const logger = options.logger ?? silentLogger;
  const onProgress = options.onProgress ?? noProgress;
  const settings: DetectPhotoOptions = {
    qualification: { ...DETECT_PHOTO_DEFAULTS.qualification, ...options.qualification },
    estimate: { ...DETECT_PHOTO_DEFAULTS.estimate, ...options.estimate },
  };
  const crops = options.crops ?? true;
  const overlays = options.overlays ?? false;
  const photos = await listPhotos(options.imagesDir, files);
  const failed: DetectFailure[] = [];
  const notes: DetectSummary['notes'] = [];
  let byImage = new Map<string, ImageAnnotation>();
  let annotationProblems: AnnotationProblem[] = [];
  if (options.annotations) {
    const matched = matchAnnotations(options.annotations.images, photos, options.annotations.source);
    byImage = matched.byImage;
    annotationProblems = [...options.annotations.problems, ...matched.problems];
    for (const problem of matched.problems) failed.push({ image: problem.image ?? problem.where, code: problem.code, message: problem.message });
    for (const problem of options.annotations.problems) logger.warn(`detect: ${problem.code}: ${problem.message}`);
  }
  if (photos.length === 0 && failed.length === 0) {
    throw new ClonedPersonError('E_IMAGE_LIST_INVALID', `no photos in ${options.imagesDir} (looked for ${['.jpg', '.png', '...'].join(' ')})`, { details: { dir: options.imagesDir } });
  }

  const perPhoto: DetectionLine[][] = [];
  let detected = 0;
  let resumed = 0;
  for (const [index, image] of photos.entries()) {
    onProgress(index, photos.length, image);
    const recordFile = path.join(options.outDir, detectRecordPath(image));
    try {
      const file = await files.resolveInside(options.imagesDir, image);
      const bytes = await files.read(file, 'E_IMAGE_MISSING');
      const annotation = byImage.get(image);
      const key = inputKey({
        stage: 'detect',
        item: image,
        options: { ...settings, crops, overlays },
        inputs: {
          photo: contentHash(bytes),
          models: options.models.fingerprint,
          garmentModels: options.garmentModels?.fingerprint ?? 'none',
          annotation: annotation ? contentHash(canonicalJson({ people: annotation.people, garments: annotation.garments })) : 'none',
        },
      });
      const existing = options.force ? undefined : await existingKey(files, recordFile);
      if (existing?.key === key) {
        perPhoto.push(existing.lines);
        resumed++;
        continue;
      }
      const photo = convertChannels(await decodeImage(bytes, file), 3);
      const result = await detectPhoto({ photo, models: options.models, ...(options.garmentModels ? { garmentModels: options.garmentModels } : {}), ...(annotation ? { annotation } : {}), logger }, settings);
      for (const message of result.notes) notes.push({ image, message });
      const lines = await writePhoto(files, options.outDir, image, photo, result.people, key, crops, overlays);
      perPhoto.push(lines);
      detected++;
      logger.debug(`detect: ${image}: ${lines.length} people, ${lines.filter((l) => l.qualified).length} qualified`);
    } catch (raw) {
      const error = toClonedPersonError(raw);
      failed.push({ image, code: error.code, message: error.message });
      logger.debug(`detect: skipped ${image}: ${error.code}: ${error.message}`);
      if (error.code === 'E_INTERNAL' && raw instanceof Error && raw.stack) logger.debug(raw.stack);
    }
  }
  onProgress(photos.length, photos.length);

  const lines = perPhoto.flat();
  await files.writeAtomic(path.join(options.outDir, DETECTIONS_FILE), lines.map((line) => DETECTION_LINE_CONTRACT.formatLine(line)).join(''));
  const summary = summarise(lines, {
    photos: photos.length + failed.filter((f) => f.code === 'E_IMAGE_MISSING' && !photos.includes(f.image)).length,
    detected,
    resumed,
    failed,
    notes,
    models: options.models.fingerprint,
    ...(options.garmentModels ? { garmentModels: options.garmentModels.fingerprint } : {}),
    options: { ...settings, crops, overlays },
    seconds: (Date.now() - started) / 1000,
    ...(options.annotations ? { annotations: { format: options.annotations.format, source: options.annotations.source, photos: byImage.size, problems: annotationProblems } } : {}),
  });
  await files.writeAtomic(path.join(options.outDir, DETECT_SUMMARY_FILE), jsonText(summary));
  return summary;
}

/** The counts of a run's lines (the rest of the summary is given). */
export function summarise(lines: readonly DetectionLine[], rest: Omit<DetectSummary, 'formatVersion' | 'people' | 'qualified' | 'rejections' | 'categories' | 'sources'>): DetectSummary {
  const rejections: Record<string, number> = {};
  for (const reason of REJECTION_ORDER) {
    const count = lines.filter((l) => l.rejections.includes(reason)).length;
    if (count > 0) rejections[reason] = count;
  }
  const categories: Record<string, number> = {};
  const sources: Record<string, number> = {};
  for (const line of lines) {
    if (!line.qualified) continue;
    for (const garment of line.garments) {
      const name = DEEPFASHION2_CATEGORIES[garment.category];
      categories[name] = (categories[name] ?? 0) + 1;
      sources[garment.source] = (sources[garment.source] ?? 0) + 1;
    }
  }
  return { formatVersion: 1, ...rest, people: lines.length, qualified: lines.filter((l) => l.qualified).length, rejections, categories, sources };
}

async function writePhoto(files: FileStore, outDir: string, image: string, photo: RawImage, people: readonly PersonDetection[], key: string, crops: boolean, overlays: boolean): Promise<DetectionLine[]> {
  const recordFile = path.join(outDir, detectRecordPath(image));
  // an outdated record goes first, so a crash below never leaves a record over mixed crops
  await files.remove(recordFile);
  await files.remove(path.join(outDir, cropsDir(image)));
  const lines: DetectionLine[] = [];
  for (const [index, person] of people.entries()) {
    const line: DetectionLine = { image, ...person };
    const crop = crops ? cropOf(photo, person.box) : undefined;
    if (crop) {
      const relative = cropPath(image, index);
      await files.writeAtomic(path.join(outDir, relative), await encodeJpeg(crop, 90));
      line.crop = relative;
    }
    lines.push(line);
  }
  if (overlays) await files.writeAtomic(path.join(outDir, overlayPath(image)), await encodeJpeg(drawDetections(photo, lines), 85));
  await files.writeAtomic(recordFile, formatDetectRecord({ formatVersion: 1, image, inputKey: key, lines }));
  return lines;
}
