import { describe, expect, it } from '@jest/globals';
import { dbscan, dbscanDetailed } from '../../../orchestrator/src/clustering/dbscan.js';
import { dbscanOnNeighbours } from '../../../orchestrator/src/clustering/dbscan-core.js';
import { exactDistance, prepareFeatures } from '../../../orchestrator/src/features/distance-metric.js';
import type { FeatureMetric } from '../../../orchestrator/src/features/distance-metric.js';
import type { FeatureMatrix } from '../../../orchestrator/src/features/feature-matrix.js';
import { OnnxNeighbourEngine } from '../../../orchestrator/src/features/onnx-neighbour-engine.js';
import { JsNeighbourEngine } from '../../../orchestrator/src/features/js-neighbour-engine.js';
import { plantedClusters } from '../../../orchestrator/src/clustering/planted-clusters.js';
import { NeighbourPairCollector } from '../../../orchestrator/src/features/sparse-neighbours.js';
import { createRandom } from '../../../orchestrator/src/shared/random.js';
import { runOracle } from './python-oracle.js';

/** Full float64 distance matrix (small n only). */
function denseDistances(features: FeatureMatrix, metric: FeatureMetric): Float64Array {
  const prepared = prepareFeatures(features, metric);
  const n = features.n;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = exactDistance(prepared, i, j);
  return out;
}

/** Moves eps off any pairwise distance (relative margin 1e-5) so float noise cannot flip a decision. */
function safeEps(distances: ArrayLike<number>, eps: number): number {
  let value = eps;
  for (let attempt = 0; attempt < 50; attempt++) {
    let near = false;
    for (let e = 0; e < distances.length; e++) {
      if (Math.abs(distances[e] - value) <= 1e-5 * value) {
        near = true;
        break;
      }
    }
    if (!near) return value;
    value *= 1.0003;
  }
  throw new Error('no safe eps');
}

/**
 * Checks labels against the DBSCAN definition on a dense matrix, where the neighbourhood of i
 * is row i: core points are clustered, a non-core point carries the label of some core point
 * whose neighbourhood holds it (or -1 if none does), and, for symmetric distances, core
 * neighbours share a cluster.
 */
function checkDefinition(labels: Int32Array, distances: ArrayLike<number>, n: number, eps: number, minSamples: number, symmetric = true): void {
  const neighbours = (i: number): number[] => {
    const out: number[] = [];
    for (let j = 0; j < n; j++) if (distances[i * n + j] <= eps) out.push(j);
    return out;
  };
  const core = Array.from({ length: n }, (_, i) => neighbours(i).length >= minSamples);
  for (let i = 0; i < n; i++) {
    if (core[i]) {
      expect(labels[i]).toBeGreaterThanOrEqual(0);
      if (symmetric) for (const j of neighbours(i)) if (core[j]) expect(labels[j]).toBe(labels[i]);
      continue;
    }
    const reachedBy = new Set<number>();
    for (let j = 0; j < n; j++) if (core[j] && distances[j * n + i] <= eps) reachedBy.add(labels[j]);
    if (reachedBy.size === 0) expect(labels[i]).toBe(-1);
    else expect(reachedBy.has(labels[i])).toBe(true);
  }
}

/** Labels equal up to renumbering (a bijection between cluster ids; -1 maps to -1). */
function expectSamePartition(a: Int32Array, b: Int32Array): void {
  expect(a.length).toBe(b.length);
  const forward = new Map<number, number>();
  const backward = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    expect(a[i] === -1).toBe(b[i] === -1);
    if (a[i] === -1) continue;
    if (!forward.has(a[i])) forward.set(a[i], b[i]);
    if (!backward.has(b[i])) backward.set(b[i], a[i]);
    expect(forward.get(a[i])).toBe(b[i]);
    expect(backward.get(b[i])).toBe(a[i]);
  }
}

function gaussianBlobs(n: number, d: number, centres: number, seed: number): FeatureMatrix {
  const random = createRandom(seed);
  const centre = Array.from({ length: centres }, () => Array.from({ length: d }, () => random.gaussian(0, 4)));
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = centre[random.int(centres)];
    const spread = 0.5 + random.next();
    for (let k = 0; k < d; k++) data[i * d + k] = c[k] + random.gaussian(0, spread);
  }
  return { n, d, data };
}

describe('dbscanOnNeighbours (hand-computed)', () => {
  it('finds cores, borders and noise on points on a line', () => {
    // x = 0, 1, 2, 3 (a chain), 4.5 (border of 3 at eps 1.5), 10 (noise), 20, 20.5, 21 (a cluster)
    const x = [0, 1, 2, 3, 4.5, 10, 20, 20.5, 21];
    const n = x.length;
    const pairs = new NeighbourPairCollector(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) pairs.add(i, j, Math.abs(x[i] - x[j]));
    const result = dbscanOnNeighbours(pairs.toNeighbours(), 1.5, 3);
    // neighbour counts (self included): 2,3,3,3,2,1,3,3,3 -> cores 1,2,3,6,7,8
    expect(Array.from(result.isCore)).toEqual([0, 1, 1, 1, 0, 0, 1, 1, 1]);
    expect(Array.from(result.labels)).toEqual([0, 0, 0, 0, 0, -1, 1, 1, 1]);
    expect(result.clusterCount).toBe(2);
  });

  it('counts eps inclusively and the point itself in minSamples', () => {
    const pairs = new NeighbourPairCollector(2);
    pairs.addSymmetric(0, 1, 0.5);
    expect(Array.from(dbscanOnNeighbours(pairs.toNeighbours(), 0.5, 2).labels)).toEqual([0, 0]);
    const again = new NeighbourPairCollector(2);
    again.addSymmetric(0, 1, 0.5);
    expect(Array.from(dbscanOnNeighbours(again.toNeighbours(), 0.4999, 2).labels)).toEqual([-1, -1]);
  });

  it('gives a border point to the first cluster that reaches it, as scikit-learn', () => {
    // cluster C = 3.3..4.8 (indices 0-3), a border point 2.4 between C and A = 0..1.5
    const x = [3.3, 3.8, 4.3, 4.8, 2.4, 0, 0.5, 1.0, 1.5];
    const n = x.length;
    const pairs = new NeighbourPairCollector(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) pairs.add(i, j, Math.abs(x[i] - x[j]));
    const { labels, isCore } = dbscanOnNeighbours(pairs.toNeighbours(), 1.0, 4);
    // 2.4 has 3 neighbours (1.5, itself, 3.3): not core, reachable from both clusters; the
    // cluster seeded first (index 0, C) takes it
    expect(Array.from(isCore)).toEqual([1, 1, 1, 0, 0, 0, 1, 1, 1]);
    expect(Array.from(labels)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1]);
  });
});

describe('dbscan against scikit-learn', () => {
  const engines = [
    ['onnx', () => new OnnxNeighbourEngine({ rowBlock: 64, columnBlock: 96, threads: 1 })],
    ['js', () => new JsNeighbourEngine({ threads: 2, rowsPerTask: 50 })],
  ] as const;

  it.each(engines)('matches on cosine features (planted clusters, %s engine)', async (_name, makeEngine) => {
    const { features } = plantedClusters({ n: 400, d: 32, seed: 11, imageSpread: 0.5, lookSpread: 0.8 });
    const dense = denseDistances(features, 'cosine');
    for (const [rawEps, minSamples] of [
      [0.2, 4],
      [0.3, 5],
    ] as const) {
      const eps = safeEps(dense, rawEps);
      const engine = makeEngine();
      const labels = await dbscan(features, { eps, minSamples, metric: 'cosine', engine });
      await engine.close();
      const reference = await runOracle({ op: 'dbscan', metric: 'cosine', eps, min_samples: minSamples }, { input: { data: features.data, shape: [features.n, features.d] } });
      expect(new Set(labels).size).toBeGreaterThan(10);
      expectSamePartition(labels, reference.data as Int32Array);
      expect(Array.from(labels)).toEqual(Array.from(reference.data));
      checkDefinition(labels, dense, features.n, eps, minSamples);
    }
  });

  it.each(engines)('matches on euclidean features (Gaussian blobs, %s engine)', async (_name, makeEngine) => {
    const features = gaussianBlobs(350, 8, 6, 5);
    const dense = denseDistances(features, 'euclidean');
    const eps = safeEps(dense, 2.2);
    const engine = makeEngine();
    const labels = await dbscan(features, { eps, minSamples: 5, metric: 'euclidean', engine });
    await engine.close();
    const reference = await runOracle({ op: 'dbscan', metric: 'euclidean', eps, min_samples: 5 }, { input: { data: features.data, shape: [features.n, features.d] } });
    expect(new Set(labels).has(-1)).toBe(true);
    expect(Array.from(labels)).toEqual(Array.from(reference.data));
    checkDefinition(labels, dense, features.n, eps, 5);
  });

  it('matches on a precomputed dense matrix and on sparse neighbourhoods', async () => {
    // an asymmetric, non-metric "distance" with a non-zero diagonal, as re-ranked distances are
    const random = createRandom(9);
    const n = 150;
    const points = Array.from({ length: n }, () => [random.gaussian(0, 3), random.gaussian(0, 3)]);
    const matrix = new Float32Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const d = Math.hypot(points[i][0] - points[j][0], points[i][1] - points[j][1]);
        matrix[i * n + j] = (d * (1 + 0.2 * Math.sin(i + 2 * j))) / 10 + (i === j && i % 17 === 0 ? 0.5 : 0);
      }
    }
    const eps = safeEps(matrix, 0.08);
    const labels = await dbscan({ n, distances: matrix }, { eps, minSamples: 4, metric: 'precomputed' });
    const reference = await runOracle({ op: 'dbscan', metric: 'precomputed', eps, min_samples: 4 }, { input: { data: matrix, shape: [n, n] } });
    expect(new Set(labels).size).toBeGreaterThan(2);
    expect(Array.from(labels)).toEqual(Array.from(reference.data));
    // points whose diagonal exceeds eps are not their own neighbours
    checkDefinition(labels, matrix, n, eps, 4, false);

    // the same as sparse CSR (entries <= 0.2 stored; the diagonal stored as given)
    const pairs = new NeighbourPairCollector(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (matrix[i * n + j] <= 0.2) pairs.add(i, j, matrix[i * n + j]);
    const sparse = pairs.toNeighbours();
    const sparseLabels = await dbscan(sparse, { eps, minSamples: 4, metric: 'precomputed' });
    const sparseReference = await runOracle(
      { op: 'dbscan', metric: 'precomputed', eps, min_samples: 4, sparse: true, store: 0.2 },
      { input: { data: matrix, shape: [n, n] } },
    );
    expect(Array.from(sparseLabels)).toEqual(Array.from(sparseReference.data));
  });
});

describe('dbscan input checks', () => {
  const features: FeatureMatrix = { n: 3, d: 2, data: new Float32Array([1, 0, 0, 1, 1, 1]) };

  it('refuses eps out of range, NaN features and zero rows for cosine', async () => {
    await expect(dbscan(features, { eps: 0, metric: 'cosine' })).rejects.toMatchObject({ code: 'E_ARGUMENT' });
    await expect(dbscan(features, { eps: 2.5, metric: 'cosine' })).rejects.toMatchObject({ code: 'E_ARGUMENT' });
    await expect(dbscan(features, { eps: NaN, metric: 'euclidean' })).rejects.toMatchObject({ code: 'E_ARGUMENT' });
    const withNaN = { ...features, data: new Float32Array([1, 0, NaN, 1, 1, 1]) };
    await expect(dbscan(withNaN, { eps: 0.3 })).rejects.toMatchObject({ code: 'E_FEATURES_INVALID' });
    const zero = { ...features, data: new Float32Array([1, 0, 0, 0, 1, 1]) };
    await expect(dbscan(zero, { eps: 0.3, metric: 'cosine' })).rejects.toMatchObject({ code: 'E_FEATURES_INVALID' });
    // a zero row is fine for euclidean
    await expect(dbscan(zero, { eps: 0.3, metric: 'euclidean', minSamples: 1 })).resolves.toEqual(new Int32Array([0, 1, 2]));
    const empty = { n: 0, d: 2, data: new Float32Array(0) };
    await expect(dbscan(empty, { eps: 0.3 })).rejects.toMatchObject({ code: 'E_FEATURES_INVALID' });
  });

  it('refuses negative or NaN precomputed distances', async () => {
    await expect(dbscan({ n: 2, distances: new Float32Array([0, -1, -1, 0]) }, { eps: 0.5, metric: 'precomputed' })).rejects.toMatchObject({ code: 'E_FEATURES_INVALID' });
    await expect(dbscan({ n: 2, distances: new Float32Array([0, NaN, 1, 0]) }, { eps: 0.5, metric: 'precomputed' })).rejects.toMatchObject({ code: 'E_FEATURES_INVALID' });
  });

  it('reports core flags and the neighbourhoods it used', async () => {
    const result = await dbscanDetailed({ n: 3, distances: new Float32Array([0, 0.1, 0.9, 0.1, 0, 0.9, 0.9, 0.9, 0]) }, { eps: 0.2, minSamples: 2, metric: 'precomputed' });
    expect(Array.from(result.labels)).toEqual([0, 0, -1]);
    expect(Array.from(result.isCore)).toEqual([1, 1, 0]);
    expect(result.neighbours.n).toBe(3);
  });
});
