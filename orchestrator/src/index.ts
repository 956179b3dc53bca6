/**
 * The public library API of clonedperson. Everything exported here is documented in the
 * README ("Library API"); names are stable within a major version.
 */
export { ClonedPersonError, ERROR_CODES, EXIT_CODES, isClonedPersonError, exitCodeFor } from './shared/errors.js';
export type { ErrorCode, ErrorCategory } from './shared/errors.js';
export { silentLogger, createStreamLogger, createMemoryLogger } from './shared/logger.js';
export type { Logger, LogLevel } from './shared/logger.js';
export { createRandom, deriveSeed } from './shared/random.js';
export type { Random } from './shared/random.js';
export type { ProgressCallback } from './shared/progress.js';
export { createRawImage, checkRawImage, convertChannels, cropImage, pasteImage } from './imaging/raw-image.js';
export type { RawImage } from './imaging/raw-image.js';
export { readImage, decodeImage, encodePng, encodeJpeg, writePng } from './imaging/image-io.js';
export { warpPerspective, warpPolygonUnder } from './imaging/warp-perspective.js';
export { resizeLanczos } from './imaging/resize.js';

// geometry
export { estimateHomography, applyHomography, reprojectionRms, HOMOGRAPHY_DEFAULTS } from './geometry/homography.js';
export type { HomographyOptions, Point2 } from './geometry/homography.js';
export { rasterizePolygon } from './geometry/polygon.js';

// cloning (issue: foundation + outfit cloning)
export { findClothCell } from './cloning/find-cloth-cell.js';
export type { ClothCell } from './cloning/find-cloth-cell.js';
export type { FeatureMap } from './cloning/feature-map.js';
export { mirrorTile } from './cloning/mirror-tile.js';
export { appearanceFeatureMap, APPEARANCE_FEATURE_DEFAULTS } from './cloning/appearance-feature-map.js';
export { createAppearanceExtractor } from './cloning/feature-extractor.js';
export type { FeatureMapExtractor } from './cloning/feature-extractor.js';
export { createOnnxFeatureExtractor } from './cloning/onnx-feature-extractor.js';
export type { OnnxFeatureExtractor, OnnxFeatureExtractorOptions } from './cloning/onnx-feature-extractor.js';
export {
  DEEPFASHION2_CATEGORIES,
  CLONEDPERSON_LANDMARK_COUNTS,
  DERIVED_LANDMARKS,
  AUTHORS_TYPE_TO_CATEGORY,
  extendLandmarks,
  garmentRole,
  parseGarmentCategory,
} from './cloning/garment-categories.js';
export type { GarmentCategory, GarmentRole } from './cloning/garment-categories.js';
export { parseGarmentTemplate, templateProblems, isIrregular } from './cloning/garment-template.js';
export type { GarmentTemplate, TemplatePart } from './cloning/garment-template.js';
export { parseModelCsv, serializeModelCsv, MODEL_CSV_CANVAS_PX } from './cloning/model-csv.js';
export { loadCatalog, createCatalog, parseCatalogJson } from './cloning/catalog.js';
export type { GarmentCatalog } from './cloning/catalog.js';
export { parseGarmentList, parseGarmentJsonl, parseAuthorsGarmentCsv } from './cloning/garment-list.js';
export type { GarmentEntry } from './cloning/garment-list.js';
export { cloneTexture } from './cloning/clone-texture.js';
export type { ClonedTexture, OutfitGarment } from './cloning/clone-texture.js';
export { cloneOutfit, checkOutfitGarments, CLONE_DEFAULTS } from './cloning/clone-outfit.js';
export type { CloneOptions, ClonedOutfit } from './cloning/clone-outfit.js';
export { cloneBatch } from './cloning/clone-batch.js';
export type { CloneBatchOptions, CloneSummary } from './cloning/clone-batch.js';
export { outfitIdForImage } from './cloning/outfit-id.js';
export { runCli } from './cli/run-cli.js';
