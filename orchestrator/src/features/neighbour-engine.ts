/**
 * The GEMM engines behind the blockwise neighbour searches. An engine computes float32 scores
 * (larger = closer, see distance-metric.ts) for all pairs block by block and returns only what
 * the searches need, so memory stays O(N * k) (kNN) or O(stored pairs) (radius):
 * - `knn`: the k best-scoring columns of every row (self included), plus each row's lowest
 *   score (its largest distance, which re-ranking normalises by);
 * - `radius`: every pair (i, j), i != j, with score >= a threshold, in both directions.
 *
 * Two engines exist: onnxruntime (MLAS GEMM + TopK/NonZero in one graph, the default) and
 * typed-array kernels in worker threads (a fallback without native code; see the README's
 * Performance section for measured throughput). Exactness is restored by the caller
 * (neighbour-search.ts), which re-evaluates near-threshold pairs in float64.
 */
import type { ProgressCallback } from '../shared/progress.js';
import type { PreparedFeatures } from './distance-metric.js';
import type { NeighbourPairCollector } from './sparse-neighbours.js';

export type EngineName = 'onnx' | 'js';

export interface KnnScores {
  k: number;
  /** n * k column indices, each row sorted by decreasing score (ties: smaller index first). */
  indices: Int32Array;
  /** n * k scores matching `indices`. */
  scores: Float32Array;
  /** Lowest score of every row over all columns. */
  minScore: Float32Array;
}

export interface NeighbourEngine {
  readonly name: EngineName;
  knn(features: PreparedFeatures, k: number, onProgress?: ProgressCallback): Promise<KnnScores>;
  /** Adds every pair with score >= `threshold` to `pairs` as (i, j, score), i != j, both directions. */
  radius(features: PreparedFeatures, threshold: number, pairs: NeighbourPairCollector, onProgress?: ProgressCallback): Promise<void>;
  /** Frees sessions/workers. */
  close(): Promise<void>;
}

/** Per-row best-k lists merged from blocks, allocation-free in the hot path. */
export class TopKAccumulator {
  readonly scores: Float32Array;
  readonly indices: Int32Array;

  constructor(
    readonly n: number,
    readonly k: number,
  ) {
    this.scores = new Float32Array(n * k).fill(-Infinity);
    this.indices = new Int32Array(n * k).fill(-1);
  }

  /** Offers column j with `score` to row i. */
  offer(i: number, j: number, score: number): void {
    const { k, scores, indices } = this;
    const base = i * k;
    let p = base + k - 1;
    const worstIndex = indices[p];
    if (worstIndex !== -1 && (score < scores[p] || (score === scores[p] && j > worstIndex))) return;
    while (p > base) {
      const s = scores[p - 1];
      if (s > score || (s === score && indices[p - 1] < j)) break;
      scores[p] = s;
      indices[p] = indices[p - 1];
      p--;
    }
    scores[p] = score;
    indices[p] = j;
  }
}
