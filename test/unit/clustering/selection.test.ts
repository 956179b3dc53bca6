import { describe, expect, it } from '@jest/globals';
import { selectFromClusters, selectRandom } from '../../../orchestrator/src/clustering/selection.js';

const pool = Array.from({ length: 40 }, (_, i) => ({ image: `img/${String(i).padStart(2, '0')}.jpg` }));

describe('selection', () => {
  it('takes 7 per cluster (5 train, 2 test) and keeps the 5:2 ratio for small clusters', () => {
    const clusters = [
      Array.from({ length: 10 }, (_, i) => i),
      Array.from({ length: 7 }, (_, i) => 10 + i),
      [17, 18, 19, 20],
      [21, 22, 23],
    ];
    const selection = selectFromClusters(clusters, pool, { seed: 3 });
    expect(selection).toMatchObject({ formatVersion: 1, method: 'sde', seed: 3 });
    const byCluster = (c: number, split: string): number => selection.identities.filter((i) => i.cluster === c && i.split === split).length;
    // 10 -> 7 (5 + 2); 7 -> 5 + 2; 4 -> round(4 * 2 / 7) = 1 test; 3 -> round(6 / 7) = 1 test
    expect([byCluster(0, 'train'), byCluster(0, 'test')]).toEqual([5, 2]);
    expect([byCluster(1, 'train'), byCluster(1, 'test')]).toEqual([5, 2]);
    expect([byCluster(2, 'train'), byCluster(2, 'test')]).toEqual([3, 1]);
    expect([byCluster(3, 'train'), byCluster(3, 'test')]).toEqual([2, 1]);
    expect(selection.identities.map((i) => i.id)).toEqual(Array.from({ length: 21 }, (_, i) => i));
    // every image comes from its cluster, once
    const images = selection.identities.map((i) => i.image);
    expect(new Set(images).size).toBe(images.length);
    for (const identity of selection.identities) expect(clusters[identity.cluster].map((m) => pool[m].image)).toContain(identity.image);
  });

  it('does not depend on input order, and depends on the seed', () => {
    const clusters = [Array.from({ length: 20 }, (_, i) => i)];
    const a = selectFromClusters(clusters, pool, { seed: 5 });
    const b = selectFromClusters([[...clusters[0]].reverse()], pool, { seed: 5 });
    expect(b.identities).toEqual(a.identities);
    const c = selectFromClusters(clusters, pool, { seed: 6 });
    expect(c.identities.map((i) => i.image)).not.toEqual(a.identities.map((i) => i.image));
  });

  it('draws the random baseline from the whole pool in 5:2 groups, keeping boxes', () => {
    const boxed = pool.map((p, i) => ({ ...p, box: [i, 0, i + 10, 20] as [number, number, number, number] }));
    const selection = selectRandom(boxed, 16, { seed: 2 });
    expect(selection.method).toBe('random');
    expect(selection.identities).toHaveLength(16);
    // groups 7, 7, 2: tests 2 + 2 + round(2 * 2 / 7) = 1
    expect(selection.identities.filter((i) => i.split === 'test')).toHaveLength(5);
    expect(selection.identities.every((i) => i.cluster === -1 && Array.isArray(i.box))).toBe(true);
    expect(() => selectRandom(pool, 41)).toThrow(/pool size/);
    expect(() => selectFromClusters([[0]], pool, { trainPerCluster: 8 })).toThrow(/perCluster/);
  });
});
