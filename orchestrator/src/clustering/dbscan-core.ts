/**
 * DBSCAN on precomputed sparse neighbourhoods, with scikit-learn's semantics exactly:
 * - the eps-neighbourhood of i is every stored j with distance <= eps (inclusive), plus i
 *   itself unless its diagonal entry is stored with a distance > eps;
 * - `minSamples` counts the point itself; a point with at least that many neighbours is core;
 * - clusters are grown depth-first from the lowest-index unlabelled core point, following the
 *   neighbour lists of core points only; a border point keeps the label of the first cluster
 *   that reaches it; everything unreached is noise (-1).
 * Because clusters are numbered in that same order, labels equal scikit-learn's exactly for
 * the same neighbourhoods (including border points), not just up to renumbering.
 */
import { checkNumberInRange, checkPositiveInteger } from '../shared/check.js';
import type { SparseNeighbours } from '../features/sparse-neighbours.js';

export interface DbscanCoreResult {
  /** Cluster label per point, 0-based, -1 for noise. */
  labels: Int32Array;
  /** 1 for core points. */
  isCore: Uint8Array;
  /** Number of clusters. */
  clusterCount: number;
}

/**
 * Runs DBSCAN on sparse neighbourhoods. `eps` (> 0) filters stored entries; entries above it
 * are ignored, so a kNN graph or a radius search at a larger radius can be reused.
 */
export function dbscanOnNeighbours(neighbours: SparseNeighbours, eps: number, minSamples: number): DbscanCoreResult {
  checkNumberInRange(eps, 'eps', Number.MIN_VALUE, Number.MAX_VALUE);
  checkPositiveInteger(minSamples, 'minSamples');
  const { n, indptr, indices, distances } = neighbours;

  // Neighbour counts and which points have an explicit diagonal entry above eps.
  const counts = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let count = 0;
    let selfStored = false;
    for (let e = indptr[i]; e < indptr[i + 1]; e++) {
      if (indices[e] === i) selfStored = true;
      if (distances[e] <= eps) count++;
    }
    counts[i] = selfStored ? count : count + 1;
  }
  const isCore = new Uint8Array(n);
  for (let i = 0; i < n; i++) isCore[i] = counts[i] >= minSamples ? 1 : 0;

  const labels = new Int32Array(n).fill(-1);
  let label = 0;
  for (let seed = 0; seed < n; seed++) {
    if (labels[seed] !== -1 || !isCore[seed]) continue;
    let top = 0;
    let i = seed;
    for (;;) {
      if (labels[i] === -1) {
        labels[i] = label;
        if (isCore[i]) {
          for (let e = indptr[i]; e < indptr[i + 1]; e++) {
            const j = indices[e];
            // a stack entry per unlabelled neighbour, as scikit-learn's dbscan_inner; the
            // stack cannot exceed the number of stored entries, so grow it when needed
            if (distances[e] <= eps && labels[j] === -1) {
              if (top === stackRef.stack.length) stackRef.grow();
              stackRef.stack[top++] = j;
            }
          }
        }
      }
      if (top === 0) break;
      i = stackRef.stack[--top];
    }
    label++;
  }
  return { labels, isCore, clusterCount: label };
}

/** A growable stack shared by calls (hot loop stays allocation-free). */
const stackRef = {
  stack: new Int32Array(1 << 16),
  grow(): void {
    const bigger = new Int32Array(this.stack.length * 2);
    bigger.set(this.stack);
    this.stack = bigger;
  },
};
