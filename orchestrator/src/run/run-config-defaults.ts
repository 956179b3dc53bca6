/**
 * The run config's defaults, taken from each stage's own defaults (so a default lives in one
 * place), and the merge of a config file over them. `clonedperson config --defaults` prints
 * {@link RUN_CONFIG_DEFAULTS}.
 */
import { CHARACTERS_DEFAULTS } from '../characters/characters-batch.js';
import { CLONE_DEFAULTS } from '../cloning/clone-outfit.js';
import { CLUSTER_DEFAULTS } from '../clustering/run-cluster.js';
import type {
  CharactersConfig,
  CloneConfig,
  ClusterConfig,
  DatasetConfig,
  DetectConfig,
  EvalConfig,
  FidelityConfig,
  OverviewConfig,
  RenderConfig,
  RunConfig,
} from '../contracts/run-config.js';
import { DATASET_DEFAULTS } from '../dataset/write-dataset.js';
import { EVAL_DEFAULTS } from '../eval/evaluate.js';
import { RENDER_DEFAULTS } from '../render-stage/render-stage.js';
import { DEFAULT_SEED } from '../shared/random.js';

/** Fields that stay optional after resolution (their absence means "the stage decides"). */
type OptionalKeys = 'annotations' | 'models' | 'resizePx' | 'identities' | 'model' | 'modelConfig' | 'eps' | 'metric' | 'catalog' | 'accessories' | 'mhData' | 'mhSysData' | 'steps' | 'fps' | 'threads';
type Resolved<T> = Required<Omit<T, Extract<keyof T, OptionalKeys>>> & Pick<T, Extract<keyof T, OptionalKeys>>;

/** A run config with every default filled in. */
export interface ResolvedRunConfig {
  formatVersion: 1;
  seed: number;
  detect: Resolved<DetectConfig>;
  cluster: Resolved<ClusterConfig>;
  clone: Resolved<Omit<CloneConfig, 'steps'>> & { steps: boolean };
  characters: Resolved<CharactersConfig>;
  render: Resolved<RenderConfig>;
  dataset: Resolved<DatasetConfig>;
  eval: Resolved<EvalConfig>;
  fidelity: Resolved<FidelityConfig>;
  overview: Resolved<OverviewConfig>;
}

export const RUN_CONFIG_DEFAULTS: Readonly<ResolvedRunConfig> = {
  formatVersion: 1,
  seed: DEFAULT_SEED,
  detect: { qualification: {}, threads: 1, keepUnqualified: false },
  cluster: {
    // every qualified person becomes a character; `sde` is the paper's choice for big pools
    method: 'all',
    minSamples: CLUSTER_DEFAULTS.minSamples,
    rerank: CLUSTER_DEFAULTS.rerank,
    k1: CLUSTER_DEFAULTS.rerankOptions.k1,
    k2: CLUSTER_DEFAULTS.rerankOptions.k2,
    lambda: CLUSTER_DEFAULTS.rerankOptions.lambda,
    perCluster: CLUSTER_DEFAULTS.perCluster,
    trainPerCluster: CLUSTER_DEFAULTS.trainPerCluster,
    report: CLUSTER_DEFAULTS.report,
    engine: CLUSTER_DEFAULTS.engine,
  },
  clone: { sizePx: CLONE_DEFAULTS.sizePx, refine: CLONE_DEFAULTS.refine, nearestTemplates: CLONE_DEFAULTS.nearestTemplates, steps: CLONE_DEFAULTS.steps },
  characters: { skeleton: CHARACTERS_DEFAULTS.skeleton, heightRule: CHARACTERS_DEFAULTS.heightRule, targets: 'auto' },
  render: {
    scenes: ['street'],
    player: 'embedded',
    encoding: RENDER_DEFAULTS.encoding,
    jpegQuality: RENDER_DEFAULTS.jpegQuality,
    samplesPerAxis: RENDER_DEFAULTS.samplesPerAxis,
  },
  dataset: {
    enabled: true,
    cropRule: DATASET_DEFAULTS.cropRule,
    cropRuleOptions: {},
    layout: DATASET_DEFAULTS.layout,
    jpegQuality: DATASET_DEFAULTS.jpegQuality,
    coco: DATASET_DEFAULTS.coco,
  },
  eval: {
    enabled: true,
    flip: false,
    rerank: EVAL_DEFAULTS.rerank,
    maxRank: EVAL_DEFAULTS.maxRank,
    report: true,
    reportQueries: EVAL_DEFAULTS.reportQueries,
    engine: EVAL_DEFAULTS.engine,
  },
  fidelity: { enabled: true, cropsPerCharacter: 20, minCropHeightPx: 48 },
  overview: { enabled: true, cropsPerIdentity: 6, previewHeightPx: 400 },
};

type Section = Exclude<keyof ResolvedRunConfig, 'formatVersion' | 'seed'>;
const SECTIONS: readonly Section[] = ['detect', 'cluster', 'clone', 'characters', 'render', 'dataset', 'eval', 'fidelity', 'overview'];

/** `config` over `base`, section by section and field by field (lists are replaced, not joined). */
export function resolveRunConfig(config: RunConfig, base: Readonly<ResolvedRunConfig> = RUN_CONFIG_DEFAULTS): ResolvedRunConfig {
  const out = { ...base, seed: config.seed ?? base.seed } as ResolvedRunConfig;
  for (const section of SECTIONS) {
    const given = config[section] as Record<string, unknown> | undefined;
    const merged: Record<string, unknown> = { ...(base[section] as Record<string, unknown>) };
    for (const [key, value] of Object.entries(given ?? {})) if (value !== undefined) merged[key] = value;
    (out as unknown as Record<string, unknown>)[section] = merged;
  }
  return out;
}
