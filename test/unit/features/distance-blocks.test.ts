import { describe, expect, it } from '@jest/globals';
import { forEachDistanceBlock } from '../../../orchestrator/src/features/distance-blocks.js';
import { exactDistance, prepareFeatures } from '../../../orchestrator/src/features/distance-metric.js';
import type { FeatureMetric } from '../../../orchestrator/src/features/distance-metric.js';
import type { EngineName } from '../../../orchestrator/src/features/neighbour-engine.js';
import { createRandom } from '../../../orchestrator/src/shared/random.js';

describe('forEachDistanceBlock', () => {
  const random = createRandom(4);
  const matrix = (n: number, d: number) => ({ n, d, data: Float32Array.from({ length: n * d }, () => random.gaussian(0, 1)) });
  const query = matrix(37, 20);
  const gallery = matrix(53, 20);

  it.each([
    ['onnx', 'cosine', false],
    ['onnx', 'euclidean', false],
    ['onnx in a worker thread', 'cosine', true],
    ['onnx in a worker thread', 'euclidean', true],
    ['js', 'cosine', false],
    ['js', 'euclidean', false],
  ] as [string, FeatureMetric, boolean][])('%s %s: every row once, in order, within float32 error of the exact distance', async (name, metric, worker) => {
    const engine: EngineName = name === 'js' ? 'js' : 'onnx';
    const q = prepareFeatures(query, metric);
    const g = prepareFeatures(gallery, metric);
    // exact distances of the pair (query i, gallery j) through one combined matrix
    const both = prepareFeatures({ n: 90, d: 20, data: Float32Array.from([...query.data, ...gallery.data]) }, metric);
    const seen: number[] = [];
    let worst = 0;
    await forEachDistanceBlock(
      q,
      g,
      (r0, r1, distances) => {
        expect(distances.length).toBe((r1 - r0) * 53);
        for (let r = r0; r < r1; r++) {
          seen.push(r);
          for (let j = 0; j < 53; j++) worst = Math.max(worst, Math.abs(distances[(r - r0) * 53 + j] - exactDistance(both, r, 37 + j)));
        }
      },
      { engine, rowBlock: 8, threads: 1, worker },
    );
    expect(seen).toEqual(Array.from({ length: 37 }, (_, i) => i));
    expect(worst).toBeLessThan(metric === 'cosine' ? 1e-5 : 5e-4);
  });

  it('passes a failing callback on, in the worker too', async () => {
    const q = prepareFeatures(query, 'cosine');
    const g = prepareFeatures(gallery, 'cosine');
    const fail = (r0: number): void => {
      if (r0 >= 16) throw new Error('callback broke');
    };
    await expect(forEachDistanceBlock(q, g, fail, { rowBlock: 8, threads: 1, worker: true })).rejects.toThrow('callback broke');
    await expect(forEachDistanceBlock(q, g, fail, { rowBlock: 8, threads: 1, worker: false })).rejects.toThrow('callback broke');
  });

  it('refuses sides of different dimensions', async () => {
    await expect(forEachDistanceBlock(prepareFeatures(query, 'cosine'), prepareFeatures(matrix(3, 4), 'cosine'), () => undefined)).rejects.toMatchObject({ code: 'E_ARGUMENT' });
  });
});
