/**
 * Similarity-Diversity Expansion (ClonedPerson, section 4): two rounds of DBSCAN.
 * - Round 1 (eps 0.4 on re-ranked distances): clusters are the same person in the same
 *   clothes; each is replaced by its medoid, round-1 noise is kept as is.
 * - Round 2 (eps 0.5) over those kept images: clusters now hold different but similar-looking
 *   people, from which the characters are chosen (selection.ts).
 * Each round recomputes neighbours (and the re-ranking) on its own set of images, as the
 * authors ran their clustering script once per round.
 */
import { checkPositiveInteger, invalidArgument } from '../shared/check.js';
import type { Logger } from '../shared/logger.js';
import { silentLogger } from '../shared/logger.js';
import type { ProgressCallback } from '../shared/progress.js';
import { checkEps } from './dbscan.js';
import { dbscanOnNeighbours } from './dbscan-core.js';
import type { FeatureMetric } from '../features/distance-metric.js';
import { exactDistance, prepareFeatures } from '../features/distance-metric.js';
import type { FeatureMatrix } from '../features/feature-matrix.js';
import { checkFeatureMatrix, selectRows } from '../features/feature-matrix.js';
import { clustersWithMedoids } from './medoids.js';
import type { ClusterInfo, MedoidDistance } from './medoids.js';
import type { EngineName, NeighbourEngine } from '../features/neighbour-engine.js';
import { createNeighbourEngine, knnSearchPrepared, radiusSearchPrepared } from '../features/neighbour-search.js';
import { kReciprocalRerank, RERANK_DEFAULTS } from '../features/reranking.js';
import type { RerankOptions } from '../features/reranking.js';

export interface SdeOptions {
  /** eps of round 1 and round 2. */
  eps: [number, number];
  minSamples: number;
  metric: FeatureMetric;
  /** k-reciprocal re-ranking before DBSCAN (the paper's setting). */
  rerank: boolean;
  rerankOptions: RerankOptions;
  engine: EngineName | NeighbourEngine;
  threads?: number;
  seed: number;
  logger?: Logger;
  onProgress?: ProgressCallback;
}

export const SDE_DEFAULTS: Readonly<Omit<SdeOptions, 'threads' | 'logger' | 'onProgress'>> = {
  eps: [0.4, 0.5],
  minSamples: 4,
  metric: 'cosine',
  rerank: true,
  rerankOptions: { ...RERANK_DEFAULTS },
  engine: 'onnx',
  seed: 1,
};

/** One DBSCAN round over a subset of the images. */
export interface SdeRound {
  eps: number;
  /** The images of this round, as indices into the full feature matrix, ascending. */
  items: Int32Array;
  /** Label per round image (aligned with `items`), -1 noise. */
  labels: Int32Array;
  isCore: Uint8Array;
  /** Clusters with medoids; `members`/`medoid` index into `items`. */
  clusters: ClusterInfo[];
  /** Stored neighbour pairs (a measure of the work and memory). */
  storedPairs: number;
  /** Wall time of the round, ms. */
  timeMs: number;
}

export interface SdeResult {
  round1: SdeRound;
  round2: SdeRound;
  options: Omit<SdeOptions, 'logger' | 'onProgress' | 'engine'> & { engine: EngineName };
}

/** Runs one round: neighbours (re-ranked or plain), DBSCAN and medoids. */
async function clusterRound(
  features: FeatureMatrix,
  items: Int32Array,
  eps: number,
  options: Omit<SdeOptions, 'eps'> & { engine: NeighbourEngine },
  label: string,
): Promise<SdeRound> {
  const start = performance.now();
  const logger = options.logger ?? silentLogger;
  const subset = selectRows(features, items);
  const prepared = prepareFeatures(subset, options.metric);
  const progress: ProgressCallback = (done, total, what) => options.onProgress?.(done, total, `${label}: ${what ?? ''}`);
  let neighbours;
  let medoidDistance: MedoidDistance;
  if (options.rerank) {
    const k1 = options.rerankOptions.k1;
    const knn = await knnSearchPrepared(prepared, k1 + 1, { engine: options.engine, onProgress: progress });
    const reranked = kReciprocalRerank({ knn, distance: (i, j) => exactDistance(prepared, i, j) }, options.rerankOptions, eps, progress);
    neighbours = reranked.neighbours;
    medoidDistance = { kind: 'pairwise', distance: reranked.distance };
  } else {
    neighbours = await radiusSearchPrepared(prepared, eps, { engine: options.engine, onProgress: progress });
    medoidDistance = options.metric === 'cosine' ? { kind: 'cosine', prepared } : { kind: 'pairwise', distance: (i, j) => exactDistance(prepared, i, j) };
  }
  const { labels, isCore, clusterCount } = dbscanOnNeighbours(neighbours, eps, options.minSamples);
  const clusters = clustersWithMedoids(labels, medoidDistance, { seed: options.seed });
  let noise = 0;
  for (const l of labels) if (l === -1) noise++;
  const timeMs = performance.now() - start;
  logger.info(`cluster: ${label}: ${items.length} images -> ${clusterCount} clusters, ${noise} noise (eps ${eps}${options.rerank ? ', re-ranked' : ''}, ${(timeMs / 1000).toFixed(1)} s)`);
  return { eps, items, labels, isCore, clusters, storedPairs: neighbours.indices.length, timeMs };
}

/** Checks the eps pair for the metric and re-ranking setting. */
export function checkSdeEps(eps: unknown, metric: FeatureMetric, rerank: boolean, lambda: number): [number, number] {
  if (!Array.isArray(eps) || eps.length !== 2) throw invalidArgument('two eps values (round 1, round 2)', 'eps', eps);
  const pair = eps.map((e, r) => checkEps(e, metric, `eps of round ${r + 1}`)) as [number, number];
  if (rerank) {
    for (const e of pair) {
      if (e >= 1 - lambda) throw invalidArgument(`eps below 1 - lambda = ${1 - lambda} for re-ranked distances`, 'eps', e);
    }
  }
  return pair;
}

/** Runs both rounds. Round-2 images are round-1 medoids plus round-1 noise, in index order. */
export async function runSde(features: FeatureMatrix, options: Partial<SdeOptions> = {}): Promise<SdeResult> {
  const opts: SdeOptions = { ...SDE_DEFAULTS, ...options, rerankOptions: { ...RERANK_DEFAULTS, ...options.rerankOptions } };
  checkPositiveInteger(opts.minSamples, 'minSamples');
  checkFeatureMatrix(features, { rejectZeroRows: opts.metric === 'cosine' });
  const eps = checkSdeEps(opts.eps, opts.metric, opts.rerank, opts.rerankOptions.lambda);
  const engine = typeof opts.engine === 'object' ? opts.engine : createNeighbourEngine(opts.engine, opts.threads);
  try {
    const all = Int32Array.from({ length: features.n }, (_, i) => i);
    const round1 = await clusterRound(features, all, eps[0], { ...opts, engine }, 'round 1');
    const kept: number[] = round1.clusters.map((c) => round1.items[c.medoid]);
    round1.labels.forEach((l, k) => {
      if (l === -1) kept.push(round1.items[k]);
    });
    kept.sort((a, b) => a - b);
    const round2 = await clusterRound(features, Int32Array.from(kept), eps[1], { ...opts, engine }, 'round 2');
    return { round1, round2, options: { ...opts, eps, engine: engine.name } };
  } finally {
    if (typeof opts.engine !== 'object') await engine.close();
  }
}
