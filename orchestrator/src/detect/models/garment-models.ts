/**
 * Users' DeepFashion2 garment models: a `garment-detector` (garments and their categories on a
 * crop around a person) and a `garment-landmarks` model (the DF2 landmarks of one garment on a
 * crop around it), found in the user's registry folder. When the folder has neither, there is
 * nothing to load and the detect stage estimates garments itself.
 */
import { ClonedPersonError } from '../../shared/errors.js';
import type { FileStore } from '../../shared/file-store.js';
import type { Logger } from '../../shared/logger.js';
import { silentLogger } from '../../shared/logger.js';
import { nodeFileStore } from '../../shared/node-file-store.js';
import type { GarmentCategory } from '../../contracts/garment-categories.js';
import type { RawImage } from '../../imaging/raw-image.js';
import { checkRawImage } from '../../imaging/raw-image.js';
import type { ImageInputSpec } from '../../models/model-description.js';
import type { RegistryEntry } from '../../models/model-registry.js';
import { defaultModelCacheDir } from '../../models/tfjs/converted-model-cache.js';
import type { TarballFetcher } from '../../models/tfjs/package-weights.js';
import { paddedRegion, regionWithAspect } from './crop-region.js';
import type { Box, CropRegion } from './crop-region.js';
import { loadDescribedModel, prefetchPackageWeights, userRegistryEntries } from './described-model.js';
import type { DescribedModel, ModelLoadContext } from './described-model.js';
import { decodeGarmentDetections, decodeGarmentLandmarks, garmentDetectorDecoding, garmentLandmarkDecoding } from './garment-decoding.js';
import type { GarmentDetection } from './garment-decoding.js';
import { regionToTensor } from './model-input.js';

export type { GarmentDetection };

export interface GarmentModels {
  /** Garments on the crop around `personBox`: DF2 category, box in image pixels, score; best first. */
  detect(image: RawImage, personBox: [number, number, number, number]): Promise<GarmentDetection[]>;
  /** The DF2 landmarks of one garment (DF2 order for its category), image pixels. */
  landmarks(image: RawImage, garment: { category: GarmentCategory; box: [number, number, number, number] }): Promise<[number, number][]>;
  /** Model ids and content hashes, for input keys. */
  readonly fingerprint: string;
  close(): Promise<void>;
}

export interface GarmentModelOptions {
  cacheDir?: string;
  threads?: number;
  files?: FileStore;
  logger?: Logger;
  /** Which entries to use when the folder has several of a kind. */
  ids?: { detector?: string; landmarks?: string };
  fetchTarball?: TarballFetcher;
  env?: Readonly<Record<string, string | undefined>>;
}

/** The region a described model looks at for `box`: letterboxed to its input aspect, or padded and stretched. */
function regionFor(spec: ImageInputSpec, box: Box, padding: number): CropRegion {
  return spec.resize === 'letterbox' ? regionWithAspect(box, padding, spec.widthPx, spec.heightPx) : paddedRegion(box, padding);
}

function pick(entries: readonly RegistryEntry[], kind: 'garment-detector' | 'garment-landmarks', id: string | undefined, dir: string): RegistryEntry | undefined {
  const ofKind = entries.filter((e) => e.description.kind === kind && (id === undefined || e.description.id === id));
  if (id !== undefined && ofKind.length === 0) throw new ClonedPersonError('E_MODEL_DESCRIPTION', `${dir} has no ${kind} model "${id}"`, { details: { dir, id } });
  if (ofKind.length > 1) {
    throw new ClonedPersonError('E_MODEL_DESCRIPTION', `${dir} has several ${kind} models (${ofKind.map((e) => e.description.id).join(', ')}); choose one by id`, { details: { dir } });
  }
  return ofKind[0];
}

/** Garment models from already loaded sessions (the loader and tests use this). */
export function createGarmentModels(detector: DescribedModel, landmarkModel: DescribedModel): GarmentModels {
  const detectorDecoding = garmentDetectorDecoding(detector.entry.description.decoding);
  const landmarkDecoding = garmentLandmarkDecoding(landmarkModel.entry.description.decoding);
  const detectorInput = detector.entry.description.input!;
  const landmarkInput = landmarkModel.entry.description.input!;
  const outputRole = landmarkDecoding.format === 'heatmaps' ? 'heatmaps' : 'landmarks';
  return {
    fingerprint: `${detector.entry.description.id}@${detector.sourceKey.slice(0, 16)}+${landmarkModel.entry.description.id}@${landmarkModel.sourceKey.slice(0, 16)}`,
    async detect(image, personBox) {
      checkRawImage(image);
      const region = regionFor(detectorInput, personBox, detectorDecoding.boxPadding);
      const tensor = regionToTensor(image, region, detectorInput);
      const outputs = await detector.model.runTensor(tensor.data, tensor.dims);
      return decodeGarmentDetections(outputs, detectorDecoding, detectorInput, region);
    },
    async landmarks(image, garment) {
      checkRawImage(image);
      const region = regionFor(landmarkInput, garment.box, landmarkDecoding.boxPadding);
      const tensor = regionToTensor(image, region, landmarkInput);
      const outputs = await landmarkModel.model.runTensor(tensor.data, tensor.dims);
      return decodeGarmentLandmarks(outputs[outputRole], landmarkDecoding, garment.category, landmarkInput, region).points;
    },
    async close() {
      await Promise.all([detector.model.close(), landmarkModel.model.close()]);
    },
  };
}

/**
 * The user's garment models from `registryDir` (undefined when it has no garment model of
 * either kind). Both kinds are needed together: E_MODEL_DESCRIPTION when only one is there.
 */
export async function loadGarmentModels(registryDir: string | undefined, options: GarmentModelOptions = {}): Promise<GarmentModels | undefined> {
  if (registryDir === undefined) return undefined;
  const files = options.files ?? nodeFileStore;
  const entries = await userRegistryEntries(registryDir, files);
  const detectorEntry = pick(entries, 'garment-detector', options.ids?.detector, registryDir);
  const landmarkEntry = pick(entries, 'garment-landmarks', options.ids?.landmarks, registryDir);
  if (!detectorEntry && !landmarkEntry) return undefined;
  if (!detectorEntry || !landmarkEntry) {
    throw new ClonedPersonError('E_MODEL_DESCRIPTION', `${registryDir} has a ${detectorEntry ? 'garment-detector' : 'garment-landmarks'} model but no ${detectorEntry ? 'garment-landmarks' : 'garment-detector'} model; garments need both`, {
      details: { dir: registryDir },
    });
  }
  const threads = options.threads ?? 1;
  const context: ModelLoadContext = {
    cacheDir: options.cacheDir ?? defaultModelCacheDir(options.env ?? process.env),
    files,
    threads,
    allowSpinning: threads <= 1,
    logger: options.logger ?? silentLogger,
    fetchTarball: options.fetchTarball,
  };
  await prefetchPackageWeights([detectorEntry, landmarkEntry], context);
  const detector = await loadDescribedModel(detectorEntry, context);
  try {
    return createGarmentModels(detector, await loadDescribedModel(landmarkEntry, context));
  } catch (error) {
    await detector.model.close();
    throw error;
  }
}
