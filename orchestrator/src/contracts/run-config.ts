/**
 * Contract: the run config (`run.yaml`, or JSON), every stage's options for `clonedperson run`
 * in one file. Producers: users, `clonedperson config --defaults`, the bundled demo config.
 * Consumer: run, which merges a file over the defaults (run/run-config-defaults.ts) and records
 * the resolved config in `manifest.json` (run-manifest.ts).
 *
 * Every field is optional in a file: what is absent takes its default. Unknown fields are
 * refused with their path (`run.yaml: /render/stpes: must NOT have additional properties`), so a
 * misspelt option never passes silently. Paths in a file are relative to the file's folder.
 */
import { defineJsonContract } from './contract.js';
import type { Count } from './selection.js';

/**
 * A positive integer.
 * @asType integer
 * @minimum 1
 */
export type PositiveCount = number;

/**
 * A share from 0 to 1.
 * @minimum 0
 * @maximum 1
 */
export type Share = number;

/** Overrides of detect's view-qualification thresholds (see `clonedperson detect --help`). */
export interface QualificationConfig {
  /** Score a body keypoint needs to count as visible. */
  minKeypointScore?: Share;
  /** Score the nose or an eye needs for the face to count as visible. */
  minFaceScore?: Share;
  /** Shortest person box that can qualify, pixels. */
  minHeightPx?: PositiveCount;
  /**
   * Box height / width range of a standing full-body view.
   * @minimum 0
   */
  minAspect?: number;
  /** @minimum 0 */
  maxAspect?: number;
  /**
   * Shoulder width / torso length below which the view is from the side.
   * @minimum 0
   */
  minShoulderRatio?: number;
  /** Distance to the photo border that counts as touching it, pixels. */
  borderMarginPx?: Count;
  /** Silhouette cells on the border tolerated before the person counts as truncated. */
  maxBorderCells?: Count;
  /** Share of a person's box another person's box may cover. */
  maxOverlap?: Share;
  /** Apply the authors' arms-over-body rule. */
  armsClear?: boolean;
}

export interface DetectConfig {
  /** A model registry folder overriding the built-in person models, or adding garment models. */
  models?: string;
  /** Existing annotations (DeepFashion2 JSON, COCO keypoints JSON or the authors' CSV). */
  annotations?: string;
  qualification?: QualificationConfig;
  /** onnxruntime threads per model. */
  threads?: PositiveCount;
  /** Pass on people whose view does not qualify (side, back, cut) when their garments were placed. */
  keepUnqualified?: boolean;
}

export interface ClusterConfig {
  /**
   * Who becomes a character: `all` every qualified person (default: nobody is lost), `sde` the
   * paper's Similarity-Diversity Expansion (7 images per round-2 cluster; suits thousands of
   * photos), `random` the paper's baseline (`identities` images).
   */
  method?: 'all' | 'sde' | 'random';
  /** Identities for `random` (default: as many as `sde` selects). */
  identities?: PositiveCount;
  /** An ONNX re-ID model (kind `reid-embedding`); default the built-in appearance descriptor. */
  model?: string;
  /** The model's registry description (default `<model>.json` beside it). */
  modelConfig?: string;
  /**
   * eps of DBSCAN round 1 and 2 (default: the model's calibrated pair).
   * @minItems 2
   * @maxItems 2
   */
  eps?: number[];
  /** DBSCAN min_samples, counting the point itself. */
  minSamples?: PositiveCount;
  metric?: 'cosine' | 'euclidean';
  /** k-reciprocal re-ranking before DBSCAN. */
  rerank?: boolean;
  k1?: PositiveCount;
  k2?: PositiveCount;
  /**
   * Weight of the original distance in the re-ranked one, in [0, 1).
   * @minimum 0
   * @exclusiveMaximum 1
   */
  lambda?: number;
  /** Images taken from each round-2 cluster (and group size of the 5:2 split). */
  perCluster?: PositiveCount;
  /** Of those, training identities. */
  trainPerCluster?: Count;
  /** Write the cluster report (HTML + contact sheets). */
  report?: boolean;
  engine?: 'onnx' | 'js';
}

export interface CloneConfig {
  /** Garment templates: a folder of JSON templates, a JSON file or the authors' model.csv (default: the bundled catalog). */
  catalog?: string;
  /**
   * Side of the square UV textures, pixels.
   * @asType integer
   * @minimum 16
   * @maximum 8192
   */
  sizePx?: number;
  /** Levenberg-Marquardt refinement of the homographies. */
  refine?: boolean;
  /** Dress garments without a template of their category by the nearest templates. */
  nearestTemplates?: boolean;
  /** Also write the intermediate images. */
  steps?: boolean;
  /** An ONNX backbone for the cloth-cell search (kind `feature-map`); default the built-in features. */
  model?: string;
  modelConfig?: string;
}

export interface CharactersConfig {
  /** Rig: `cmu_mb` (ClonedPerson) or `default`. */
  skeleton?: string;
  /** `measured`: bodies measure the drawn height; `paper`: Height slider = cm / 200. */
  heightRule?: 'measured' | 'paper';
  /** A JSON file overriding the hair, beard, shoes, skin, eyebrow and eye lists. */
  accessories?: string;
  /** MakeHuman user data folder, searched first. */
  mhData?: string;
  /** MakeHuman system data folder (default: the fetched assets). */
  mhSysData?: string;
  targets?: 'auto' | 'text' | 'npz';
}

export interface RenderConfig {
  /**
   * Scenes to render, each a bundled scene name or a scene file; every sweep variant of each.
   * @minItems 1
   */
  scenes?: string[];
  /** The rendering player. */
  player?: string;
  /** Render only the first N steps of each scene (default: its whole duration). */
  steps?: PositiveCount;
  /** Steps per second (default: each scene's). */
  fps?: PositiveCount;
  encoding?: 'jpeg' | 'png';
  /**
   * @asType integer
   * @minimum 1
   * @maximum 100
   */
  jpegQuality?: number;
  /**
   * Supersamples per pixel axis (1 = off).
   * @asType integer
   * @minimum 1
   * @maximum 4
   */
  samplesPerAxis?: number;
  /** Render threads in the player (0 renders inline; default all cores). */
  threads?: Count;
}

/** Overrides of the dataset's crop rule thresholds (see `clonedperson dataset --help`). */
export interface CropRuleConfig {
  /** Margins as fractions of the box height: each side, top, bottom. */
  marginSide?: Share;
  marginTop?: Share;
  marginBottom?: Share;
  /**
   * Boxes narrower than this width / height are widened to it.
   * @minimum 0
   */
  minAspect?: number;
  /**
   * authors: boxes wider than this width / height are rejected.
   * @minimum 0
   */
  maxAspect?: number;
  /** authors: the narrowest box, pixels. */
  minWidthPx?: PositiveCount;
  /** The shortest box, pixels. */
  minHeightPx?: PositiveCount;
  /** default rule: the smallest visible fraction kept. */
  minVisibleFraction?: Share;
  /** authors: of two boxes overlapping by more than this share of the smaller one, the farther is dropped... */
  maxOverlap?: Share;
  /**
   * ...when it is farther by more than this, metres.
   * @minimum 0
   */
  minDepthGapM?: number;
  /**
   * Keep one step every this many seconds (0 keeps every step).
   * @minimum 0
   */
  frameIntervalS?: number;
}

export interface DatasetConfig {
  /** Write the dataset. */
  enabled?: boolean;
  /** `default`: the player's amodal box, dropped when cut or less visible than minVisibleFraction; `authors`: the authors' keypoint box. */
  cropRule?: 'default' | 'authors';
  cropRuleOptions?: CropRuleConfig;
  /** `clonedperson`: train/, test/query/, test/gallery/; `market`: Market-1501's folders and names. */
  layout?: 'clonedperson' | 'market';
  /**
   * Resample every crop to [width, height] pixels (default: crops keep their size in the frame).
   * @minItems 2
   * @maxItems 2
   */
  resizePx?: PositiveCount[];
  /**
   * @asType integer
   * @minimum 1
   * @maximum 100
   */
  jpegQuality?: number;
  /** Also write coco.json for the sampled full frames. */
  coco?: boolean;
}

export interface EvalConfig {
  /** Evaluate the dataset's test split. */
  enabled?: boolean;
  /** An ONNX re-ID model (kind `reid-embedding`); default the built-in appearance descriptor. */
  model?: string;
  modelConfig?: string;
  /** Average each embedding with the mirrored image's (ONNX models). */
  flip?: boolean;
  metric?: 'cosine' | 'euclidean';
  /** k-reciprocal re-ranking of query and gallery. */
  rerank?: boolean;
  /** Length of the CMC curve. */
  maxRank?: PositiveCount;
  /** Write the report (CMC curve and ranked galleries of sample queries) into eval/. */
  report?: boolean;
  /** Queries shown in the report. */
  reportQueries?: PositiveCount;
  engine?: 'onnx' | 'js';
}

export interface FidelityConfig {
  /** Measure clone fidelity after rendering (default true). */
  enabled?: boolean;
  /** Rendered crops per character used as queries (the first by frame; default 20). */
  cropsPerCharacter?: PositiveCount;
  /** Crops shorter than this are not used, pixels (default 48). */
  minCropHeightPx?: PositiveCount;
}

export interface OverviewConfig {
  /** Write the HTML overview (default true). */
  enabled?: boolean;
  /** Rendered crops shown per identity (default 6). */
  cropsPerIdentity?: Count;
  /**
   * Height of the character previews, pixels (default 400).
   * @asType integer
   * @minimum 32
   * @maximum 2048
   */
  previewHeightPx?: number;
}

export interface RunConfig {
  formatVersion?: 1;
  /** The run seed: every stage's random choices derive from it. */
  seed?: Count;
  detect?: DetectConfig;
  cluster?: ClusterConfig;
  clone?: CloneConfig;
  characters?: CharactersConfig;
  render?: RenderConfig;
  dataset?: DatasetConfig;
  eval?: EvalConfig;
  fidelity?: FidelityConfig;
  overview?: OverviewConfig;
}

export const RUN_CONFIG_CONTRACT = defineJsonContract<RunConfig>({
  type: 'RunConfig',
  formatVersion: 1,
  errorCode: 'E_CONFIG_INVALID',
  check(config, fail) {
    const cluster = config.cluster;
    if (cluster?.trainPerCluster !== undefined && cluster.perCluster !== undefined && cluster.trainPerCluster > cluster.perCluster) {
      fail('/cluster/trainPerCluster', `must be at most perCluster (${cluster.perCluster})`);
    }
    if (cluster?.eps?.some((e) => !(e > 0))) fail('/cluster/eps', 'must be two positive numbers');
  },
});
