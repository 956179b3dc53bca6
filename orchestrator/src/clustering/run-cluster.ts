/**
 * `clonedperson cluster` as a library call: image list -> features (built-in descriptor or a
 * described ONNX re-ID model, cached per image) -> two rounds of DBSCAN -> selection.json, plus
 * labels and medoids of both rounds, features.npy and the visual report. Also the single DBSCAN
 * run on given features (`clonedperson dbscan`).
 *
 * Everything that can be wrong with the input (options, image list, features, model) is
 * checked before the first output is written, and selection.json is written last, so a
 * folder with selection.json holds a complete run.
 */
import path from 'node:path';
import { DEFAULT_SEED } from '../shared/random.js';
import { SELECTION_CONTRACT, SELECTION_FILE } from '../contracts/selection.js';
import { checkPositiveInteger, invalidArgument } from '../shared/check.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import { canonicalJson, contentHash, inputKey } from '../shared/input-key.js';
import { nodeFileStore } from '../shared/node-file-store.js';
import type { Logger } from '../shared/logger.js';
import { silentLogger } from '../shared/logger.js';
import type { ProgressCallback } from '../shared/progress.js';
import { writeClusterReport } from './cluster-report.js';
import { checkEps, dbscanDetailed } from './dbscan.js';
import { dbscanOnNeighbours } from './dbscan-core.js';
import type { FeatureMetric, Metric } from '../features/distance-metric.js';
import { exactDistance, prepareFeatures } from '../features/distance-metric.js';
import { createFeatureExtractor, resolveExtractorModel } from '../features/open-extractor.js';
import { extractFeatures } from './extract-features.js';
import type { FailedItem } from './extract-features.js';
import type { FeatureMatrix } from '../features/feature-matrix.js';
import { checkFeatureMatrix } from '../features/feature-matrix.js';
import { readImageList } from './image-list.js';
import type { ImageItem } from './image-list.js';
import type { EngineName } from '../features/neighbour-engine.js';
import { knnSearchPrepared } from '../features/neighbour-search.js';
import { readFeatureMatrixNpy, writeFeatureMatrixNpy, writeInt32Npy } from '../features/npy-file.js';
import { kReciprocalRerank, RERANK_DEFAULTS } from '../features/reranking.js';
import type { RerankOptions } from '../features/reranking.js';
import { checkSdeEps, runSde } from './sde.js';
import type { SdeResult, SdeRound } from './sde.js';
import { SELECTION_DEFAULTS, selectFromClusters, selectRandom } from './selection.js';
import type { Selection, SelectionMethod } from './selection.js';
import { jsonText } from '../shared/json-text.js';

export interface ClusterRunOptions {
  /** A folder of images or a detections JSONL. */
  images: string;
  /** The folder a JSONL's relative image paths are relative to (default the JSONL's folder; image-list.ts). */
  imagesRoot?: string;
  /** Output folder. */
  out: string;
  /** An ONNX re-ID model (with a description beside it or in `modelConfig`). */
  model?: string;
  modelConfig?: string;
  /** Precomputed features `[N, D]` (rows in image-list order) instead of extracting. */
  features?: string;
  /** eps of both rounds; default from the model description (plain or re-ranked pair). */
  eps?: [number, number];
  minSamples: number;
  /** Default: the model's metric (cosine for the built-in descriptor). */
  metric?: FeatureMetric;
  rerank: boolean;
  rerankOptions: RerankOptions;
  seed: number;
  method: SelectionMethod;
  /** Identities for the random baseline (default: as many as SDE selects). */
  identities?: number;
  perCluster: number;
  trainPerCluster: number;
  report: boolean;
  /** Feature cache folder (default `<out>/cache`). */
  cacheDir?: string;
  engine: EngineName;
  threads?: number;
  files?: FileStore;
  logger?: Logger;
  onProgress?: ProgressCallback;
}

export const CLUSTER_DEFAULTS = {
  minSamples: 4,
  rerank: true,
  rerankOptions: { ...RERANK_DEFAULTS },
  seed: DEFAULT_SEED,
  method: 'sde' as SelectionMethod,
  perCluster: SELECTION_DEFAULTS.perCluster,
  trainPerCluster: SELECTION_DEFAULTS.trainPerCluster,
  report: true,
  engine: 'onnx' as EngineName,
};

export interface ClusterRunSummary {
  formatVersion: 1;
  images: number;
  clustered: number;
  failed: FailedItem[];
  cacheHits: number;
  model: string;
  metric: FeatureMetric;
  eps: [number, number];
  rerank: boolean;
  rounds: { eps: number; images: number; clusters: number; noise: number; timeMs: number }[];
  identities: { total: number; train: number; test: number };
  /** True when selection.json already held this run's input key (nothing was redone). */
  upToDate: boolean;
  timeMs: number;
}

/** Writes pretty JSON (two-space indent, trailing newline) atomically. */
function writeJson(files: FileStore, file: string, value: unknown): Promise<void> {
  return files.writeAtomic(file, jsonText(value));
}

async function existingSelection(file: string, files: FileStore): Promise<Selection | undefined> {
  try {
    return SELECTION_CONTRACT.parse(await files.read(file), file);
  } catch {
    return undefined;
  }
}

function roundJson(round: SdeRound, kept: readonly number[], items: readonly ImageItem[], total: number): unknown {
  const labels: (number | null)[] = new Array<number | null>(total).fill(null);
  round.items.forEach((row, k) => {
    labels[kept[row]] = round.labels[k];
  });
  return {
    formatVersion: 1,
    eps: round.eps,
    images: round.items.length,
    clusterCount: round.clusters.length,
    noise: round.labels.filter((l) => l === -1).length,
    clusters: round.clusters.map((c) => {
      const medoidItem = kept[round.items[c.medoid]];
      return { label: c.label, size: c.members.length, medoid: medoidItem, medoidImage: items[medoidItem].image, medoidMeanDistance: c.medoidMeanDistance, members: c.members.map((m) => kept[round.items[m]]) };
    }),
    labels,
  };
}

/** The two-round run; returns the summary (also written as summary.json). */
export async function runClusterSelection(input: Partial<ClusterRunOptions> & Pick<ClusterRunOptions, 'images' | 'out'>): Promise<ClusterRunSummary> {
  const start = performance.now();
  const options: ClusterRunOptions = { ...CLUSTER_DEFAULTS, ...input, rerankOptions: { ...RERANK_DEFAULTS, ...input.rerankOptions } };
  const logger = options.logger ?? silentLogger;
  const files = options.files ?? nodeFileStore;
  checkPositiveInteger(options.minSamples, 'minSamples');
  if (options.method !== 'sde' && options.method !== 'random') throw invalidArgument('"sde" or "random"', 'method', options.method);
  if (options.identities !== undefined) checkPositiveInteger(options.identities, 'identities');

  const list = await readImageList(options.images, files, options.imagesRoot === undefined ? {} : { root: options.imagesRoot });
  const items = list.items;
  let features: FeatureMatrix;
  let kept: number[];
  let failed: FailedItem[] = [];
  let cacheHits = 0;
  let metric: FeatureMetric;
  let eps: [number, number] | undefined = options.eps;
  let modelName: string;
  if (options.features) {
    // a description (when given) supplies the metric, the eps pair and the expected dimension
    const entry = options.model || options.modelConfig ? (await resolveExtractorModel(options, files)).entry : undefined;
    const spec = entry?.description.embedding;
    metric = options.metric ?? spec?.metric ?? 'cosine';
    eps ??= spec ? (options.rerank ? spec.eps.rerank : spec.eps.plain) : undefined;
    if (!eps) throw new ClonedPersonError('E_USAGE', 'with features, give eps (two values: eps depends on the features\' distance scale) or a model description (modelConfig)');
    checkSdeEps(eps, metric, options.rerank, options.rerankOptions.lambda);
    features = checkFeatureMatrix(await readFeatureMatrixNpy(options.features, files), {
      expectedRows: items.length,
      expectedDim: spec?.dim,
      rejectZeroRows: metric === 'cosine',
      label: options.features,
    });
    kept = items.map((_, i) => i);
    modelName = entry ? `${entry.description.id} (features from ${options.features})` : `features from ${options.features}`;
  } else {
    const { entry, modelFile } = await resolveExtractorModel(options, files);
    const spec = entry.description.embedding;
    if (entry.description.kind !== 'reid-embedding' || !spec) throw new ClonedPersonError('E_MODEL', `${entry.description.id} is not a reid-embedding model`);
    metric = options.metric ?? spec.metric;
    eps ??= options.rerank ? spec.eps.rerank : spec.eps.plain;
    checkSdeEps(eps, metric, options.rerank, options.rerankOptions.lambda);
    modelName = entry.description.id;
    const extractor = await createFeatureExtractor(entry, modelFile, { threads: options.threads }, files);
    try {
      logger.info(`cluster: ${items.length} images, features from ${modelName}`);
      const extracted = await extractFeatures(items, extractor, { cacheDir: options.cacheDir ?? path.join(options.out, 'cache'), files, logger, onProgress: options.onProgress });
      ({ features, kept, failed, cacheHits } = extracted);
    } finally {
      await extractor.close();
    }
    if (features.n === 0) throw new ClonedPersonError('E_ITEMS_FAILED', `no image of ${options.images} could be used (${failed.length} failed)`, { details: { failed } });
    logger.info(`cluster: features of ${features.n} images (${cacheHits} from cache, ${failed.length} failed)`);
  }
  checkSdeEps(eps, metric, options.rerank, options.rerankOptions.lambda);

  // The one resume rule: same options, same features of the same images -> nothing to redo.
  const selectionFile = path.join(options.out, SELECTION_FILE);
  const key = inputKey({
    stage: 'cluster',
    item: 'selection',
    options: {
      model: modelName, eps, metric, minSamples: options.minSamples, rerank: options.rerank, rerankOptions: options.rerankOptions, seed: options.seed,
      method: options.method, identities: options.identities, perCluster: options.perCluster, trainPerCluster: options.trainPerCluster, report: options.report, engine: options.engine,
    },
    inputs: {
      features: contentHash(new Uint8Array(features.data.buffer, features.data.byteOffset, features.data.byteLength)),
      items: contentHash(canonicalJson(kept.map((i) => [items[i].image, items[i].box]))),
    },
  });
  const done = await existingSelection(selectionFile, files);
  if (done?.inputKey === key) {
    logger.info(`cluster: ${selectionFile} is up to date`);
    return {
      formatVersion: 1, images: items.length, clustered: features.n, failed, cacheHits, model: modelName, metric, eps, rerank: options.rerank, rounds: [],
      identities: { total: done.identities.length, train: done.identities.filter((i) => i.split === 'train').length, test: done.identities.filter((i) => i.split === 'test').length },
      upToDate: true, timeMs: Math.round(performance.now() - start),
    };
  }

  const result: SdeResult = await runSde(features, {
    eps,
    minSamples: options.minSamples,
    metric,
    rerank: options.rerank,
    rerankOptions: options.rerankOptions,
    engine: options.engine,
    threads: options.threads,
    seed: options.seed,
    logger,
    onProgress: options.onProgress,
  });
  const selectable = items.map((item) => (item.box ? { image: item.image, box: item.box } : { image: item.image }));
  const clusters = result.round2.clusters.map((c) => c.members.map((m) => kept[result.round2.items[m]]));
  let selection: Selection = selectFromClusters(clusters, selectable, { seed: options.seed, perCluster: options.perCluster, trainPerCluster: options.trainPerCluster });
  if (options.method === 'random') {
    const pool = kept.map((i) => selectable[i]);
    selection = selectRandom(pool, Math.min(pool.length, options.identities ?? selection.identities.length), { seed: options.seed, perCluster: options.perCluster, trainPerCluster: options.trainPerCluster });
  }

  if (selection.identities.length === 0) {
    logger.warn(`cluster: no identities selected (round 2 found ${result.round2.clusters.length} clusters); try a larger eps pair or a smaller minSamples`);
  }

  // outputs; selection.json last
  if (!options.features) await writeFeatureMatrixNpy(path.join(options.out, 'features.npy'), features, files);
  const featureRow = new Int32Array(items.length).fill(-1);
  kept.forEach((item, row) => (featureRow[item] = row));
  await writeJson(files, path.join(options.out, 'items.json'), {
    formatVersion: 1,
    root: list.root,
    items: items.map((item, i) => ({ image: item.image, ...(item.box ? { box: item.box } : {}), featureRow: featureRow[i] })),
  });
  await writeJson(files, path.join(options.out, 'round1.json'), roundJson(result.round1, kept, items, items.length));
  await writeJson(files, path.join(options.out, 'round2.json'), roundJson(result.round2, kept, items, items.length));
  if (options.report) await writeClusterReport(path.join(options.out, 'report'), items, kept, result, selection, { files, logger });
  const summary: ClusterRunSummary = {
    formatVersion: 1,
    images: items.length,
    clustered: features.n,
    failed,
    cacheHits,
    model: modelName,
    metric,
    eps,
    rerank: options.rerank,
    rounds: [result.round1, result.round2].map((r) => ({ eps: r.eps, images: r.items.length, clusters: r.clusters.length, noise: r.labels.filter((l) => l === -1).length, timeMs: Math.round(r.timeMs) })),
    identities: {
      total: selection.identities.length,
      train: selection.identities.filter((i) => i.split === 'train').length,
      test: selection.identities.filter((i) => i.split === 'test').length,
    },
    upToDate: false,
    timeMs: Math.round(performance.now() - start),
  };
  await writeJson(files, path.join(options.out, 'summary.json'), summary);
  await files.writeAtomic(selectionFile, SELECTION_CONTRACT.format({ ...selection, inputKey: key }));
  logger.info(`cluster: ${selection.identities.length} identities (${summary.identities.train} train, ${summary.identities.test} test) -> ${path.join(options.out, 'selection.json')}`);
  return summary;
}

export interface SingleDbscanOptions {
  features: string;
  eps: number;
  minSamples: number;
  metric: Metric;
  rerank: boolean;
  rerankOptions: RerankOptions;
  labelsOut: string;
  engine: EngineName;
  threads?: number;
  files?: FileStore;
  logger?: Logger;
}

/**
 * One DBSCAN run on a features `.npy` (or an N x N distance matrix with metric precomputed);
 * writes labels as JSON, or as int32 `.npy` when `labelsOut` ends with `.npy`.
 */
export async function runSingleDbscan(input: Partial<SingleDbscanOptions> & Pick<SingleDbscanOptions, 'features' | 'eps' | 'labelsOut'>): Promise<{ clusters: number; noise: number; n: number }> {
  const options: SingleDbscanOptions = { minSamples: 4, metric: 'cosine', rerank: false, rerankOptions: { ...RERANK_DEFAULTS }, engine: 'onnx', ...input };
  const logger = options.logger ?? silentLogger;
  const files = options.files ?? nodeFileStore;
  checkPositiveInteger(options.minSamples, 'minSamples');
  checkEps(options.eps, options.metric);
  const matrix = await readFeatureMatrixNpy(options.features, files);
  let labels: Int32Array;
  if (options.rerank) {
    if (options.metric === 'precomputed') throw new ClonedPersonError('E_USAGE', 're-ranking needs features (cosine or euclidean), not a precomputed matrix');
    checkFeatureMatrix(matrix, { rejectZeroRows: options.metric === 'cosine', label: options.features });
    if (options.eps >= 1 - options.rerankOptions.lambda) throw invalidArgument(`eps below 1 - lambda = ${1 - options.rerankOptions.lambda} for re-ranked distances`, 'eps', options.eps);
    const prepared = prepareFeatures(matrix, options.metric);
    const knn = await knnSearchPrepared(prepared, options.rerankOptions.k1 + 1, { engine: options.engine, threads: options.threads });
    const reranked = kReciprocalRerank({ knn, distance: (i, j) => exactDistance(prepared, i, j) }, options.rerankOptions, options.eps);
    labels = dbscanOnNeighbours(reranked.neighbours, options.eps, options.minSamples).labels;
  } else {
    if (options.metric !== 'precomputed') checkFeatureMatrix(matrix, { rejectZeroRows: options.metric === 'cosine', label: options.features });
    labels = (await dbscanDetailed(matrix, { eps: options.eps, minSamples: options.minSamples, metric: options.metric, engine: options.engine, threads: options.threads })).labels;
  }
  let clusters = 0;
  let noise = 0;
  for (const l of labels) {
    if (l === -1) noise++;
    else clusters = Math.max(clusters, l + 1);
  }
  if (options.labelsOut.endsWith('.npy')) {
    await writeInt32Npy(options.labelsOut, labels, files);
  } else {
    await writeJson(files, options.labelsOut, {
      formatVersion: 1,
      eps: options.eps,
      minSamples: options.minSamples,
      metric: options.metric,
      rerank: options.rerank,
      clusters,
      noise,
      labels: Array.from(labels),
    });
  }
  logger.info(`cluster: ${labels.length} points -> ${clusters} clusters, ${noise} noise -> ${options.labelsOut}`);
  return { clusters, noise, n: labels.length };
}
