import { describe, expect, it } from '@jest/globals';
import { exactDistance, prepareFeatures } from '../../../orchestrator/src/features/distance-metric.js';
import type { FeatureMetric } from '../../../orchestrator/src/features/distance-metric.js';
import type { FeatureMatrix } from '../../../orchestrator/src/features/feature-matrix.js';
import { knnSearch } from '../../../orchestrator/src/features/neighbour-search.js';
import { plantedClusters } from '../../../orchestrator/src/clustering/planted-clusters.js';
import { kReciprocalRerank } from '../../../orchestrator/src/features/reranking.js';
import type { RerankOptions } from '../../../orchestrator/src/features/reranking.js';
import { runOracle } from '../clustering/python-oracle.js';

async function sparseRerank(features: FeatureMatrix, metric: FeatureMetric, options: RerankOptions, maxDistance: number) {
  const prepared = prepareFeatures(features, metric);
  const knn = await knnSearch(features, metric, options.k1 + 1, { engine: 'onnx', threads: 1 });
  return kReciprocalRerank({ knn, distance: (i, j) => exactDistance(prepared, i, j) }, options, maxDistance);
}

describe('k-reciprocal re-ranking (sparse) against the dense formula', () => {
  const cases: [string, FeatureMetric, RerankOptions][] = [
    ['paper defaults, cosine', 'cosine', { k1: 20, k2: 6, lambda: 0.3 }],
    ['k1 5 (half rounds to even), no query expansion, euclidean', 'euclidean', { k1: 5, k2: 1, lambda: 0.3 }],
    ['lambda 0 (pure Jaccard), k1 7, k2 3', 'cosine', { k1: 7, k2: 3, lambda: 0 }],
  ];

  it.each(cases)('%s', async (_name, metric, options) => {
    const { features } = plantedClusters({ n: 130, d: 24, seed: 21, imageSpread: 0.5, lookSpread: 0.8, imagesPerIdentity: [3, 9] });
    const n = features.n;
    const maxDistance = (1 - options.lambda) * 0.98;
    const result = await sparseRerank(features, metric, options, maxDistance);
    const dense = await runOracle(
      { op: 'rerank', metric, k1: options.k1, k2: options.k2, lambda: options.lambda },
      { input: { data: features.data, shape: [n, features.d] } },
    );
    const reference = dense.data as Float32Array;
    // every pair through the pair function
    let worst = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) worst = Math.max(worst, Math.abs(result.distance(i, j) - reference[i * n + j]));
    }
    expect(worst).toBeLessThan(2e-5);
    // the stored sparse pairs are exactly the dense entries <= maxDistance
    const { indptr, indices, distances } = result.neighbours;
    let stored = 0;
    for (let i = 0; i < n; i++) {
      const row = new Map<number, number>();
      for (let e = indptr[i]; e < indptr[i + 1]; e++) row.set(indices[e], distances[e]);
      for (let j = 0; j < n; j++) {
        const want = reference[i * n + j];
        if (Math.abs(want - maxDistance) < 1e-4) continue;
        expect(row.has(j)).toBe(want <= maxDistance);
        if (row.has(j)) expect(Math.abs(row.get(j)! - want)).toBeLessThan(2e-5);
      }
      stored += row.size;
    }
    // the structure is sparse but not trivial
    expect(stored).toBeGreaterThan(2 * n);
    expect(stored).toBeLessThan(n * n * 0.5);
  });

  it('is asymmetric through the row normalisation, with zero self distance', async () => {
    const { features } = plantedClusters({ n: 60, d: 16, seed: 3 });
    const result = await sparseRerank(features, 'cosine', { k1: 20, k2: 6, lambda: 0.3 }, 0.6);
    let asymmetric = 0;
    for (let i = 0; i < 60; i++) {
      expect(result.distance(i, i)).toBe(0);
      for (let j = 0; j < i; j++) if (Math.abs(result.distance(i, j) - result.distance(j, i)) > 1e-6) asymmetric++;
    }
    expect(asymmetric).toBeGreaterThan(0);
  });

  it('refuses a radius at or above 1 - lambda and bad parameters', async () => {
    const { features } = plantedClusters({ n: 30, d: 8, seed: 2 });
    const knn = await knnSearch(features, 'cosine', 21, { engine: 'onnx', threads: 1 });
    const source = { knn, distance: () => 1 };
    expect(() => kReciprocalRerank(source, {}, 0.7)).toThrow(/1 - lambda/);
    expect(() => kReciprocalRerank(source, { k1: 0 }, 0.5)).toThrow(/k1/);
    expect(() => kReciprocalRerank(source, { lambda: 1 }, 0.5)).toThrow(/lambda/);
    expect(() => kReciprocalRerank({ knn: { ...knn, k: 5 }, distance: () => 1 }, { k1: 20 }, 0.5)).toThrow(/knn.k/);
  });
});
