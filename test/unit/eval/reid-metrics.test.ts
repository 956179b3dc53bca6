import { describe, expect, it } from '@jest/globals';
import { evaluateDistanceMatrix } from '../../../orchestrator/src/eval/reid-metrics.js';
import type { RankingLabels } from '../../../orchestrator/src/eval/reid-metrics.js';
import { createRandom } from '../../../orchestrator/src/shared/random.js';
import { referenceEval } from './market-eval-oracle.js';

const labels = (pids: number[], cams: number[]): RankingLabels => ({ pids: Int32Array.from(pids), cams: Int32Array.from(cams) });

describe('evaluateDistanceMatrix, worked by hand', () => {
  it('drops same-identity same-camera images and averages precision over the true matches', () => {
    // gallery after removing the junk (pid 1, cam 0): pid 2 (0.2), pid 1 (0.3), pid 3 (0.4), pid 1 (0.5)
    const gallery = labels([1, 2, 1, 3, 1], [0, 1, 1, 1, 2]);
    const result = evaluateDistanceMatrix(Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5]), labels([1], [0]), gallery, 50);
    expect(result.mAP).toBeCloseTo((1 / 2 + 2 / 4) / 2, 12);
    // cmc is capped at the 5 gallery images; the first true match is 2nd
    expect(result.cmc).toEqual([0, 1, 1, 1, 1]);
    expect(result.rank1).toBe(0);
    expect(result.rank5).toBe(1);
  });

  it('breaks ties by gallery order', () => {
    const gallery = labels([2, 1, 1], [1, 1, 2]);
    const tied = Float64Array.from([0.5, 0.5, 0.5]);
    // stable order: the impostor (index 0) first, then both matches: ranks 2 and 3
    expect(evaluateDistanceMatrix(tied, labels([1], [0]), gallery).mAP).toBeCloseTo((1 / 2 + 2 / 3) / 2, 12);
    // a match listed first wins the tie
    const first = evaluateDistanceMatrix(tied, labels([2], [0]), labels([2, 1, 1], [1, 1, 2]));
    expect(first.mAP).toBe(1);
    expect(first.rank1).toBe(1);
  });

  it('skips queries without a true match and counts distractors (pid 0) as false matches', () => {
    const gallery = labels([0, 5, 0, 6], [1, 1, 2, 2]);
    const distances = Float64Array.from([
      // query pid 5 cam 0: distractor first, then its match
      0.1, 0.2, 0.3, 0.9,
      // query pid 7: not in the gallery
      0.1, 0.1, 0.1, 0.1,
      // query pid 6 cam 2: its only gallery image is from its own camera
      0.5, 0.5, 0.5, 0.0,
    ]);
    const result = evaluateDistanceMatrix(distances, labels([5, 7, 6], [0, 0, 2]), gallery, 4);
    expect(result.queries).toBe(3);
    expect(result.validQueries).toBe(1);
    expect(result.mAP).toBeCloseTo(1 / 2, 12);
    expect(result.cmc).toEqual([0, 1, 1, 1]);
  });

  it('refuses when no query has a true match', () => {
    expect(() => evaluateDistanceMatrix(Float64Array.from([0.1]), labels([1], [0]), labels([1], [0]))).toThrow(expect.objectContaining({ code: 'E_EVAL_INVALID' }));
  });
});

/** A random problem: `identities` pids (0 = distractors) over `cameras` cameras; `quantise` makes ties. */
function randomProblem(seed: number, nq: number, ng: number, identities: number, cameras: number, quantise: (d: number) => number) {
  const random = createRandom(seed);
  const gallery = labels(
    Array.from({ length: ng }, () => random.int(identities)),
    Array.from({ length: ng }, () => random.int(cameras)),
  );
  // some query identities (>= identities) are in no gallery image
  const query = labels(
    Array.from({ length: nq }, () => 1 + random.int(identities + 3)),
    Array.from({ length: nq }, () => random.int(cameras)),
  );
  const distances = new Float64Array(nq * ng);
  for (let q = 0; q < nq; q++) {
    for (let g = 0; g < ng; g++) {
      // true matches a little closer on average, so ranks are spread
      const base = random.next() + (query.pids[q] === gallery.pids[g] ? -0.3 : 0);
      distances[q * ng + g] = quantise(base);
    }
  }
  return { distances, query, gallery };
}

describe('evaluateDistanceMatrix against a numpy transcription of torchreid eval_market1501', () => {
  it.each([
    ['ties (one decimal), distractors, queries without a match', 11, (d: number) => Math.round(d * 10) / 10],
    ['no ties', 12, (d: number) => d],
    ['heavy ties (distances in steps of 0.5)', 13, (d: number) => Math.round(d * 2) / 2],
  ])('%s', async (_name, seed, quantise) => {
    const { distances, query, gallery } = randomProblem(seed, 80, 400, 30, 4, quantise);
    const ours = evaluateDistanceMatrix(distances, query, gallery, 50);
    const reference = await referenceEval(distances, query, gallery, 50);
    expect(ours.validQueries).toBe(reference.validQueries);
    expect(ours.validQueries).toBeLessThan(80);
    expect(Math.abs(ours.mAP - reference.mAP)).toBeLessThan(1e-9);
    expect(ours.cmc).toHaveLength(reference.cmc.length);
    ours.cmc.forEach((v, k) => expect(Math.abs(v - reference.cmc[k])).toBeLessThan(1e-9));
  });
});
