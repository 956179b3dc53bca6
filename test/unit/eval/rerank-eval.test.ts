import { describe, expect, it } from '@jest/globals';
import { plantedClusters } from '../../../orchestrator/src/clustering/planted-clusters.js';
import { exactDistance, prepareFeatures } from '../../../orchestrator/src/features/distance-metric.js';
import type { FeatureMetric } from '../../../orchestrator/src/features/distance-metric.js';
import { selectRows } from '../../../orchestrator/src/features/feature-matrix.js';
import { knnSearchPrepared } from '../../../orchestrator/src/features/neighbour-search.js';
import { buildRerankIndex, rerankedRow } from '../../../orchestrator/src/features/reranking.js';
import { evaluateFeatureMatrices } from '../../../orchestrator/src/eval/evaluate.js';
import { evaluateDistanceMatrix } from '../../../orchestrator/src/eval/reid-metrics.js';
import { runOracle } from '../clustering/python-oracle.js';

/** Planted identities split into query (every 4th image) and gallery rows, with 3 cameras. */
function problem() {
  const { features, identity } = plantedClusters({ n: 120, d: 24, seed: 5, imageSpread: 0.6, lookSpread: 0.8, imagesPerIdentity: [3, 8], noiseFraction: 0.1 });
  const q: number[] = [];
  const g: number[] = [];
  for (let i = 0; i < features.n; i++) (i % 4 === 0 ? q : g).push(i);
  const cameras = (rows: number[]) => rows.map((i) => i % 3);
  const pids = (rows: number[]) => rows.map((i) => (identity[i] < 0 ? 1000 + i : identity[i]));
  return {
    all: selectRows(features, [...q, ...g]),
    query: { features: selectRows(features, q), pids: pids(q), cameras: cameras(q) },
    gallery: { features: selectRows(features, g), pids: pids(g), cameras: cameras(g) },
  };
}

describe('evaluation with k-reciprocal re-ranking', () => {
  it.each([
    ['cosine, k1 6, k2 3', 'cosine', { k1: 6, k2: 3, lambda: 0.3 }],
    ['euclidean, k1 5, no query expansion', 'euclidean', { k1: 5, k2: 1, lambda: 0.2 }],
  ] as [string, FeatureMetric, { k1: number; k2: number; lambda: number }][])('ranks by the dense re-ranked distances of query and gallery together (%s)', async (_name, metric, options) => {
    const { all, query, gallery } = problem();
    const nq = query.features.n;
    const ng = gallery.features.n;
    const dense = (await runOracle({ op: 'rerank', metric, ...options }, { input: { data: all.data, shape: [all.n, all.d] } })).data as Float32Array;
    const block = new Float64Array(nq * ng);
    for (let i = 0; i < nq; i++) for (let j = 0; j < ng; j++) block[i * ng + j] = dense[i * all.n + nq + j];

    // the rows the evaluation scores
    const prepared = prepareFeatures(all, metric);
    const knn = await knnSearchPrepared(prepared, options.k1 + 1, { threads: 1 });
    const index = buildRerankIndex({ knn, distance: (i, j) => exactDistance(prepared, i, j) }, options);
    const out = new Float64Array(ng);
    const sums = new Float64Array(all.n);
    let worst = 0;
    for (let i = 0; i < nq; i++) {
      const original = Float64Array.from({ length: ng }, (_, j) => exactDistance(prepared, i, nq + j));
      rerankedRow(index, i, nq, original, out, sums);
      for (let j = 0; j < ng; j++) worst = Math.max(worst, Math.abs(out[j] - block[i * ng + j]));
    }
    expect(worst).toBeLessThan(2e-5);

    // and the metrics of the whole evaluation
    const ours = await evaluateFeatureMatrices(query, gallery, { metric, rerank: true, rerankOptions: options, threads: 1 });
    const camIds = (cams: number[]) => Int32Array.from(cams);
    const reference = evaluateDistanceMatrix(block, { pids: Int32Array.from(query.pids), cams: camIds(query.cameras) }, { pids: Int32Array.from(gallery.pids), cams: camIds(gallery.cameras) });
    expect(ours.metrics.validQueries).toBe(reference.validQueries);
    expect(Math.abs(ours.metrics.mAP - reference.mAP)).toBeLessThan(1e-6);
    expect(ours.metrics.cmc).toEqual(reference.cmc);
    // re-ranking changes the ranking here (the test would not notice a no-op otherwise)
    const plain = await evaluateFeatureMatrices(query, gallery, { metric, threads: 1 });
    expect(plain.metrics.mAP).not.toBeCloseTo(ours.metrics.mAP, 4);
  });
});
