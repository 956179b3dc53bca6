import { describe, expect, it } from '@jest/globals';
import { exactDistance, prepareFeatures } from '../../../orchestrator/src/features/distance-metric.js';
import type { FeatureMetric } from '../../../orchestrator/src/features/distance-metric.js';
import { JsNeighbourEngine } from '../../../orchestrator/src/features/js-neighbour-engine.js';
import { knnSearch, radiusSearch } from '../../../orchestrator/src/features/neighbour-search.js';
import { OnnxNeighbourEngine } from '../../../orchestrator/src/features/onnx-neighbour-engine.js';
import { createRandom } from '../../../orchestrator/src/shared/random.js';

const n = 230;
const d = 12;
const random = createRandom(17);
const features = { n, d, data: Float32Array.from({ length: n * d }, () => random.gaussian(0, 1)) };

function brute(metric: FeatureMetric): { j: number; distance: number }[][] {
  const prepared = prepareFeatures(features, metric);
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => ({ j, distance: exactDistance(prepared, i, j) })).sort((a, b) => a.distance - b.distance || a.j - b.j),
  );
}

describe.each([
  ['onnx, ragged blocks', () => new OnnxNeighbourEngine({ rowBlock: 37, columnBlock: 53, threads: 1 })],
  ['js workers', () => new JsNeighbourEngine({ threads: 2, rowsPerTask: 41 })],
])('neighbour search (%s)', (_name, makeEngine) => {
  it.each(['cosine', 'euclidean'] as const)('finds exact k nearest neighbours and row maxima (%s)', async (metric) => {
    const engine = makeEngine();
    const graph = await knnSearch(features, metric, 9, { engine });
    await engine.close();
    const truth = brute(metric);
    for (let i = 0; i < n; i++) {
      expect(Array.from(graph.indices.subarray(i * 9, i * 9 + 9))).toEqual(truth[i].slice(0, 9).map((x) => x.j));
      for (let t = 0; t < 9; t++) expect(graph.distances[i * 9 + t]).toBeCloseTo(truth[i][t].distance, 5);
      expect(graph.maxDistance[i]).toBeCloseTo(truth[i][n - 1].distance, metric === 'cosine' ? 5 : 3);
    }
  });

  it.each([
    ['cosine', 0.45],
    ['euclidean', 3.1],
  ] as const)('finds every pair within the radius, inclusive (%s)', async (metric, radius) => {
    const engine = makeEngine();
    const neighbours = await radiusSearch(features, metric, radius, { engine });
    await engine.close();
    const truth = brute(metric);
    let pairs = 0;
    for (let i = 0; i < n; i++) {
      const expected = truth[i].filter((x) => x.distance <= radius && x.j !== i).map((x) => x.j);
      const got = Array.from(neighbours.indices.subarray(neighbours.indptr[i], neighbours.indptr[i + 1]));
      expect(got).toEqual(expected);
      pairs += got.length;
    }
    expect(pairs).toBeGreaterThan(n);
  });
});

describe('radius boundary', () => {
  it('keeps a pair exactly at the radius and drops one just above it', async () => {
    // unit vectors at 60 degrees: cosine distance exactly 0.5 in float64
    const f = { n: 3, d: 2, data: new Float32Array([1, 0, 0.5, Math.sqrt(3) / 2, -1, 0]) };
    const prepared = prepareFeatures(f, 'cosine');
    const exact = exactDistance(prepared, 0, 1);
    const at = await radiusSearch(f, 'cosine', exact, { engine: 'onnx', threads: 1 });
    expect(Array.from(at.indices.subarray(at.indptr[0], at.indptr[1]))).toEqual([1]);
    const below = await radiusSearch(f, 'cosine', exact * (1 - 1e-9), { engine: 'onnx', threads: 1 });
    expect(below.indptr[1] - below.indptr[0]).toBe(0);
  });
});
