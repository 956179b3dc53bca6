/**
 * The public DBSCAN: `dbscan(features | neighbours | dense distances, { eps, minSamples,
 * metric })` returns an Int32Array of labels (0-based clusters, -1 noise) with scikit-learn's
 * semantics (see dbscan-core.ts). Features are searched blockwise for their eps-neighbourhoods
 * (exact; see neighbour-search.ts); precomputed input is used as given.
 */
import { checkPositiveInteger, invalidArgument } from '../shared/check.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { ProgressCallback } from '../shared/progress.js';
import { dbscanOnNeighbours } from './dbscan-core.js';
import type { DbscanCoreResult } from './dbscan-core.js';
import type { Metric } from '../features/distance-metric.js';
import type { FeatureMatrix } from '../features/feature-matrix.js';
import { checkFeatureMatrix } from '../features/feature-matrix.js';
import type { EngineName, NeighbourEngine } from '../features/neighbour-engine.js';
import { radiusSearch } from '../features/neighbour-search.js';
import { checkSparseNeighbours, neighboursFromDense } from '../features/sparse-neighbours.js';
import type { SparseNeighbours } from '../features/sparse-neighbours.js';

/** A dense n x n distance matrix, row-major. */
export interface DenseDistances {
  n: number;
  distances: Float32Array;
}

export type DbscanInput = FeatureMatrix | SparseNeighbours | DenseDistances;

export interface DbscanOptions {
  /** Neighbourhood radius (inclusive), > 0; for cosine at most 2. */
  eps: number;
  /** Neighbours (the point included) that make a point core; default 4. */
  minSamples?: number;
  /** Default `cosine` for features; must be `precomputed` for neighbours and dense distances. */
  metric?: Metric;
  engine?: NeighbourEngine | EngineName;
  threads?: number;
  onProgress?: ProgressCallback;
}

export const DBSCAN_DEFAULTS = { minSamples: 4, metric: 'cosine' as Metric };

function isSparse(input: DbscanInput): input is SparseNeighbours {
  return 'indptr' in input;
}

function isFeatures(input: DbscanInput): input is FeatureMatrix {
  return 'data' in input && 'd' in input;
}

/** Checks eps for a metric: positive and finite, at most 2 for cosine. */
export function checkEps(eps: unknown, metric: Metric, name = 'eps'): number {
  const max = metric === 'cosine' ? 2 : Number.MAX_VALUE;
  if (typeof eps !== 'number' || !Number.isFinite(eps) || eps <= 0 || eps > max) {
    throw invalidArgument(metric === 'cosine' ? 'number in (0, 2] (cosine distances lie in [0, 2])' : 'positive finite number', name, eps);
  }
  return eps;
}

/** DBSCAN with core flags and the neighbourhoods used (for medoids and reports). */
export async function dbscanDetailed(
  input: DbscanInput,
  options: DbscanOptions,
): Promise<DbscanCoreResult & { neighbours: SparseNeighbours }> {
  const minSamples = checkPositiveInteger(options.minSamples ?? DBSCAN_DEFAULTS.minSamples, 'minSamples');
  let neighbours: SparseNeighbours;
  if (isFeatures(input)) {
    const metric = options.metric ?? DBSCAN_DEFAULTS.metric;
    if (metric === 'precomputed') {
      if (input.n !== input.d) {
        throw new ClonedPersonError('E_FEATURES_INVALID', `metric precomputed needs a square distance matrix, got [${input.n}, ${input.d}]`);
      }
      checkEps(options.eps, metric);
      neighbours = neighboursFromDense(input.data, input.n, options.eps);
    } else {
      checkFeatureMatrix(input, { rejectZeroRows: metric === 'cosine' });
      checkEps(options.eps, metric);
      neighbours = await radiusSearch(input, metric, options.eps, options);
    }
  } else {
    if ((options.metric ?? 'precomputed') !== 'precomputed') throw invalidArgument('"precomputed" for neighbour input', 'metric', options.metric);
    checkEps(options.eps, 'precomputed');
    neighbours = isSparse(input) ? checkSparseNeighbours(input) : neighboursFromDense(input.distances, input.n, options.eps);
  }
  return { ...dbscanOnNeighbours(neighbours, options.eps, minSamples), neighbours };
}

/**
 * DBSCAN clustering. Returns one label per point: 0..k-1 for clusters (numbered as
 * scikit-learn numbers them), -1 for noise.
 */
export async function dbscan(input: DbscanInput, options: DbscanOptions): Promise<Int32Array> {
  return (await dbscanDetailed(input, options)).labels;
}
