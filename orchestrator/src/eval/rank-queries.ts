/**
 * The evaluation loop on features: query x gallery distances block by block
 * (features/distance-blocks.ts), optionally k-reciprocal re-ranked (features/reranking.ts, query
 * and gallery together as torchreid's re_ranking does), each query row scored as it arrives
 * (reid-metrics.ts) and dropped. Memory: one block of distances plus, with re-ranking, the kNN
 * lists and V rows of all images.
 */
import { forEachDistanceBlock } from '../features/distance-blocks.js';
import type { FeatureMetric } from '../features/distance-metric.js';
import { exactDistance, prepareFeatures } from '../features/distance-metric.js';
import type { FeatureMatrix } from '../features/feature-matrix.js';
import type { EngineName } from '../features/neighbour-engine.js';
import { knnSearchPrepared } from '../features/neighbour-search.js';
import { buildRerankIndex, RERANK_DEFAULTS, rerankedRow } from '../features/reranking.js';
import type { RerankIndex, RerankOptions } from '../features/reranking.js';
import { invalidArgument } from '../shared/check.js';
import type { ProgressCallback } from '../shared/progress.js';
import { GalleryIndex, MetricsAccumulator, QueryScratch, scoreQuery } from './reid-metrics.js';
import type { EvalMetrics, QueryResult, RankingLabels } from './reid-metrics.js';

export interface RankOptions {
  metric: FeatureMetric;
  maxRank: number;
  /** Re-rank with these options (k1, k2, lambda); plain distances when absent. */
  rerank?: Partial<RerankOptions>;
  engine?: EngineName;
  threads?: number;
  /** Queries whose top of the ranking to return (for the report). */
  keepTopOf?: ReadonlySet<number>;
  /** Length of those tops (default 10). */
  topLength?: number;
  onProgress?: ProgressCallback;
}

/** The first gallery images of one query's ranking (same-identity same-camera images removed). */
export interface RankedTop {
  query: number;
  result: QueryResult;
  gallery: number[];
  distances: number[];
}

export interface RankResult {
  metrics: EvalMetrics;
  tops: RankedTop[];
}

/** The best `length` kept gallery images of a row, by (distance, index). */
function topOf(row: ArrayLike<number>, pid: number, cam: number, gallery: RankingLabels, length: number): { gallery: number[]; distances: number[] } {
  const best: number[] = [];
  const before = (a: number, b: number): boolean => row[a] < row[b] || (row[a] === row[b] && a < b);
  for (let j = 0; j < gallery.pids.length; j++) {
    if (gallery.pids[j] === pid && gallery.cams[j] === cam) continue;
    if (best.length === length && !before(j, best[length - 1])) continue;
    let p = best.length < length ? best.length : length - 1;
    if (best.length < length) best.push(j);
    while (p > 0 && before(j, best[p - 1])) {
      best[p] = best[p - 1];
      p--;
    }
    best[p] = j;
  }
  return { gallery: best, distances: best.map((j) => row[j]) };
}

/** CMC and mAP of query features against gallery features (see the module doc). */
export async function rankQueries(query: FeatureMatrix, queryLabels: RankingLabels, gallery: FeatureMatrix, galleryLabels: RankingLabels, options: RankOptions): Promise<RankResult> {
  if (query.d !== gallery.d) throw invalidArgument(`gallery features of dimension ${query.d}`, 'gallery features', `dimension ${gallery.d}`);
  const nq = query.n;
  const ng = gallery.n;
  const q = prepareFeatures(query, options.metric);
  const g = prepareFeatures(gallery, options.metric);
  let rerank: RerankIndex | undefined;
  if (options.rerank) {
    const all: FeatureMatrix = { n: nq + ng, d: query.d, data: new Float32Array((nq + ng) * query.d) };
    all.data.set(query.data);
    all.data.set(gallery.data, nq * query.d);
    const prepared = prepareFeatures(all, options.metric);
    const opts = { ...RERANK_DEFAULTS, ...options.rerank };
    const knn = await knnSearchPrepared(prepared, Math.max(opts.k1 + 1, opts.k2), { engine: options.engine, threads: options.threads, onProgress: options.onProgress && ((done, total) => options.onProgress!(done, total, 're-ranking: neighbours')) });
    rerank = buildRerankIndex({ knn, distance: (i, j) => exactDistance(prepared, i, j) }, opts, options.onProgress);
  }
  const index = new GalleryIndex(galleryLabels);
  const scratch = new QueryScratch();
  const metrics = new MetricsAccumulator(Math.min(options.maxRank, ng));
  const tops: RankedTop[] = [];
  const reranked = new Float64Array(rerank ? ng : 0);
  const sums = new Float64Array(rerank ? nq + ng : 0);
  await forEachDistanceBlock(
    q,
    g,
    (r0, r1, distances) => {
      for (let r = r0; r < r1; r++) {
        let row: Float32Array | Float64Array = distances.subarray((r - r0) * ng, (r - r0 + 1) * ng);
        if (rerank) {
          rerankedRow(rerank, r, nq, row, reranked, sums);
          row = reranked;
        }
        const pid = queryLabels.pids[r];
        const cam = queryLabels.cams[r];
        const result = scoreQuery(row, pid, cam, index, scratch);
        metrics.add(result);
        if (options.keepTopOf?.has(r)) tops.push({ query: r, result, ...topOf(row, pid, cam, galleryLabels, options.topLength ?? 10) });
      }
    },
    { engine: options.engine, threads: options.threads, onProgress: options.onProgress && ((done, total) => options.onProgress!(done, total, 'ranking')) },
  );
  return { metrics: metrics.result(), tops };
}
