/**
 * The bottom's landmarks on trousers and a skirt drawn as front rasters (1 px per dm;
 * x = column - 5, y = 10 - row), with their open-edge loops given by hand.
 */
import { describe, expect, it } from '@jest/globals';
import type { DerivationJoints, V3 } from '../../../orchestrator/src/garments/body-joints.js';
import { bottomLandmarks, centreLine, kneeSections, legHems, waistband } from '../../../orchestrator/src/garments/bottom-landmarks.js';
import type { EdgeVertex } from '../../../orchestrator/src/garments/edge-regions.js';
import { rasterFromArt } from './raster-art.js';

const TROUSERS = rasterFromArt(
  [
    '..#######..', // y 10: waistband x -3..3
    '..#######..', // y 9
    '..###.###..', // y 8: the legs part below the crotch
    '..##...##..', // y 7
    '..##...##..', // y 6: knee row
    '..##...##..', // y 5
    '..##...##..', // y 4: hems
  ],
  { x0: -5, y0: 10 },
);

function joints(kneeY: number): DerivationJoints {
  const pair = (x: number, y: number): [V3, V3] => [
    [-x, y, 0],
    [x, y, 0],
  ];
  return { neckBase: [0, 16, 0], head: [0, 18, 0], root: [0, 12, 0], shoulder: pair(3, 15), elbow: pair(5, 15), wrist: pair(7, 15), hip: pair(1, 8.5), knee: pair(2.5, kneeY), ankle: pair(2.5, 0) };
}

const loop = (index: number, region: EdgeVertex['region'], points: V3[]): EdgeVertex[] => points.map((p) => ({ p, region, loop: index }));
const WAIST = loop(0, 'torso', [
  [-3, 10, 0],
  [3, 10, 0],
  [0, 10, 0.5],
  [0, 10.1, -0.5],
]);
/** A hem ring of 6 vertices around a leg between x `a` (outer) and `b`, lowest at y 3.9. */
const hem = (index: number, region: EdgeVertex['region'], a: number, b: number): EdgeVertex[] =>
  loop(index, region, [
    [a, 4, 0],
    [(a + b) / 2, 4, 0.3],
    [b, 4, 0],
    [(a + b) / 2, 4, -0.3],
    [a + (b - a) * 0.2, 4.1, 0.2],
    [a + (b - a) * 0.8, 3.9, -0.2],
  ]);
const LOOPS = [WAIST, hem(1, 'legR', -3, -2), hem(2, 'legL', 3, 2)];

describe('bottom landmarks', () => {
  it('finds the waistband, the crotch and the waist centre down x = 0', () => {
    expect(waistband(LOOPS.flat(), joints(6), 'pants')).toEqual({ topY: 10.1, right: [-3, 10], left: [3, 10] });
    expect(centreLine(TROUSERS, 10.1)).toEqual({ end: [0, 9], waistCentre: [0, 10] });
  });

  it('finds each leg\'s hem ring and the knee run', () => {
    expect(legHems(LOOPS, 'pants')).toEqual([
      { outer: [-3, 4], inner: [-2, 4], y: 3.9 },
      { outer: [3, 4], inner: [2, 4], y: 3.9 },
    ]);
    expect(kneeSections(TROUSERS, joints(6), 'pants')).toEqual([
      { outer: [-3, 6], inner: [-2, 6] },
      { outer: [3, 6], inner: [2, 6] },
    ]);
  });

  it('makes trousers (8) when the hems are below the knees, shorts (7) when above', () => {
    expect(bottomLandmarks(TROUSERS, LOOPS, joints(6), 'pants')).toEqual({
      category: 8,
      points: [
        [-3, 10], // 1 right waist
        [0, 10], // 2 waist centre
        [3, 10], // 3 left waist
        [3, 9], // 4 left side, in the crotch row
        [3, 6], // 5 left knee outer
        [3, 4], // 6-7 left hem outer, inner
        [2, 4],
        [2, 6], // 8 left knee inner
        [0, 9], // 9 crotch
        [-2, 6], // 10 right knee inner
        [-2, 4], // 11-12 right hem inner, outer
        [-3, 4],
        [-3, 6], // 13 right knee outer
        [-3, 9], // 14 right side
      ],
    });
    const shorts = bottomLandmarks(TROUSERS, LOOPS, joints(2), 'pants');
    expect(shorts.category).toBe(7);
    expect(shorts.points).toEqual([
      [-3, 10],
      [0, 10],
      [3, 10],
      [3, 9],
      [3, 4],
      [2, 4],
      [0, 9],
      [-2, 4],
      [-3, 4],
      [-3, 9],
    ]);
  });

  it('makes a skirt (9) when the centre line runs down to the hem', () => {
    const skirt = rasterFromArt(['..#######..', '..#######..', '..#######..', '..#######..'], { x0: -5, y0: 10 });
    const hemRing = loop(1, 'legR', [
      [-3, 7, 0],
      [3, 7, 0],
      [0, 7, 0.5],
    ]);
    expect(bottomLandmarks(skirt, [WAIST, hemRing], joints(6), 'skirt')).toEqual({
      category: 9,
      // waist right, left; left side halfway down (row 1.45 -> 1: y 9); hem left, front centre, hem right; right side
      points: [
        [-3, 10],
        [3, 10],
        [3, 9],
        [3, 7],
        [0, 7],
        [-3, 7],
        [-3, 9],
      ],
    });
  });

  it('says when a leg end is missing', () => {
    expect(() => bottomLandmarks(TROUSERS, [WAIST, hem(1, 'legR', -3, -2)], joints(6), 'pants')).toThrow(
      'characters: pants: cannot locate a trouser leg end on the fitted garment; add a correction',
    );
  });
});
