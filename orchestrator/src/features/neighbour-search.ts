/**
 * Blockwise neighbour searches over feature rows: k nearest neighbours (for re-ranking) and
 * all neighbours within a radius (for DBSCAN). Memory is O(N * k) and O(stored pairs); the
 * N x N distances are never held.
 *
 * The GEMM runs in float32, so results are made exact afterwards: kNN candidates (k + 2 per
 * row) are re-scored in float64 and re-sorted, and radius candidates are fetched with a
 * threshold loosened by a float32 error bound, then every pair whose float32 score is within
 * that bound of the radius is re-evaluated in float64. Decisions therefore match a float64
 * computation, except for pairs closer than ~1e-7 to the radius.
 */
import { invalidArgument } from '../shared/check.js';
import type { ProgressCallback } from '../shared/progress.js';
import type { FeatureMatrix } from './feature-matrix.js';
import type { FeatureMetric, PreparedFeatures } from './distance-metric.js';
import { distanceToScore, exactDistance, prepareFeatures, scoreSlack, scoreToDistance } from './distance-metric.js';
import { JsNeighbourEngine } from './js-neighbour-engine.js';
import type { EngineName, NeighbourEngine } from './neighbour-engine.js';
import { OnnxNeighbourEngine } from './onnx-neighbour-engine.js';
import { NeighbourPairCollector } from './sparse-neighbours.js';
import type { SparseNeighbours } from './sparse-neighbours.js';

export interface SearchOptions {
  /** An engine instance (reused across searches) or a name (a new engine, closed after). */
  engine?: NeighbourEngine | EngineName;
  /** Threads for a named engine (default: all cores). */
  threads?: number;
  onProgress?: ProgressCallback;
}

/** The k nearest neighbours of every row (itself included), sorted by exact distance. */
export interface KnnGraph {
  n: number;
  k: number;
  /** n * k neighbour indices, row-major. */
  indices: Int32Array;
  /** n * k exact distances, ascending per row (ties by index). */
  distances: Float32Array;
  /** Largest distance of every row to any row (float32 accuracy). */
  maxDistance: Float32Array;
}

/** Creates a named engine. */
export function createNeighbourEngine(name: EngineName = 'onnx', threads?: number): NeighbourEngine {
  if (name === 'onnx') return new OnnxNeighbourEngine({ threads });
  if (name === 'js') return new JsNeighbourEngine({ threads });
  throw invalidArgument('"onnx" or "js"', 'engine', name);
}

async function withEngine<T>(options: SearchOptions, fn: (engine: NeighbourEngine) => Promise<T>): Promise<T> {
  if (typeof options.engine === 'object') return fn(options.engine);
  const engine = createNeighbourEngine(options.engine ?? 'onnx', options.threads);
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}

/** kNN on already prepared features (lets callers reuse the preparation). */
export async function knnSearchPrepared(prepared: PreparedFeatures, k: number, options: SearchOptions = {}): Promise<KnnGraph> {
  const n = prepared.n;
  const kk = Math.min(k, n);
  const fetched = Math.min(n, kk + 2);
  const scores = await withEngine(options, (engine) => engine.knn(prepared, fetched, options.onProgress));
  const indices = new Int32Array(n * kk);
  const distances = new Float32Array(n * kk);
  const order = Array.from({ length: fetched }, (_, t) => t);
  const exact = new Float64Array(fetched);
  const cand = new Int32Array(fetched);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < fetched; t++) {
      const j = scores.indices[i * scores.k + t];
      cand[t] = j;
      exact[t] = exactDistance(prepared, i, j);
      order[t] = t;
    }
    order.sort((a, b) => exact[a] - exact[b] || cand[a] - cand[b]);
    for (let t = 0; t < kk; t++) {
      indices[i * kk + t] = cand[order[t]];
      distances[i * kk + t] = exact[order[t]];
    }
  }
  const maxDistance = new Float32Array(n);
  for (let i = 0; i < n; i++) maxDistance[i] = scoreToDistance(prepared.metric, scores.minScore[i]);
  return { n, k: kk, indices, distances, maxDistance };
}

/** The k nearest neighbours (self included) of every feature row under `metric`. */
export async function knnSearch(features: FeatureMatrix, metric: FeatureMetric, k: number, options: SearchOptions = {}): Promise<KnnGraph> {
  return knnSearchPrepared(prepareFeatures(features, metric), k, options);
}

/** Radius search on prepared features; see {@link radiusSearch}. */
export async function radiusSearchPrepared(prepared: PreparedFeatures, radius: number, options: SearchOptions = {}): Promise<SparseNeighbours> {
  if (!(radius > 0) || !Number.isFinite(radius)) throw invalidArgument('positive finite number', 'radius', radius);
  const slack = scoreSlack(prepared);
  const exactThreshold = distanceToScore(prepared.metric, radius);
  const pairs = new NeighbourPairCollector(prepared.n);
  await withEngine(options, (engine) => engine.radius(prepared, exactThreshold - slack, pairs, options.onProgress));
  pairs.filterMap((i, j, score) => {
    if (score >= exactThreshold + slack) return scoreToDistance(prepared.metric, score);
    const d = exactDistance(prepared, i, j);
    return d <= radius ? d : NaN;
  });
  return pairs.toNeighbours();
}

/**
 * Every pair within `radius` (inclusive) under `metric`, as CSR rows sorted by distance. Self
 * pairs are not stored (DBSCAN counts every point as its own neighbour).
 */
export async function radiusSearch(features: FeatureMatrix, metric: FeatureMetric, radius: number, options: SearchOptions = {}): Promise<SparseNeighbours> {
  return radiusSearchPrepared(prepareFeatures(features, metric), radius, options);
}
