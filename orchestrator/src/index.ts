/**
 * The public library API of clonedperson. Everything exported here is documented in the
 * README ("Library API"); names are stable within a major version.
 */
import type * as RunCliModule from './cli/run-cli.js';
export { ClonedPersonError, ERROR_CODES, EXIT_CODES, isClonedPersonError, exitCodeFor } from './shared/errors.js';
export type { ErrorCode, ErrorCategory } from './shared/errors.js';
export { silentLogger, createStreamLogger, createMemoryLogger } from './shared/logger.js';
export type { Logger, LogLevel } from './shared/logger.js';
export { createRandom, deriveSeed, DEFAULT_SEED } from './shared/random.js';
export type { Random } from './shared/random.js';
export type { ProgressCallback } from './shared/progress.js';
export { createRawImage, checkRawImage, convertChannels, cropImage, pasteImage } from './imaging/raw-image.js';
export type { RawImage } from './imaging/raw-image.js';
export { readImage, decodeImage, encodePng, encodeJpeg, writePng } from './imaging/image-io.js';
export { warpPerspective, warpPolygonUnder } from './imaging/warp-perspective.js';
export { resizeLanczos } from './imaging/resize.js';

// stage contracts: the files stages hand each other (docs/contracts.md)
export { defineJsonContract, defineJsonlContract } from './contracts/contract.js';
export type { JsonContract, JsonlContract, JsonlLine } from './contracts/contract.js';
export { CONTRACT_ROOTS } from './contracts/contract-roots.js';
export { CONTRACT_SCHEMA } from './contracts/schemas.generated.js';
export { SELECTION_CONTRACT, SELECTION_FILE } from './contracts/selection.js';
export type { Selection, SelectionIdentity } from './contracts/selection.js';
export { OUTFIT_RECORD_CONTRACT } from './contracts/outfit-record.js';
export type { OutfitRecord, OutfitTextureRecord, OutfitGarmentRecord, PartRecord, CellRecord } from './contracts/outfit-record.js';
export { outfitIdForImage, outfitRecordPath, outfitTexturePath } from './contracts/outfit-id.js';
export { GARMENT_TEMPLATE_CONTRACT } from './contracts/garment-template.js';
export {
  CHARACTER_CARD_CONTRACT,
  CHARACTERS_LIST_CONTRACT,
  GLB_EXTRAS_CONTRACT,
  CHARACTER_FILES,
  CHARACTERS_LIST_FILE,
  characterIdFor,
  readGlbExtras,
  readGlbJson,
} from './contracts/character.js';
export type { CharacterCard, CharactersList, CharacterEntry, CharacterFailure, GlbExtras } from './contracts/character.js';
export { RENDER_RECORD_CONTRACT, ANNOTATION_LINE_CONTRACT, RENDER_FILES, framePath } from './contracts/render-record.js';
export type { RenderRecord, AnnotationLine } from './contracts/render-record.js';
export { DETECTION_LINE_CONTRACT, DETECTIONS_FILE } from './contracts/detections.js';
export type { DetectionLine, DetectedGarment } from './contracts/detections.js';
export { inputKey, contentHash, canonicalJson } from './shared/input-key.js';
export type { InputKeyParts } from './shared/input-key.js';
export type { FileStore, DirEntry } from './shared/file-store.js';
export { nodeFileStore } from './shared/node-file-store.js';
export { createMemoryFileStore } from './shared/memory-file-store.js';
export type { MemoryFileStore } from './shared/memory-file-store.js';

// geometry
export { estimateHomography, applyHomography, reprojectionRms, HOMOGRAPHY_DEFAULTS } from './geometry/homography.js';
export type { HomographyOptions } from './geometry/homography.js';
export type { Point2 } from './geometry/point.js';
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
export type { OnnxFeatureExtractorOptions } from './cloning/onnx-feature-extractor.js';
export {
  DEEPFASHION2_CATEGORIES,
  CLONEDPERSON_LANDMARK_COUNTS,
  DERIVED_LANDMARKS,
  AUTHORS_TYPE_TO_CATEGORY,
  extendLandmarks,
  garmentRole,
  parseGarmentCategory,
} from './contracts/garment-categories.js';
export type { GarmentCategory, GarmentRole } from './contracts/garment-categories.js';
export { parseGarmentTemplate, templateProblems, isIrregular } from './contracts/garment-template.js';
export type { GarmentTemplate, TemplatePart } from './contracts/garment-template.js';
export { parseModelCsv, serializeModelCsv } from './cloning/model-csv.js';
export { loadCatalog, createCatalog } from './cloning/catalog.js';
export type { GarmentCatalog } from './cloning/catalog.js';
export { parseGarmentList, parseGarmentJsonl, parseAuthorsGarmentCsv } from './cloning/garment-list.js';
export type { GarmentEntry } from './cloning/garment-list.js';
export { cloneTexture } from './cloning/clone-texture.js';
export type { ClonedTexture, OutfitGarment } from './cloning/clone-texture.js';
export { cloneOutfit, CLONE_DEFAULTS } from './cloning/clone-outfit.js';
export type { CloneOptions, ClonedOutfit } from './cloning/clone-outfit.js';
export { cloneBatch } from './cloning/clone-batch.js';
export type { CloneBatchOptions, CloneSummary } from './cloning/clone-batch.js';

// models (the registry of ONNX model descriptions and the checked onnxruntime session)
export { parseModelDescription, MODEL_KINDS } from './models/model-description.js';
export type { ModelDescription, ModelKind, ImageInputSpec, EmbeddingSpec, FeatureMapSpec } from './models/model-description.js';
export { readModelDescription, bundledModel, findModelDescription, modelFileOf } from './models/model-registry.js';
export type { RegistryEntry } from './models/model-registry.js';
export { loadModel } from './models/model-session.js';
export type { LoadedModel, ModelOutput } from './models/model-session.js';
export { imagesToTensor, fitToInput } from './models/image-tensor.js';
export { encodeOnnxModel, onnxFloat, onnxFloats, onnxInts } from './models/onnx-encoder.js';
export type { OnnxModel, OnnxGraph, OnnxNode, OnnxTensor, OnnxValueInfo } from './models/onnx-encoder.js';
// TF.js -> ONNX conversion and the detect stage's models (issue 9, models half)
export { convertTfjsGraph, TFJS_OP_MAPPERS, TFJS_CONVERTER_VERSION } from './models/tfjs/convert-tfjs-graph.js';
export type { TfjsConversionOptions, ConvertedModel } from './models/tfjs/convert-tfjs-graph.js';
export { parseTfjsModelJson } from './models/tfjs/tfjs-model-json.js';
export type { TfjsModelJson } from './models/tfjs/tfjs-model-json.js';
export { convertedModel, defaultModelCacheDir } from './models/tfjs/converted-model-cache.js';
export { loadBuiltinPersonModels, PERSON_MODEL_DEFAULTS } from './detect/models/person-models.js';
export type { PersonModels, PersonModelOptions, PersonCandidate, PersonMask, Keypoint } from './detect/models/person-models.js';
export { loadGarmentModels } from './detect/models/garment-models.js';
export type { GarmentModels, GarmentModelOptions, GarmentDetection } from './detect/models/garment-models.js';
// the detect stage (issue 9, stage half): batch, per-photo core, qualification, garment estimate, importers
export { detectBatch, DETECT_SUMMARY_FILE } from './detect/detect-batch.js';
export type { DetectBatchOptions, DetectSummary, DetectFailure } from './detect/detect-batch.js';
export { detectPhoto, DETECT_PHOTO_DEFAULTS } from './detect/detect-photo.js';
export type { DetectPhotoOptions, DetectPhotoInputs, PersonDetection, PhotoDetections } from './detect/detect-photo.js';
export { qualifyView, QUALIFICATION_DEFAULTS } from './detect/view-qualification.js';
export type { QualificationOptions, PersonView } from './detect/view-qualification.js';
export { REJECTION_REASONS } from './detect/rejection-reasons.js';
export type { RejectionReason as DetectRejectionReason } from './detect/rejection-reasons.js';
export { estimateGarments, GARMENT_ESTIMATE_DEFAULTS } from './detect/estimate-garments.js';
export type { GarmentEstimate, GarmentEstimateOptions } from './detect/estimate-garments.js';
export { PersonSilhouette } from './detect/person-silhouette.js';
export { drawDetections } from './detect/detection-overlay.js';
export { readAnnotations, parseAnnotationFile } from './detect/importers/read-annotations.js';
export type { Annotations, ImageAnnotation, AnnotatedGarment, AnnotatedPerson } from './detect/importers/image-annotations.js';
export { toClonedPersonLandmarks } from './detect/importers/deepfashion2-landmarks.js';
export { qualifiedPeople } from './contracts/detections.js';

// clustering (Similarity-Diversity Expansion)
export { dbscan, dbscanDetailed, checkEps, DBSCAN_DEFAULTS } from './clustering/dbscan.js';
export type { DbscanInput, DbscanOptions, DenseDistances } from './clustering/dbscan.js';
export { dbscanOnNeighbours } from './clustering/dbscan-core.js';
export { knnSearch, radiusSearch, createNeighbourEngine } from './features/neighbour-search.js';
export type { KnnGraph, SearchOptions } from './features/neighbour-search.js';
export type { NeighbourEngine, EngineName } from './features/neighbour-engine.js';
export { kReciprocalRerank, RERANK_DEFAULTS } from './features/reranking.js';
export type { RerankOptions, RerankResult, RerankSource } from './features/reranking.js';
export type { SparseNeighbours } from './features/sparse-neighbours.js';
export type { FeatureMatrix } from './features/feature-matrix.js';
export type { FeatureMetric, Metric } from './features/distance-metric.js';
export { parseNpy, encodeNpy } from './features/npy.js';
export { readFeatureMatrixNpy, writeFeatureMatrixNpy } from './features/npy-file.js';
export { runSde, SDE_DEFAULTS } from './clustering/sde.js';
export type { SdeOptions, SdeResult, SdeRound } from './clustering/sde.js';
export { clustersWithMedoids } from './clustering/medoids.js';
export type { ClusterInfo } from './clustering/medoids.js';
export { selectFromClusters, selectRandom, SELECTION_DEFAULTS } from './clustering/selection.js';
export type { SelectionMethod } from './clustering/selection.js';
export { appearanceDescriptor, APPEARANCE_DIM } from './features/appearance-descriptor.js';
export { builtinAppearanceExtractor, onnxEmbeddingExtractor } from './features/feature-extractor.js';
export { extractFeatures } from './clustering/extract-features.js';
export type { FeatureExtractor } from './features/feature-extractor.js';
export { readImageList } from './clustering/image-list.js';
export type { ImageItem, ImageList } from './clustering/image-list.js';
export { calibrateEps, formatCalibrationReport } from './clustering/calibration.js';
export type { CalibrationReport } from './clustering/calibration.js';
export { plantedClusters } from './clustering/planted-clusters.js';
export { syntheticPeople } from './clustering/synthetic-people.js';
export { runClusterSelection, runSingleDbscan, CLUSTER_DEFAULTS } from './clustering/run-cluster.js';
export type { ClusterRunOptions, ClusterRunSummary } from './clustering/run-cluster.js';
export { rgbToHsv, rgbToLab, luma } from './imaging/colour.js';
export { MakeHumanData, HM08_VERTEX_COUNT } from './makehuman/makehuman-data.js';
export type { MakeHumanDataOptions } from './makehuman/makehuman-data.js';
export { PROXY_KINDS } from './makehuman/makehuman-assets.js';
export type { MakeHumanAssets, LoadedProxy, LoadedMaterial, ProxyEntry, ProxyKind } from './makehuman/makehuman-assets.js';
export { morphBody, bodyHeightCm } from './makehuman/body-morph.js';
export { resolveDataRoots, fetchedAssetsDir, findInRoots } from './makehuman/data-root.js';
export type { DataRoots, DataRootOptions } from './makehuman/data-root.js';
export { MACRO_DEFAULTS, MACRO_MODIFIER_NAMES, classifyTarget, macroVariables, macroTargetWeights, normalizeEthnic } from './makehuman/macro-modifiers.js';
export type { MacroValues, TargetComponent, WeightedTarget } from './makehuman/macro-modifiers.js';
export { parseObj } from './makehuman/obj-parser.js';
export type { ObjMesh } from './makehuman/obj-parser.js';
export { parseTargetText, parseTargetsNpz, applyTarget } from './makehuman/target-parser.js';
export type { MorphTarget } from './makehuman/target-parser.js';
export { parseProxy } from './makehuman/proxy-parser.js';
export type { ProxyDefinition } from './makehuman/proxy-parser.js';
export { parseMaterial } from './makehuman/material-parser.js';
export type { MaterialDefinition } from './makehuman/material-parser.js';
export { parseSkeleton, parseWeights } from './makehuman/rig-parser.js';
export type { SkeletonDefinition, BoneDefinition } from './makehuman/rig-parser.js';
export { fitProxy, clothesMasks } from './makehuman/proxy-fit.js';
export { buildSkeleton } from './makehuman/skeleton.js';
export type { Skeleton, SkeletonBone } from './makehuman/skeleton.js';
export { normalizeBoneWeights, remapBoneWeights, weightReferences, transferWeightsToProxy, compileWeights } from './makehuman/skeleton-weights.js';
export type { BoneWeights, CompiledWeights } from './makehuman/skeleton-weights.js';
export { assembleCharacter } from './characters/character-assembly.js';
export type { AssembledCharacter, MeshPart } from './characters/character-assembly.js';
export type { CharacterSpec, ClothesItem } from './characters/character-spec.js';
export { solveHeightSlider } from './characters/character-height.js';
export { writeCharacterGlb, buildCharacterDocument } from './characters/gltf-writer.js';
export { humanoidBoneMap, CMU_MB_HUMANOID, DEFAULT_RIG_HUMANOID } from './contracts/humanoid-bones.js';
export { drawBody, ACCESSORY_DEFAULTS, BODY_RULES } from './characters/body-generator.js';
export type { AccessoryLists, BodyDraw, HeightRule } from './characters/body-generator.js';
export { writeCharacterFiles } from './characters/character-files.js';
export { makeCharacters, readSelection, readOutfit, CHARACTERS_DEFAULTS } from './characters/characters-batch.js';
export type { CharactersOptions, CharactersSummary } from './characters/characters-batch.js';
export { characterFromMhm, specFromMhm } from './characters/character-from-mhm.js';
export { parseMhm, writeMhm } from './makehuman/mhm-format.js';
export type { MhmModel } from './makehuman/mhm-format.js';
export { renderCharacterPreviews, CHARACTER_PREVIEW_DEFAULTS } from './characters/character-preview.js';
export { fetchAssets, checkAssets, loadPinnedAssets, upstreamUrl } from './assets/asset-fetch.js';
export type { PinnedAsset, FetchSummary, CheckSummary } from './assets/asset-fetch.js';
export { deriveGarmentTemplate, DERIVATION_DEFAULTS } from './garments/garment-derivation.js';
export { deriveClothesTemplates, loadCorrections, parseCorrections } from './garments/garment-templates.js';
export {
  PROTOCOL_VERSION,
  checkCompatibility,
  CAPABILITIES,
  PROTOCOL_ERROR_CODES,
  MESSAGE_TABLE,
  validateMessage,
  encodeImageFrame,
  decodeImageFrame,
  VALID_FIXTURES,
} from '../../protocol/src/index.js';
export type { ProtocolMessage, Capability, ProtocolErrorCode, StepMessage, StepResultMessage, WireCamera, WireAnnotation, WireEnvironment } from '../../protocol/src/index.js';
export { parseSceneSpec, cameraLookAt, sceneStepCount, SCENE_DEFAULTS } from './scene/scene-spec.js';
export type { SceneSpec, SceneCamera, Walkway, CrowdSpec, SceneSweep } from './scene/scene-spec.js';
export { loadSceneSpec, parseSceneText, listBundledScenes } from './scene/scene-loader.js';
export { expandSceneSweep } from './scene/scene-sweep.js';
export type { SceneVariant } from './scene/scene-sweep.js';
export { computeChoreography, cameraRendersAt, CHOREOGRAPHY_DEFAULTS } from './scene/choreography.js';
export type { Choreography, FrameState, PersonState } from './scene/choreography.js';
export { groundTexture, backgroundPanorama } from './scene/environment-textures.js';
export { createPerspectiveCamera, createOrthographicCamera } from './render/camera.js';
export type { RenderCamera } from './render/camera.js';
export { createRenderTarget, clearRenderTarget, resolveRenderTarget } from './render/render-target.js';
export type { RenderTarget } from './render/render-target.js';
export { drawMesh } from './render/rasterizer.js';
export type { MeshData, Material, Lighting } from './render/rasterizer.js';
export { createMipTexture, sampleTexture } from './render/texture.js';
export type { MipTexture } from './render/texture.js';
export { renderOrthographicPreview, PREVIEW_DEFAULTS } from './render/preview.js';
export { parseCharacterGlb, loadCharacterGlb } from './render/character-loader.js';
export { characterModelFromDocument, COCO_KEYPOINTS } from './render/character-model.js';
export type { CharacterModel } from './render/character-model.js';
export { posePerson, createPoseBuffers } from './render/pose-person.js';
export type { PoseInput } from './render/pose-person.js';
// The pose module (motion-captured walks, both players): issue 11.
export { poseSkeletonFromGltf, legLengthM } from './pose/pose-skeleton.js';
export type { PoseBone, PoseSkeleton } from './pose/pose-skeleton.js';
export { walkPose, walkCycleLengthM, gaitSeed, gaitStyle } from './pose/walk-pose.js';
export type { WalkPose, WalkPoseInput } from './pose/walk-pose.js';
export { parseBvh } from './pose/bvh.js';
export type { BvhClip, BvhJoint } from './pose/bvh.js';
// Scenes worth authoring (issue 11): props and their generators, lighting by time of day,
// camera looks, obstacles.
export { PROP_GENERATORS, PROP_KINDS, generatePropGlb, resolvePropParameters } from './environments/prop-generators.js';
export type { PropKind, PropParameters } from './environments/prop-generators.js';
export { resolveLighting, sunPosition, daylight, sunDirection } from './scene/scene-lighting.js';
export type { TimeOfDay, ResolvedLighting } from './scene/scene-lighting.js';
export type { CameraLook, SceneProp, PropModel } from './scene/scene-spec.js';
export { buildObstacleMap, isBlocked, isInFootprint } from './scene/obstacle-map.js';
export type { ObstacleMap } from './scene/obstacle-map.js';
export { applyCameraLook, whiteBalanceGains } from './render-stage/camera-look.js';
export { parsePropGlb } from './render/prop-loader.js';
export type { RenderProp, PropPlacement } from './render/prop-model.js';
export { createRenderEnvironment } from './render/environment.js';
export { renderView, VIEW_DEFAULTS } from './render/scene-view.js';
export type { ViewAnnotation, PosedPerson } from './render/scene-view.js';
export { StepRenderer, STEP_RENDERER_DEFAULTS } from './render/step-renderer.js';
export { getPlayer, listPlayers, registerPlayer } from './players/players.js';
export type { PlayerDefinition, PlayerCommand, PlayerLaunchContext } from './players/players.js';
export { PlayerServer, PLAYER_SERVER_DEFAULTS } from './players/player-server.js';
export { runPlayer, PLAYER_RUN_DEFAULTS } from './players/player-runner.js';
export type { PlayerRuntime, PlayerRunOptions, PlayerSetup, PlayerRunSummary } from './players/player-runner.js';
export { systemClock } from './players/clock.js';
export type { Clock } from './players/clock.js';
export { webSocketTransport } from './players/ws-session-transport.js';
export type { SessionTransport } from './players/session-transport.js';
export { childProcessHost } from './players/player-launcher.js';
export type { ProcessHost, PlayerProcess, PlayerExit } from './players/process-host.js';
export { renderScene, RENDER_DEFAULTS } from './render-stage/render-stage.js';
// re-ID features shared by clustering, evaluation and the pipeline (features/)
export { forEachDistanceBlock } from './features/distance-blocks.js';
export type { DistanceBlockCallback, DistanceBlockOptions } from './features/distance-blocks.js';
export { buildRerankIndex, rerankedRow } from './features/reranking.js';
export type { RerankIndex } from './features/reranking.js';
export { flipHorizontal } from './features/feature-extractor.js';
export type { OnnxExtractorOptions } from './features/feature-extractor.js';
export { resolveExtractorModel, createFeatureExtractor } from './features/open-extractor.js';
// the dataset stage (dataset/) and its contract
export { DATASET_RECORD_CONTRACT, DATASET_FILES, DATASET_FOLDERS, datasetImageName, parseDatasetImageName, datasetCameraKey } from './contracts/dataset-record.js';
export type { DatasetRecord, DatasetImage, DatasetIdentity, DatasetScene, DatasetCropRule, DatasetLayout, DatasetSubset, DatasetImageName } from './contracts/dataset-record.js';
export { writeDataset, resolveCropRule, DATASET_DEFAULTS } from './dataset/write-dataset.js';
export type { WriteDatasetOptions, WriteDatasetSummary } from './dataset/write-dataset.js';
export { planDataset } from './dataset/dataset-plan.js';
export type { DatasetPlan, PlanScene, PlanIdentity, PlanOptions } from './dataset/dataset-plan.js';
export { defaultCropRule, authorsCropRule, CROP_RULE_DEFAULTS } from './dataset/crop-rules.js';
export type { CropDecision, RejectionReason } from './dataset/crop-rules.js';
export { splitQueryGallery } from './dataset/query-split.js';
export { isSampledStep } from './dataset/frame-sampling.js';
export { splitJpegMosaic } from './imaging/jpeg-tiles.js';
export type { MosaicRegion } from './imaging/jpeg-tiles.js';
export { CropMosaic } from './imaging/crop-mosaic.js';
export { resizeBoxInto } from './imaging/resize-box.js';
// evaluation (eval/)
export { evaluateDataset, evaluateFeatureFiles, evaluateFeatureMatrices, EVAL_DEFAULTS } from './eval/evaluate.js';
export type { EvalOptions, EvalResult, LabelledFeatures, FeatureFiles } from './eval/evaluate.js';
export { evaluateDistanceMatrix, scoreQuery, GalleryIndex, QueryScratch, MetricsAccumulator } from './eval/reid-metrics.js';
export type { EvalMetrics, RankingLabels, QueryResult } from './eval/reid-metrics.js';
export { loadEvalSplit } from './eval/dataset-layouts.js';
export type { EvalSplit, EvalImage, DatasetKind } from './eval/dataset-layouts.js';
export { parseImageName, detectNaming } from './eval/image-names.js';
export type { ImageNaming, ParsedImageName } from './eval/image-names.js';
export { listCharacterFiles } from './render-stage/character-list.js';
export type { RenderRunOptions, RenderSummary } from './render-stage/render-stage.js';
// the whole pipeline (run/): `run`, `demo`, the run config and manifest, clone fidelity (issue 12)
export { runPipeline } from './run/run-pipeline.js';
export type { RunPipelineOptions, RunReporter } from './run/run-pipeline.js';
export { runDemo, demoConfig } from './run/run-demo.js';
export type { DemoOptions } from './run/run-demo.js';
export { RUN_CONFIG_DEFAULTS, resolveRunConfig } from './run/run-config-defaults.js';
export type { ResolvedRunConfig } from './run/run-config-defaults.js';
export { loadRunConfig, parseRunConfigText } from './run/load-run-config.js';
export { formatRunConfig } from './run/format-run-config.js';
export { formatRunSummary, runLosses } from './run/format-run-summary.js';
export { cloneFidelity } from './run/clone-fidelity.js';
export { RUN_CONFIG_CONTRACT } from './contracts/run-config.js';
export type { RunConfig } from './contracts/run-config.js';
export { RUN_MANIFEST_CONTRACT, RUN_MANIFEST_FILE } from './contracts/run-manifest.js';
export type { RunManifest, StageRecord, StageDrop, FidelityRecord, RunStageName } from './contracts/run-manifest.js';
// nearest garment templates (cloning/)
export { reachable, dressSplits, carriedIndices } from './cloning/category-substitutes.js';
export { landmarkNames, extendedLandmarkNames } from './cloning/landmark-schemes.js';
export { carryGarment, restrictTemplate } from './cloning/garment-substitution.js';
type RunCli = typeof RunCliModule.runCli;
/** Runs the CLI in-process (see cli/run-cli.ts); loaded on first call, so importing the library does not load yargs. */
export const runCli: RunCli = async (...args) => (await import('./cli/run-cli.js')).runCli(...args);

// The Unity player (`--player unity`): issue 10.
export { configurePlayer } from './players/players.js';
export type { PlayerSettings } from './players/players.js';
export { unityPlayer, UNITY_ENV, UNITY_TIMEOUTS } from './players/unity/unity-player-definition.js';
export type { UnityPlayerOptions } from './players/unity/unity-player-definition.js';
export { unityLaunchPlan } from './players/unity/unity-launch-plan.js';
export type { UnityLaunchPlan, UnityLaunchSettings, UnityMode } from './players/unity/unity-launch-plan.js';
export { UNITY_EXIT_CODES, unityExitError } from './players/unity/unity-exit-codes.js';
