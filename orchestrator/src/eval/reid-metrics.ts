/**
 * Single-query CMC and mAP exactly as torchreid's `eval_market1501` computes them, on distance
 * rows (one query against the whole gallery at a time):
 * - the gallery is ranked by distance, ties in gallery order (a stable sort);
 * - gallery images with the query's identity AND camera are removed;
 * - a query with no true match left is skipped (not counted);
 * - CMC(k) = share of valid queries whose first true match is within the first k;
 * - AP = mean over the true matches of (matches so far / rank), non-interpolated; mAP = mean AP.
 * Junk identities (Market-1501's -1) are the loaders' business: they never reach this module.
 *
 * No row is sorted: the true matches of a query are few, so each is ranked by counting the valid
 * gallery images before it (a binary search per gallery image among the sorted matches), which
 * gives the same ranks as the stable sort in O(G log m) per query.
 */
import { invalidArgument } from '../shared/check.js';
import { ClonedPersonError } from '../shared/errors.js';

/** Identity and camera of each image of one side (cameras as small integers). */
export interface RankingLabels {
  pids: Int32Array;
  cams: Int32Array;
}

export interface EvalMetrics {
  /** Fractions in [0, 1]. */
  mAP: number;
  rank1: number;
  rank5: number;
  rank10: number;
  rank20: number;
  /** cmc[k] = share of valid queries with a true match within the first k + 1. */
  cmc: number[];
  queries: number;
  /** Queries with at least one true match (the ones averaged). */
  validQueries: number;
}

/** What one query contributes. */
export interface QueryResult {
  valid: boolean;
  /** 0-based rank of the first true match among the kept gallery images (-1 when invalid). */
  firstMatch: number;
  ap: number;
}

/** The gallery indices of each identity, for finding a query's true matches without a scan. */
export class GalleryIndex {
  private readonly byPid = new Map<number, number[]>();

  constructor(readonly gallery: RankingLabels) {
    gallery.pids.forEach((pid, j) => {
      const list = this.byPid.get(pid);
      if (list) list.push(j);
      else this.byPid.set(pid, [j]);
    });
  }

  of(pid: number): readonly number[] {
    return this.byPid.get(pid) ?? [];
  }
}

/** Scratch reused across queries. */
export class QueryScratch {
  matchDistance = new Float64Array(64);
  matchIndex = new Int32Array(64);
  before = new Int32Array(65);
  place = new Int32Array(67);
  walk = new Uint8Array(67);

  ensure(m: number): void {
    if (this.matchDistance.length >= m) return;
    this.matchDistance = new Float64Array(m * 2);
    this.matchIndex = new Int32Array(m * 2);
    this.before = new Int32Array(m * 2 + 1);
  }

  /** Bucket count for m matches (about 4 per match), with room in {@link place} and {@link walk}. */
  bucketsFor(m: number): number {
    const buckets = Math.max(16, 4 * m);
    if (this.place.length < buckets + 3) {
      this.place = new Int32Array(buckets * 2 + 3);
      this.walk = new Uint8Array(buckets * 2 + 3);
    }
    return buckets;
  }
}

/** Number of the m sorted matches that come before gallery image (d, j) in the stable order. */
function matchesBefore(d: number, j: number, md: Float64Array, mi: Int32Array, m: number): number {
  let lo = 0;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (md[mid] < d || (md[mid] === d && mi[mid] < j)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Scores one query from its distances to every gallery image (`row[j]`). */
export function scoreQuery(row: ArrayLike<number>, pid: number, cam: number, index: GalleryIndex, scratch: QueryScratch): QueryResult {
  const { cams } = index.gallery;
  const same = index.of(pid);
  scratch.ensure(same.length);
  const md = scratch.matchDistance;
  const mi = scratch.matchIndex;
  let m = 0;
  for (const j of same) {
    if (cams[j] === cam) continue;
    // insertion by (distance, index): matches are few
    const d = row[j];
    let p = m++;
    while (p > 0 && (md[p - 1] > d || (md[p - 1] === d && mi[p - 1] > j))) {
      md[p] = md[p - 1];
      mi[p] = mi[p - 1];
      p--;
    }
    md[p] = d;
    mi[p] = j;
  }
  if (m === 0) return { valid: false, firstMatch: -1, ap: 0 };
  // before[t]: gallery images (of any kind) whose place among the matches is t
  const before = scratch.before;
  before.fill(0, 0, m + 1);
  // The row is scanned without data-dependent branches where possible: a distance maps to a
  // bucket over [first match, last match] (monotonic in the distance), clamped to one slot below
  // and one above; place[slot] = matches certainly before any image of that slot, and only
  // slots holding a match need the exact walk by (distance, index).
  const firstD = md[0];
  const lastD = md[m - 1];
  const buckets = scratch.bucketsFor(m);
  const range = lastD - firstD;
  const scale = range > 0 ? buckets / range : 1e300;
  const top = buckets + 1;
  const place = scratch.place;
  const walk = scratch.walk;
  // slot = clamp(floor((d - firstD) * scale), -1, top) + 1, in [0, top + 1]
  const slotOf = (d: number): number => Math.max(-1, Math.min(top, Math.floor((d - firstD) * scale))) + 1;
  place.fill(0, 0, top + 2);
  walk.fill(0, 0, top + 2);
  // matches of lower slots come before anything in higher slots: place = shifted prefix counts
  for (let t = 0; t < m; t++) {
    const slot = slotOf(md[t]);
    walk[slot] = 1;
    if (slot + 1 <= top + 1) place[slot + 1]++;
  }
  for (let s = 1; s <= top + 1; s++) place[s] += place[s - 1];
  const n = index.gallery.pids.length;
  for (let j = 0; j < n; j++) {
    const d = row[j];
    const slot = slotOf(d);
    let p = place[slot];
    if (walk[slot] !== 0) while (p < m && (md[p] < d || (md[p] === d && mi[p] < j))) p++;
    before[p]++;
  }
  // the matches themselves and the removed same-camera images are not "other" kept images
  for (let t = 0; t < m; t++) before[t]--;
  for (const j of same) if (cams[j] === cam) before[matchesBefore(row[j], j, md, mi, m)]--;
  let others = 0;
  let ap = 0;
  let firstMatch = -1;
  for (let t = 0; t < m; t++) {
    others += before[t];
    const rank = t + others;
    if (t === 0) firstMatch = rank;
    ap += (t + 1) / (rank + 1);
  }
  return { valid: true, firstMatch, ap: ap / m };
}

/** Sums query results into CMC and mAP. */
export class MetricsAccumulator {
  private readonly firstMatchCounts: Float64Array;
  private apSum = 0;
  private valid = 0;
  private total = 0;

  constructor(readonly maxRank: number) {
    if (!Number.isInteger(maxRank) || maxRank < 1) throw invalidArgument('positive integer', 'maxRank', maxRank);
    this.firstMatchCounts = new Float64Array(maxRank);
  }

  add(result: QueryResult): void {
    this.total++;
    if (!result.valid) return;
    this.valid++;
    this.apSum += result.ap;
    if (result.firstMatch < this.maxRank) this.firstMatchCounts[result.firstMatch]++;
  }

  /** The metrics; E_EVAL_INVALID when no query has a true match (as torchreid's assertion). */
  result(): EvalMetrics {
    if (this.valid === 0) throw new ClonedPersonError('E_EVAL_INVALID', `none of the ${this.total} queries has a true match in the gallery (same identity, other camera)`);
    const cmc: number[] = [];
    let running = 0;
    for (let k = 0; k < this.maxRank; k++) {
      running += this.firstMatchCounts[k];
      cmc.push(running / this.valid);
    }
    const at = (k: number): number => cmc[Math.min(k, this.maxRank) - 1];
    return { mAP: this.apSum / this.valid, rank1: at(1), rank5: at(5), rank10: at(10), rank20: at(20), cmc, queries: this.total, validQueries: this.valid };
  }
}

/**
 * CMC and mAP of a full distance matrix (row-major, `query.pids.length` x `gallery.pids.length`);
 * the in-memory entry point (tests, small sets). `maxRank` is capped at the gallery size, as
 * torchreid does.
 */
export function evaluateDistanceMatrix(distances: Float32Array | Float64Array, query: RankingLabels, gallery: RankingLabels, maxRank = 50): EvalMetrics {
  const nq = query.pids.length;
  const ng = gallery.pids.length;
  if (distances.length !== nq * ng) throw invalidArgument(`${nq} x ${ng} distances`, 'distances', `${distances.length} values`);
  const index = new GalleryIndex(gallery);
  const scratch = new QueryScratch();
  const metrics = new MetricsAccumulator(Math.min(maxRank, ng));
  for (let q = 0; q < nq; q++) metrics.add(scoreQuery(distances.subarray(q * ng, (q + 1) * ng), query.pids[q], query.cams[q], index, scratch));
  return metrics.result();
}
