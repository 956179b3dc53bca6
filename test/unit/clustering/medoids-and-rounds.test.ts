import { describe, expect, it } from '@jest/globals';
import { exactDistance, prepareFeatures } from '../../../orchestrator/src/features/distance-metric.js';
import { clustersWithMedoids, groupByLabel } from '../../../orchestrator/src/clustering/medoids.js';
import { plantedClusters } from '../../../orchestrator/src/clustering/planted-clusters.js';
import { runSde } from '../../../orchestrator/src/clustering/sde.js';

describe('medoids', () => {
  it('picks the member with the smallest mean distance (ties to the lower index)', () => {
    // points 0, 1, 2, 10 on a line: mean distances 13/3, 11/3, 11/3, 27/3 -> index 1
    const x = [0, 1, 2, 10, 50];
    const labels = new Int32Array([0, 0, 0, 0, -1]);
    const [cluster] = clustersWithMedoids(labels, { kind: 'pairwise', distance: (i, j) => Math.abs(x[i] - x[j]) });
    expect(cluster.medoid).toBe(1);
    expect(cluster.medoidMeanDistance).toBeCloseTo(11 / 3, 12);
    expect(cluster.distancesToMedoid).toEqual([1, 0, 1, 9]);
    expect(groupByLabel(labels)).toEqual([[0, 1, 2, 3]]);
  });

  it('uses the exact linear identity for cosine (equal to pair sums)', () => {
    const { features } = plantedClusters({ n: 60, d: 8, seed: 4 });
    const prepared = prepareFeatures(features, 'cosine');
    const labels = Int32Array.from({ length: 60 }, (_, i) => i % 3);
    const fast = clustersWithMedoids(labels, { kind: 'cosine', prepared });
    const slow = clustersWithMedoids(labels, { kind: 'pairwise', distance: (i, j) => exactDistance(prepared, i, j) });
    for (let c = 0; c < 3; c++) {
      expect(fast[c].medoid).toBe(slow[c].medoid);
      expect(fast[c].medoidMeanDistance).toBeCloseTo(slow[c].medoidMeanDistance, 6);
    }
  });

  it('samples the reference members of large clusters, deterministically', () => {
    const x = Array.from({ length: 50 }, (_, i) => (i * 37) % 50);
    const labels = new Int32Array(50);
    const distance = (i: number, j: number): number => Math.abs(x[i] - x[j]);
    const a = clustersWithMedoids(labels, { kind: 'pairwise', distance }, { maxExactMembers: 20, seed: 1 });
    const b = clustersWithMedoids(labels, { kind: 'pairwise', distance }, { maxExactMembers: 20, seed: 1 });
    expect(a[0].sampled).toBe(true);
    expect(a[0].medoid).toBe(b[0].medoid);
    // the true medoid of 0..49 is value 24 or 25; a 20-member sample lands near it
    expect(Math.abs(x[a[0].medoid] - 24.5)).toBeLessThan(8);
  });
});

describe('two rounds (runSde)', () => {
  it.each([false, true])('round 2 runs on the medoids and noise of round 1 (re-ranked: %s)', async (rerank) => {
    const planted = plantedClusters({ n: 600, d: 32, seed: 8, imageSpread: 0.3, lookSpread: 0.7 });
    // with 600 points, k1 = 20 would span several looks; a small k1 suits the small sample
    const eps: [number, number] = rerank ? [0.3, 0.5] : [0.12, 0.4];
    const result = await runSde(planted.features, { eps, rerank, rerankOptions: { k1: 6, k2: 2, lambda: 0.3 }, minSamples: 3, engine: 'onnx', threads: 1 });
    const { round1, round2 } = result;
    expect(round1.items).toHaveLength(600);
    const expected = [...round1.clusters.map((c) => c.medoid), ...Array.from(round1.labels.keys()).filter((k) => round1.labels[k] === -1)].sort((a, b) => a - b);
    expect(Array.from(round2.items)).toEqual(expected);
    expect(round1.clusters.length).toBeGreaterThan(50);
    expect(round2.clusters.length).toBeGreaterThan(10);
    expect(round2.clusters.length).toBeLessThan(round1.clusters.length);
    // round 1 groups images of one planted identity: most clusters are pure
    const pure = round1.clusters.filter((c) => new Set(c.members.map((m) => planted.identity[m])).size === 1).length;
    expect(pure / round1.clusters.length).toBeGreaterThan(0.95);
    // round 2 groups identities of one look
    const lookPure = round2.clusters.filter((c) => new Set(c.members.map((m) => planted.look[round2.items[m]])).size === 1).length;
    expect(lookPure / round2.clusters.length).toBeGreaterThan(0.7);
    expect(result.options.engine).toBe('onnx');
  });

  it('refuses eps at or above 1 - lambda with re-ranking, and bad minSamples', async () => {
    const { features } = plantedClusters({ n: 40, d: 8, seed: 1 });
    await expect(runSde(features, { eps: [0.4, 0.75], rerank: true })).rejects.toThrow(/1 - lambda/);
    await expect(runSde(features, { eps: [0.4, 0.5], minSamples: 0 })).rejects.toMatchObject({ code: 'E_ARGUMENT' });
    await expect(runSde(features, { eps: [0.4] as unknown as [number, number] })).rejects.toThrow(/two eps/);
  });
});
