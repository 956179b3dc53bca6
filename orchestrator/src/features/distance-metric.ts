/**
 * Distance metrics for clustering and their exact (float64) evaluation. Engines work on a
 * "score" where larger means closer, computed in float32 by a GEMM; `scoreToDistance` turns it
 * back into the metric's distance and `exactDistance` recomputes a pair in float64 where the
 * float32 result is too close to a decision to trust.
 *
 * - cosine: 1 - a.b / (|a| |b|), in [0, 2] (scikit-learn's `cosine_distances`); score = cos.
 * - euclidean: |a - b|; score = -|a - b|^2 = 2 a.b - |a|^2 - |b|^2.
 */
import type { FeatureMatrix } from './feature-matrix.js';
import { normaliseRows, rowNormsSquared } from './feature-matrix.js';

export type FeatureMetric = 'cosine' | 'euclidean';
/** `precomputed`: the input already is an N x N distance matrix or sparse neighbourhoods. */
export type Metric = FeatureMetric | 'precomputed';

/** Features as the engines want them: unit rows for cosine, raw rows plus norms for euclidean. */
export interface PreparedFeatures {
  metric: FeatureMetric;
  n: number;
  d: number;
  /** float32 rows the GEMM multiplies (unit-normalised for cosine). */
  data: Float32Array;
  /** |row|^2 in float32 (all 1 for cosine). */
  normsSq: Float32Array;
  /** The original rows, for exact float64 recomputation. */
  original: FeatureMatrix;
  /** |original row|^2 in float64. */
  originalNormsSq: Float64Array;
}

export function prepareFeatures(features: FeatureMatrix, metric: FeatureMetric): PreparedFeatures {
  const originalNormsSq = rowNormsSquared(features);
  if (metric === 'cosine') {
    const unit = normaliseRows(features);
    return { metric, n: features.n, d: features.d, data: unit.data, normsSq: new Float32Array(features.n).fill(1), original: features, originalNormsSq };
  }
  return { metric, n: features.n, d: features.d, data: features.data, normsSq: Float32Array.from(originalNormsSq), original: features, originalNormsSq };
}

/** Distance from an engine score (see the module comment). */
export function scoreToDistance(metric: FeatureMetric, score: number): number {
  if (metric === 'cosine') return Math.min(2, Math.max(0, 1 - score));
  return Math.sqrt(Math.max(0, -score));
}

/** The score threshold equivalent to `distance <= radius`. */
export function distanceToScore(metric: FeatureMetric, radius: number): number {
  return metric === 'cosine' ? 1 - radius : -(radius * radius);
}

/**
 * A bound on the float32 GEMM error of a score, generous enough to cover blocked summation:
 * 4 * (D + 2) * 2^-24 times the largest |a| |b| (|a|^2 + |b|^2 for euclidean).
 */
export function scoreSlack(prepared: PreparedFeatures): number {
  let maxNormSq = 0;
  for (let i = 0; i < prepared.n; i++) maxNormSq = Math.max(maxNormSq, prepared.normsSq[i]);
  const unit = 4 * (prepared.d + 2) * 2 ** -24;
  return prepared.metric === 'cosine' ? Math.max(1e-5, unit) : Math.max(1e-12, unit * 4 * maxNormSq);
}

/** Exact float64 distance between rows i and j of the original features. */
export function exactDistance(prepared: PreparedFeatures, i: number, j: number): number {
  const { d, data } = prepared.original;
  const a = i * d;
  const b = j * d;
  if (prepared.metric === 'cosine') {
    if (i === j) return 0;
    let dot = 0;
    for (let t = 0; t < d; t++) dot += data[a + t] * data[b + t];
    const denominator = Math.sqrt(prepared.originalNormsSq[i] * prepared.originalNormsSq[j]);
    return Math.min(2, Math.max(0, 1 - dot / denominator));
  }
  let s = 0;
  for (let t = 0; t < d; t++) {
    const diff = data[a + t] - data[b + t];
    s += diff * diff;
  }
  return Math.sqrt(s);
}
