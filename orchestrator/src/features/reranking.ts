/**
 * k-reciprocal re-ranking (Zhong et al., "Re-ranking Person Re-identification with
 * k-reciprocal Encoding", CVPR 2017) on a sparse top-k neighbour structure, for the
 * all-against-all case the clustering needs (every image is both query and gallery).
 *
 * It follows the widely used `re_ranking` code (Zhong's, as in torchreid and QAConv) step by
 * step, with d the original distance:
 * 1. original(i, j) = d(i, j)^2 / max_r d(i, r)^2 (squared, normalised by the row's maximum);
 *    the initial ranking of row i sorts it ascending, i itself first.
 * 2. R(i, k) = k-reciprocal neighbours: j among i's k + 1 nearest such that i is among j's k + 1
 *    nearest. R(i, k1) is expanded by R(c, round(k1 / 2)) of each member c when more than 2/3
 *    of that set already lies in R(i, k1) (numpy rounding: half to even).
 * 3. V(i, j) = exp(-original(i, j)) over the expanded set, normalised to sum 1.
 * 4. Local query expansion: V(i) <- mean of V(q) over i's k2 nearest (i included), if k2 != 1.
 * 5. Jaccard distance: 1 - S / (2 - S) with S = sum_c min(V(i, c), V(j, c)).
 * 6. final(i, j) = (1 - lambda) * jaccard(i, j) + lambda * original(i, j). Not symmetric,
 *    because of the row normalisation in 1.
 *
 * Two readers share the built state ({@link buildRerankIndex}): the clustering's all-against-all
 * pair search ({@link kReciprocalRerank}) and evaluation's dense query rows ({@link rerankedRow},
 * where the query and gallery images together form the N items, as in torchreid's re_ranking).
 *
 * Where this sparse version differs from the dense one:
 * - V rows live in CSR (each has at most a few hundred entries), and the Jaccard sums run over
 *   an inverted index, so nothing is N x N. Memory is O(N * (k1 * k2)).
 * - Only pairs with S > 0 can have final < 1 - lambda (for S = 0 the Jaccard term alone is
 *   1 - lambda), and only pairs with final <= `maxDistance` are returned. `maxDistance` must
 *   be below 1 - lambda, so DBSCAN with eps <= maxDistance sees exactly the neighbourhoods of
 *   the dense matrix. Pairs not returned can still be evaluated exactly with `distance(i, j)`.
 * - Distances of pairs outside a row's kNN list come from the exact original metric (the
 *   dense version reads them from the full matrix; same value).
 * - Arithmetic is float64 with V stored as float32 (the reference uses float32 throughout),
 *   and ties in the initial ranking are broken by index (numpy's argsort leaves them
 *   unspecified). On small N without ties the result equals the dense formula to ~1e-6
 *   (test/unit/clustering/reranking.test.ts compares against a dense numpy implementation).
 * The ClonedPerson authors' clustering script fed QAConv scores (not squared) duplicated into
 * a 2N x 2N matrix to the same routine; we use the standard single-copy, squared form.
 */
import { checkNumberInRange, checkPositiveInteger, invalidArgument } from '../shared/check.js';
import type { ProgressCallback } from '../shared/progress.js';
import type { KnnGraph } from './neighbour-search.js';
import { NeighbourPairCollector } from './sparse-neighbours.js';
import type { SparseNeighbours } from './sparse-neighbours.js';

export interface RerankOptions {
  /** Size of the k-reciprocal neighbourhood (default 20). */
  k1: number;
  /** Neighbours averaged in the local query expansion (default 6; 1 disables it). */
  k2: number;
  /** Weight of the original distance in the final mix, 0 <= lambda < 1 (default 0.3). */
  lambda: number;
}

export const RERANK_DEFAULTS: Readonly<RerankOptions> = { k1: 20, k2: 6, lambda: 0.3 };

/** What the re-ranking needs about the original distances. */
export interface RerankSource {
  /** kNN lists with at least min(k1 + 1, n) entries per row, self included, ascending. */
  knn: KnnGraph;
  /** Exact original distance of any pair. */
  distance: (i: number, j: number) => number;
}

export interface RerankResult {
  /** Pairs with final distance <= maxDistance (self entries included at distance 0). */
  neighbours: SparseNeighbours;
  /** The exact re-ranked distance final(i, j) of any pair. */
  distance: (i: number, j: number) => number;
  options: RerankOptions;
}

/** numpy's `around` for halves: round half to even. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff < 0.5) return floor;
  if (diff > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Sparse rows in CSR with float32 values. */
export interface SparseRows {
  indptr: Int32Array;
  cols: Int32Array;
  vals: Float32Array;
}

/** Builds CSR rows from a per-row producer writing into growable buffers. */
class RowBuilder {
  private cols = new Int32Array(1 << 16);
  private vals = new Float32Array(1 << 16);
  private length = 0;
  readonly indptr: Int32Array;
  private row = 0;

  constructor(n: number) {
    this.indptr = new Int32Array(n + 1);
  }

  push(col: number, value: number): void {
    if (this.length === this.cols.length) {
      const cols = new Int32Array(this.cols.length * 2);
      cols.set(this.cols);
      this.cols = cols;
      const vals = new Float32Array(this.vals.length * 2);
      vals.set(this.vals);
      this.vals = vals;
    }
    this.cols[this.length] = col;
    this.vals[this.length] = value;
    this.length++;
  }

  endRow(): void {
    this.indptr[++this.row] = this.length;
  }

  finish(): SparseRows {
    return { indptr: this.indptr, cols: this.cols.slice(0, this.length), vals: this.vals.slice(0, this.length) };
  }
}

function checkOptions(options: RerankOptions): void {
  checkPositiveInteger(options.k1, 'k1');
  checkPositiveInteger(options.k2, 'k2');
  checkNumberInRange(options.lambda, 'lambda', 0, 1);
  if (options.lambda >= 1) throw invalidArgument('number in [0, 1)', 'lambda', options.lambda);
}

/**
 * The re-ranking's state once the k-reciprocal sets are built: the expanded and query-expanded
 * V rows (CSR), their inverted index, and the original distance. Both the all-against-all pair
 * search ({@link kReciprocalRerank}, clustering) and dense rows ({@link rerankedRow}, evaluation)
 * read it.
 */
export interface RerankIndex {
  n: number;
  options: RerankOptions;
  /** V after local query expansion, rows sorted by column. */
  v: SparseRows;
  /** For each column, the rows holding it (ascending) and their values. */
  invPtr: Int32Array;
  invRows: Int32Array;
  invVals: Float32Array;
  /** original(i, j) = d(i, j)^2 / max_r d(i, r)^2. */
  original: (i: number, j: number) => number;
  /** max_r d(i, r)^2 per row (0 for a row whose points all coincide). */
  maxSq: Float64Array;
}

/** Steps 1-4 of the module doc: k-reciprocal sets, expansion, V, query expansion, inverted index. */
export function buildRerankIndex(source: RerankSource, options: Partial<RerankOptions> = {}, onProgress?: ProgressCallback): RerankIndex {
  const opts: RerankOptions = { ...RERANK_DEFAULTS, ...options };
  checkOptions(opts);
  const { knn } = source;
  const n = knn.n;
  const { k1, k2 } = opts;
  const K1 = Math.min(k1 + 1, n);
  const Kh = Math.min(roundHalfEven(k1 / 2) + 1, n);
  const K2 = Math.min(k2, n);
  if (knn.k < K1) throw invalidArgument(`kNN lists of at least ${K1} entries`, 'knn.k', knn.k);
  const kk = knn.k;
  const maxSq = new Float64Array(n);
  for (let i = 0; i < n; i++) maxSq[i] = knn.maxDistance[i] * knn.maxDistance[i];

  /** original(i, j) = d^2 / rowmax^2, reading d from the kNN list when present. */
  const original = (i: number, j: number): number => {
    if (maxSq[i] === 0) return 0;
    let d = -1;
    for (let t = 0; t < kk; t++) {
      if (knn.indices[i * kk + t] === j) {
        d = knn.distances[i * kk + t];
        break;
      }
    }
    if (d < 0) d = source.distance(i, j);
    return (d * d) / maxSq[i];
  };
  const inForward = (j: number, i: number, count: number): boolean => {
    for (let t = 0; t < count; t++) if (knn.indices[j * kk + t] === i) return true;
    return false;
  };
  const reciprocal = (count: number): SparseRows => {
    const builder = new RowBuilder(n);
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < count; t++) {
        const j = knn.indices[i * kk + t];
        if (inForward(j, i, count)) builder.push(j, 0);
      }
      builder.endRow();
    }
    return builder.finish();
  };
  const r1 = reciprocal(K1);
  const rh = reciprocal(Kh);

  // V: expanded k-reciprocal sets with Gaussian-kernel weights
  const mark = new Int32Array(n).fill(-1);
  const expansion: number[] = [];
  const vBuilder = new RowBuilder(n);
  for (let i = 0; i < n; i++) {
    expansion.length = 0;
    for (let e = r1.indptr[i]; e < r1.indptr[i + 1]; e++) {
      mark[r1.cols[e]] = i;
      expansion.push(r1.cols[e]);
    }
    for (let e = r1.indptr[i]; e < r1.indptr[i + 1]; e++) {
      const c = r1.cols[e];
      const start = rh.indptr[c];
      const size = rh.indptr[c + 1] - start;
      let shared = 0;
      for (let f = start; f < start + size; f++) if (mark[rh.cols[f]] === i) shared++;
      if (shared > (2 / 3) * size) for (let f = start; f < start + size; f++) expansion.push(rh.cols[f]);
    }
    // unique and sorted, as np.unique
    const unique = Array.from(new Set(expansion)).sort((a, b) => a - b);
    let sum = 0;
    const weights = unique.map((j) => {
      const w = Math.exp(-original(i, j));
      sum += w;
      return w;
    });
    for (let t = 0; t < unique.length; t++) vBuilder.push(unique[t], weights[t] / sum);
    vBuilder.endRow();
    if (onProgress && (i & 1023) === 0) onProgress(i, n * 3, 're-ranking: k-reciprocal sets');
  }
  let v = vBuilder.finish();

  // local query expansion
  if (k2 !== 1) {
    const accumulator = new Float64Array(n);
    const touched: number[] = [];
    const qBuilder = new RowBuilder(n);
    for (let i = 0; i < n; i++) {
      touched.length = 0;
      for (let t = 0; t < K2; t++) {
        const q = knn.indices[i * kk + t];
        for (let e = v.indptr[q]; e < v.indptr[q + 1]; e++) {
          const c = v.cols[e];
          if (accumulator[c] === 0) touched.push(c);
          accumulator[c] += v.vals[e];
        }
      }
      touched.sort((a, b) => a - b);
      for (const c of touched) {
        qBuilder.push(c, accumulator[c] / K2);
        accumulator[c] = 0;
      }
      qBuilder.endRow();
      if (onProgress && (i & 1023) === 0) onProgress(n + i, n * 3, 're-ranking: query expansion');
    }
    v = qBuilder.finish();
  }

  // inverted index: for each column, the rows holding it (ascending) and their values
  const invPtr = new Int32Array(n + 1);
  for (let e = 0; e < v.cols.length; e++) invPtr[v.cols[e] + 1]++;
  for (let c = 0; c < n; c++) invPtr[c + 1] += invPtr[c];
  const invRows = new Int32Array(v.cols.length);
  const invVals = new Float32Array(v.cols.length);
  const cursor = invPtr.slice(0, n);
  for (let i = 0; i < n; i++) {
    for (let e = v.indptr[i]; e < v.indptr[i + 1]; e++) {
      const at = cursor[v.cols[e]]++;
      invRows[at] = i;
      invVals[at] = v.vals[e];
    }
  }
  return { n, options: opts, v, invPtr, invRows, invVals, original, maxSq };
}

/**
 * S(i, j) = sum_c min(V(i, c), V(j, c)) for every j with a shared column, through the inverted
 * index: calls `visit(j, S)` once per such j (unordered) and leaves `sums` zeroed.
 */
function sharedSums(index: RerankIndex, i: number, sums: Float64Array, touched: number[], visit: (j: number, s: number) => void): void {
  const { v, invPtr, invRows, invVals } = index;
  touched.length = 0;
  for (let e = v.indptr[i]; e < v.indptr[i + 1]; e++) {
    const c = v.cols[e];
    const vi = v.vals[e];
    for (let f = invPtr[c]; f < invPtr[c + 1]; f++) {
      const j = invRows[f];
      if (sums[j] === 0) touched.push(j);
      const vj = invVals[f];
      sums[j] += vi < vj ? vi : vj;
    }
  }
  for (const j of touched) {
    const s = sums[j];
    sums[j] = 0;
    visit(j, s);
  }
}

/**
 * Re-ranks all-against-all distances and returns the pairs with final distance <=
 * `maxDistance` (which must be < 1 - lambda). Progress reports rows done per phase.
 */
export function kReciprocalRerank(
  source: RerankSource,
  options: Partial<RerankOptions> = {},
  maxDistance = 0.6,
  onProgress?: ProgressCallback,
): RerankResult {
  const lambda = { ...RERANK_DEFAULTS, ...options }.lambda;
  checkOptions({ ...RERANK_DEFAULTS, ...options });
  if (!(maxDistance > 0) || maxDistance >= 1 - lambda) {
    throw invalidArgument(`number in (0, ${1 - lambda}) (1 - lambda: pairs without shared neighbours are never closer)`, 'eps for re-ranked distances', maxDistance);
  }
  const index = buildRerankIndex(source, options, onProgress);
  const { n, original } = index;

  // Jaccard sums through the inverted index, keeping pairs that can be within maxDistance
  const pairs = new NeighbourPairCollector(n);
  const sums = new Float64Array(n);
  const touched: number[] = [];
  const jaccardLimit = maxDistance / (1 - lambda);
  for (let i = 0; i < n; i++) {
    sharedSums(index, i, sums, touched, (j, s) => {
      const jaccard = j === i ? 0 : 1 - s / (2 - s);
      if (jaccard > jaccardLimit) return;
      const final = (1 - lambda) * jaccard + (j === i ? 0 : lambda * original(i, j));
      if (final <= maxDistance) pairs.add(i, j, final);
    });
    if (onProgress && (i & 1023) === 0) onProgress(2 * n + i, n * 3, 're-ranking: Jaccard distances');
  }
  onProgress?.(3 * n, 3 * n, 're-ranking done');

  const vqe = index.v;
  const distance = (i: number, j: number): number => {
    if (i === j) return 0;
    let a = vqe.indptr[i];
    let b = vqe.indptr[j];
    const aEnd = vqe.indptr[i + 1];
    const bEnd = vqe.indptr[j + 1];
    let s = 0;
    while (a < aEnd && b < bEnd) {
      const ca = vqe.cols[a];
      const cb = vqe.cols[b];
      if (ca === cb) {
        s += Math.min(vqe.vals[a], vqe.vals[b]);
        a++;
        b++;
      } else if (ca < cb) a++;
      else b++;
    }
    return (1 - lambda) * (1 - s / (2 - s)) + lambda * original(i, j);
  };
  return { neighbours: pairs.toNeighbours(), distance, options: index.options };
}

/**
 * The re-ranked distances final(i, j) of row `i` to the columns [start, start + out.length),
 * given the row's original distances d(i, j) for those columns (as a GEMM block computes them):
 * final = (1 - lambda) * Jaccard + lambda * d^2 / max_r d(i, r)^2, the dense formula, with the
 * Jaccard term 1 for columns that share no neighbour with i. `sums` is scratch of length n (zero).
 */
export function rerankedRow(index: RerankIndex, i: number, start: number, distances: ArrayLike<number>, out: Float64Array, sums: Float64Array, touched: number[] = []): void {
  const { lambda } = index.options;
  const maxSq = index.maxSq[i];
  const scale = maxSq > 0 ? lambda / maxSq : 0;
  const count = out.length;
  for (let k = 0; k < count; k++) {
    const d = distances[k];
    out[k] = 1 - lambda + scale * d * d;
  }
  sharedSums(index, i, sums, touched, (j, s) => {
    const k = j - start;
    if (k < 0 || k >= count) return;
    const jaccard = j === i ? 0 : 1 - s / (2 - s);
    const d = distances[k];
    out[k] = (1 - lambda) * jaccard + scale * d * d;
  });
}
