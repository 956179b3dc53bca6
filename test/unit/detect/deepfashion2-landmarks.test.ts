import { describe, expect, it } from '@jest/globals';
import { CLONEDPERSON_LANDMARK_COUNTS } from '../../../orchestrator/src/contracts/garment-categories.js';
import type { GarmentCategory } from '../../../orchestrator/src/contracts/garment-categories.js';
import { DEEPFASHION2_LAYOUTS, toClonedPersonLandmarks } from '../../../orchestrator/src/detect/importers/deepfashion2-landmarks.js';

/** A DeepFashion2 set whose point i (1-based) is [i, y]: the output then shows which points were taken. */
function indexed(count: number, y = 0): [number, number][] {
  return Array.from({ length: count }, (_, i) => [i + 1, y]);
}

/** DeepFashion2's flip pairs (its own table, as mmpose ships it): tops mirror 7..n around the hem centre, bottoms their waist and legs. */
const DF2_MIRROR_PAIRS: Partial<Record<GarmentCategory, [number, number][]>> = {
  1: [[2, 6], [3, 5], [7, 25], [9, 23], [10, 22], [12, 20], [14, 18], [15, 17]],
  7: [[1, 3], [4, 10], [5, 9], [6, 8]],
  8: [[1, 3], [4, 14], [5, 13], [6, 12], [7, 11], [8, 10]],
  9: [[1, 3], [4, 8], [5, 7]],
  10: [[2, 6], [7, 29], [9, 27], [12, 24], [17, 19]],
};

describe('DeepFashion2 -> ClonedPerson landmarks', () => {
  it('covers exactly the categories of the scheme with the scheme\'s counts', () => {
    const covered = Object.keys(DEEPFASHION2_LAYOUTS).map(Number).sort((a, b) => a - b);
    expect(covered).toEqual(Object.keys(CLONEDPERSON_LANDMARK_COUNTS).map(Number).sort((a, b) => a - b));
    for (const [category, layout] of Object.entries(DEEPFASHION2_LAYOUTS)) {
      expect(layout.order).toHaveLength(CLONEDPERSON_LANDMARK_COUNTS[Number(category) as GarmentCategory]!);
      expect(new Set(layout.order).size).toBe(layout.order.length);
      expect(Math.max(...layout.order)).toBeLessThanOrEqual(layout.count);
    }
  });

  it('uses DeepFashion2\'s mirror pairs', () => {
    for (const [category, pairs] of Object.entries(DF2_MIRROR_PAIRS)) {
      const mirror = DEEPFASHION2_LAYOUTS[Number(category) as GarmentCategory]!.mirror;
      for (const [a, b] of pairs) {
        expect([mirror(a), mirror(b)]).toEqual([b, a]);
      }
    }
  });

  it('keeps trousers and shorts in their own order and drops the skirt\'s waist centre', () => {
    // point i at x = i: the right waist (1) is left of the left waist (3), as the scheme draws it
    expect(toClonedPersonLandmarks(8, indexed(14))!.map(([x]) => x)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(toClonedPersonLandmarks(9, indexed(8))!.map(([x]) => x)).toEqual([1, 3, 4, 5, 6, 7, 8]);
  });

  it('picks shoulders, neckline, cuffs, armpits, waist and hems of a short-sleeve top', () => {
    // x = 100 - i puts point 25 left of point 7: the subject's right (25) on the image's left, read directly
    const facing = indexed(25).map(([i]) => [100 - i, 0] as [number, number]);
    expect(toClonedPersonLandmarks(1, facing)!.map(([x]) => 100 - x)).toEqual([25, 6, 4, 2, 7, 9, 10, 12, 14, 15, 17, 18, 20, 22, 23]);
    // drawn the other way round (x = i) it is read mirrored
    expect(toClonedPersonLandmarks(1, indexed(25))!.map(([x]) => x)).toEqual([7, 2, 4, 6, 25, 23, 22, 20, 18, 17, 15, 14, 12, 10, 9]);
  });

  it('refuses other counts and categories outside the scheme', () => {
    expect(toClonedPersonLandmarks(1, indexed(24))).toBeUndefined();
    expect(toClonedPersonLandmarks(4, indexed(39))).toBeUndefined();
  });
});
