/**
 * Sparse neighbourhoods in CSR form: row i lists the points j it has a stored distance to.
 * This is what DBSCAN runs on, and what the blockwise searches and the re-ranking produce, so
 * memory is O(stored pairs), never O(N^2).
 *
 * Semantics follow scikit-learn's sparse `metric='precomputed'` input: only stored entries are
 * candidate neighbours, and a point is always its own neighbour at distance 0 unless its
 * diagonal entry is stored explicitly with another value. Rows may be asymmetric (re-ranked
 * distances are).
 */
import { ClonedPersonError } from '../shared/errors.js';

export interface SparseNeighbours {
  /** Number of points (rows). */
  n: number;
  /** Row pointers, length n + 1: row i's entries are [indptr[i], indptr[i + 1]). */
  indptr: Int32Array;
  /** Column (neighbour) index of each entry. */
  indices: Int32Array;
  /** Distance of each entry (>= 0). */
  distances: Float32Array;
}

/** Collects (row, column, distance) triples of unknown count, then packs them into CSR. */
export class NeighbourPairCollector {
  private rows = new Int32Array(1024);
  private cols = new Int32Array(1024);
  private dists = new Float32Array(1024);
  private length = 0;

  constructor(readonly n: number) {}

  get size(): number {
    return this.length;
  }

  private grow(): void {
    const capacity = this.rows.length * 2;
    const rows = new Int32Array(capacity);
    rows.set(this.rows);
    const cols = new Int32Array(capacity);
    cols.set(this.cols);
    const dists = new Float32Array(capacity);
    dists.set(this.dists);
    this.rows = rows;
    this.cols = cols;
    this.dists = dists;
  }

  add(row: number, col: number, distance: number): void {
    if (this.length === this.rows.length) this.grow();
    this.rows[this.length] = row;
    this.cols[this.length] = col;
    this.dists[this.length] = distance;
    this.length++;
  }

  /** Adds (row, col) and (col, row) with the same distance. */
  addSymmetric(row: number, col: number, distance: number): void {
    this.add(row, col, distance);
    this.add(col, row, distance);
  }

  /**
   * Rewrites every entry's value with `fn(row, col, value)`; entries for which it returns NaN
   * are dropped (in place, order kept).
   */
  filterMap(fn: (row: number, col: number, value: number) => number): void {
    let kept = 0;
    for (let e = 0; e < this.length; e++) {
      const value = fn(this.rows[e], this.cols[e], this.dists[e]);
      if (Number.isNaN(value)) continue;
      this.rows[kept] = this.rows[e];
      this.cols[kept] = this.cols[e];
      this.dists[kept] = value;
      kept++;
    }
    this.length = kept;
  }

  /** Packs into CSR with each row sorted by distance, then column (a counting sort by row). */
  toNeighbours(): SparseNeighbours {
    const { n } = this;
    const indptr = new Int32Array(n + 1);
    for (let e = 0; e < this.length; e++) indptr[this.rows[e] + 1]++;
    for (let i = 0; i < n; i++) indptr[i + 1] += indptr[i];
    const cursor = indptr.slice(0, n);
    const indices = new Int32Array(this.length);
    const distances = new Float32Array(this.length);
    for (let e = 0; e < this.length; e++) {
      const at = cursor[this.rows[e]]++;
      indices[at] = this.cols[e];
      distances[at] = this.dists[e];
    }
    const result = { n, indptr, indices, distances };
    sortRows(result);
    // release the staging buffers early; large runs hold tens of millions of pairs
    this.rows = new Int32Array(0);
    this.cols = new Int32Array(0);
    this.dists = new Float32Array(0);
    this.length = 0;
    return result;
  }
}

/** Sorts each row's entries by (distance, column) in place. */
function sortRows(neighbours: SparseNeighbours): void {
  const { indptr, indices, distances } = neighbours;
  let order: number[] = [];
  for (let i = 0; i < neighbours.n; i++) {
    const start = indptr[i];
    const end = indptr[i + 1];
    if (end - start < 2) continue;
    let sorted = true;
    for (let e = start + 1; e < end && sorted; e++) {
      if (distances[e] < distances[e - 1] || (distances[e] === distances[e - 1] && indices[e] < indices[e - 1])) sorted = false;
    }
    if (sorted) continue;
    order = Array.from({ length: end - start }, (_, k) => start + k);
    order.sort((a, b) => distances[a] - distances[b] || indices[a] - indices[b]);
    const cols = order.map((e) => indices[e]);
    const dists = order.map((e) => distances[e]);
    for (let k = 0; k < cols.length; k++) {
      indices[start + k] = cols[k];
      distances[start + k] = dists[k];
    }
  }
}

/**
 * Keeps the entries of a dense n x n distance matrix (row-major) that are <= `maxDistance`,
 * always storing the diagonal explicitly (so a diagonal value above the radius excludes the
 * point from its own neighbourhood, as scikit-learn does for dense precomputed input).
 * Throws E_FEATURES_INVALID for NaN or negative distances.
 */
export function neighboursFromDense(distances: Float32Array, n: number, maxDistance: number): SparseNeighbours {
  if (distances.length !== n * n) {
    throw new ClonedPersonError('E_FEATURES_INVALID', `a precomputed distance matrix must be square; got ${distances.length} values for ${n} rows`);
  }
  const collector = new NeighbourPairCollector(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const d = distances[i * n + j];
      if (!(d >= 0)) {
        throw new ClonedPersonError('E_FEATURES_INVALID', `precomputed distance [${i}, ${j}] is ${d}; distances must be finite and >= 0`, {
          details: { row: i, column: j },
        });
      }
      if (d === Infinity) {
        throw new ClonedPersonError('E_FEATURES_INVALID', `precomputed distance [${i}, ${j}] is infinite`, { details: { row: i, column: j } });
      }
      if (i === j || d <= maxDistance) collector.add(i, j, d);
    }
  }
  return collector.toNeighbours();
}

/** Checks CSR structure: monotone indptr, indices in range, distances finite and >= 0. */
export function checkSparseNeighbours(neighbours: SparseNeighbours): SparseNeighbours {
  const { n, indptr, indices, distances } = neighbours;
  const fail = (message: string): never => {
    throw new ClonedPersonError('E_FEATURES_INVALID', `sparse neighbours: ${message}`);
  };
  if (!Number.isInteger(n) || n <= 0) fail(`n must be a positive integer, got ${n}`);
  if (indptr.length !== n + 1 || indptr[0] !== 0) fail('indptr must have n + 1 entries starting at 0');
  if (indptr[n] !== indices.length || indices.length !== distances.length) fail('indptr[n], indices and distances lengths disagree');
  for (let i = 0; i < n; i++) if (indptr[i + 1] < indptr[i]) fail(`indptr decreases at row ${i}`);
  for (let e = 0; e < indices.length; e++) {
    if (!(indices[e] >= 0 && indices[e] < n)) fail(`column index ${indices[e]} out of range at entry ${e}`);
    if (!(distances[e] >= 0) || distances[e] === Infinity) fail(`distance ${distances[e]} at entry ${e} is not finite and >= 0`);
  }
  return neighbours;
}
