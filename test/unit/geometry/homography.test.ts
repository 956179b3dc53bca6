import { describe, expect, it } from '@jest/globals';
import { applyHomography, estimateHomography, reprojectionRms } from '../../../orchestrator/src/geometry/homography.js';
import type { Point2 } from '../../../orchestrator/src/geometry/point.js';
import { createRandom } from '../../../orchestrator/src/shared/random.js';

// A known perspective map: rotation, anisotropic scale, shear, translation and a real projective part.
const TRUE_H = [1.8, 0.35, 120, -0.22, 2.1, 45, 0.0009, -0.0004, 1];

function samplePoints(count: number, seed: number): Point2[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => [random.next() * 500, random.next() * 500] as Point2);
}

function maxEntryError(h: number[], truth: number[]): number {
  // compare entry-wise relative to each entry's own scale (h[6], h[7] are tiny)
  const scales = [1, 1, 100, 1, 1, 100, 1e-3, 1e-3, 1];
  return Math.max(...h.map((v, i) => Math.abs(v - truth[i]) / scales[i]));
}

describe('estimateHomography', () => {
  it.each([4, 11, 19])('recovers an exact homography from %i noise-free pairs', (count) => {
    const src = samplePoints(count, count);
    const dst = src.map(([x, y]) => applyHomography(TRUE_H, x, y));
    for (const refine of [false, true]) {
      const h = estimateHomography(src, dst, { refine });
      expect(h).toHaveLength(9);
      expect(h[8]).toBe(1);
      expect(maxEntryError(h, TRUE_H)).toBeLessThan(1e-9);
      expect(reprojectionRms(h, src, dst)).toBeLessThan(1e-7);
    }
  });

  it('maps a unit square onto a known quadrilateral with the hand-solved matrix', () => {
    // (0,0)->(0,0), (1,0)->(2,0), (1,1)->(3,3), (0,1)->(0,1). Solving the eight equations by hand:
    // c = f = b = d = 0, a = 2(g + 1), e = h + 1, -g - 3h = 1, -3g - 2h = 2 => h = -1/7, g = -4/7,
    // so H = [[6/7, 0, 0], [0, 6/7, 0], [-4/7, -1/7, 1]].
    const expected = [6 / 7, 0, 0, 0, 6 / 7, 0, -4 / 7, -1 / 7, 1];
    const src: Point2[] = [[0, 0], [1, 0], [1, 1], [0, 1]];
    const dst: Point2[] = [[0, 0], [2, 0], [3, 3], [0, 1]];
    for (const refine of [false, true]) {
      const h = estimateHomography(src, dst, { refine });
      h.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
    }
  });

  it('stays close to the truth with noisy points, and refinement never worsens the fit', () => {
    const random = createRandom(99);
    for (const count of [8, 19, 40]) {
      const src = samplePoints(count, 1000 + count);
      const dst = src.map(([x, y]) => {
        const [u, v] = applyHomography(TRUE_H, x, y);
        return [u + random.gaussian(0, 0.5), v + random.gaussian(0, 0.5)] as Point2;
      });
      const plain = estimateHomography(src, dst, { refine: false });
      const refined = estimateHomography(src, dst, { refine: true });
      const rmsPlain = reprojectionRms(plain, src, dst);
      const rmsRefined = reprojectionRms(refined, src, dst);
      expect(rmsRefined).toBeLessThanOrEqual(rmsPlain + 1e-12);
      // the noise is 0.5 px per axis, so the residual RMS is about 0.7 px
      expect(rmsRefined).toBeLessThan(1.0);
      // the estimate predicts clean positions of fresh points within a couple of pixels
      for (const [x, y] of samplePoints(50, 7)) {
        const [u, v] = applyHomography(refined, x, y);
        const [tu, tv] = applyHomography(TRUE_H, x, y);
        expect(Math.hypot(u - tu, v - tv)).toBeLessThan(count === 8 ? 4 : 2);
      }
    }
  });

  it('refuses point sets that do not determine a homography', () => {
    const square: Point2[] = [[0, 0], [10, 0], [10, 10], [0, 10]];
    expect(() => estimateHomography(square.slice(0, 3), square.slice(0, 3))).toThrow(
      expect.objectContaining({ code: 'E_DEGENERATE_HOMOGRAPHY' }),
    );
    const line: Point2[] = [[0, 0], [1, 1], [2, 2], [3, 3], [4, 4]];
    expect(() => estimateHomography(line, square.concat([[5, 5]]))).toThrow(
      expect.objectContaining({ code: 'E_DEGENERATE_HOMOGRAPHY' }),
    );
    const threeCollinear: Point2[] = [[0, 0], [5, 0], [10, 0], [0, 10]];
    expect(() => estimateHomography(threeCollinear, square)).toThrow(expect.objectContaining({ code: 'E_DEGENERATE_HOMOGRAPHY' }));
    const repeated: Point2[] = [[0, 0], [0, 0], [10, 10], [10, 10]];
    expect(() => estimateHomography(repeated, square)).toThrow(expect.objectContaining({ code: 'E_DEGENERATE_HOMOGRAPHY' }));
  });

  it('rejects malformed arguments with E_ARGUMENT', () => {
    const square: Point2[] = [[0, 0], [10, 0], [10, 10], [0, 10]];
    expect(() => estimateHomography(square, square.slice(0, 3))).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => estimateHomography([[0, Number.NaN], ...square.slice(1)], square)).toThrow(
      expect.objectContaining({ code: 'E_ARGUMENT' }),
    );
  });
});
