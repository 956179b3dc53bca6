/**
 * Clone fidelity's ranking: hand-worked cases (ties broken in gallery order, chance level) and a
 * numpy transcription on random features.
 */
import { describe, expect, it } from '@jest/globals';
import { cloneFidelity, rankOf } from '../../../orchestrator/src/run/clone-fidelity.js';
import { createRandom } from '../../../orchestrator/src/shared/random.js';
import { runPython } from '../../helpers/python.js';

const f = (...values: number[]): Float32Array => Float32Array.from(values);

describe('rankOf', () => {
  it('counts the gallery items nearer than the own one, ties before it in gallery order', () => {
    const gallery = [f(1, 0), f(0, 1), f(1, 0), f(-1, 0)];
    expect(rankOf(f(1, 0), gallery, 0)).toBe(1);
    // gallery 2 equals gallery 0: the earlier one wins the tie
    expect(rankOf(f(1, 0), gallery, 2)).toBe(2);
    expect(rankOf(f(1, 0.1), gallery, 1)).toBe(3);
    expect(rankOf(f(1, 0), gallery, 3)).toBe(4);
  });
});

describe('cloneFidelity', () => {
  it('scores a hand-worked case: per query, per character, against chance', () => {
    const photos = [
      { characterId: 'a', identity: 0, image: 'a.jpg', feature: f(1, 0, 0) },
      { characterId: 'b', identity: 1, image: 'b.jpg', feature: f(0, 1, 0) },
      { characterId: 'c', identity: 2, image: 'c.jpg', feature: f(0, 0, 1) },
    ];
    const queries = [
      { characterId: 'a', feature: f(0.9, 0.1, 0) }, // rank 1
      { characterId: 'a', feature: f(0.2, 0.9, 0) }, // rank 2 (b is nearer)
      { characterId: 'b', feature: f(0, 1, 0.1) }, // rank 1
      { characterId: 'b', feature: f(0, 0.1, 1) }, // rank 2
    ];
    const record = cloneFidelity(queries, photos, 'test');
    expect(record).toMatchObject({ descriptor: 'test', queries: 4, gallery: 3, rank1: 0.5, rank5: 1, chance: 1 / 3, characterRank1: 0.5 });
    // c has no crop: not scored
    expect(record.characters).toEqual([
      { characterId: 'a', identity: 0, image: 'a.jpg', queries: 2, rank1: 0.5, meanFeatureRank: 1 },
      { characterId: 'b', identity: 1, image: 'b.jpg', queries: 2, rank1: 0.5, meanFeatureRank: 1 },
    ]);
  });

  it('agrees with a numpy transcription on random features', async () => {
    const random = createRandom(11);
    const dim = 16;
    const photos = Array.from({ length: 9 }, (_, i) => ({ characterId: `c${i}`, identity: i, image: `${i}.jpg`, feature: Float32Array.from({ length: dim }, () => random.next() - 0.3) }));
    const queries = Array.from({ length: 60 }, (_, q) => {
      const owner = q % 9;
      const base = photos[owner].feature;
      return { characterId: `c${owner}`, feature: Float32Array.from(base, (v) => v + 0.6 * (random.next() - 0.5)) };
    });
    const record = cloneFidelity(queries, photos, 'test');
    const pack = (rows: Float32Array[]): Uint8Array => {
      const out = new Float32Array(rows.length * dim);
      rows.forEach((r, i) => out.set(r, i * dim));
      return new Uint8Array(out.buffer);
    };
    const owners = new Uint8Array(Int32Array.from(queries.map((q) => Number(q.characterId.slice(1)))).buffer);
    const script = `
import sys, json, numpy as np
d = ${dim}
g = np.fromfile(sys.argv[1], dtype='<f4').reshape(-1, d).astype(np.float64)
q = np.fromfile(sys.argv[2], dtype='<f4').reshape(-1, d).astype(np.float64)
own = np.fromfile(sys.argv[3], dtype='<i4')
def dist(a, b):
    a = a / np.linalg.norm(a, axis=-1, keepdims=True); b = b / np.linalg.norm(b, axis=-1, keepdims=True)
    return 1 - a @ b.T
D = dist(q, g)
ranks = np.array([1 + np.sum(D[i] < D[i, own[i]]) for i in range(len(q))])
per = {}
for c in range(len(g)):
    sel = own == c
    if sel.any():
        m = q[sel].mean(axis=0)
        dm = dist(m[None], g)[0]
        per[c] = [float(np.mean(ranks[sel] == 1)), int(1 + np.sum(dm < dm[c]))]
print(json.dumps({'rank1': float(np.mean(ranks == 1)), 'rank5': float(np.mean(ranks <= 5)), 'per': per}))
`;
    const { stdout } = await runPython(script, [pack(photos.map((p) => p.feature)), pack(queries.map((q) => q.feature)), owners]);
    const oracle = JSON.parse(stdout) as { rank1: number; rank5: number; per: Record<string, [number, number]> };
    expect(record.rank1).toBeCloseTo(oracle.rank1, 12);
    expect(record.rank5).toBeCloseTo(oracle.rank5, 12);
    expect(record.rank1).toBeGreaterThan(record.chance);
    for (const c of record.characters) {
      const [rank1, meanRank] = oracle.per[String(c.identity)];
      expect([c.characterId, c.rank1]).toEqual([c.characterId, expect.closeTo(rank1, 12)]);
      expect([c.characterId, c.meanFeatureRank]).toEqual([c.characterId, meanRank]);
    }
  });
});
