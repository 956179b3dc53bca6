/**
 * The top's landmarks on a T-shirt drawn as a front raster (1 px per dm; x = column - 7,
 * y = 12 - row): shoulders x -4..4 at the top, sleeves out to x = +-6 in rows 2-4, the torso
 * x -3..3 down to y = 5.
 */
import { describe, expect, it } from '@jest/globals';
import type { DerivationJoints, V3 } from '../../../orchestrator/src/garments/body-joints.js';
import type { EdgeVertex } from '../../../orchestrator/src/garments/edge-regions.js';
import { crossSection, rowExtremes, torsoColumns, torsoEndsAt } from '../../../orchestrator/src/garments/raster-sections.js';
import { armpitPoints, hemHeight, necklinePoints, shoulderPoints, sleeveCuffs, topLandmarks } from '../../../orchestrator/src/garments/top-landmarks.js';
import { rasterFromArt } from './raster-art.js';

const SHIRT = rasterFromArt(
  [
    '...............', // y 12
    '...#########...', // y 11: x -4..4
    '.#############.', // y 10: x -6..6
    '.#############.', // y 9
    '.##.#######.##.', // y 8: sleeves apart from the torso
    '....#######....', // y 7: torso x -3..3
    '....#######....', // y 6
    '....#######....', // y 5
    '...............', // y 4
  ],
  { x0: -7, y0: 12 },
);

/** Shoulders at (+-3, 9); elbows and wrists along y = 9 at +-`elbow` and +-`wrist`. */
function joints(elbow: number, wrist: number): DerivationJoints {
  const pair = (x: number, y: number): [V3, V3] => [
    [-x, y, 0],
    [x, y, 0],
  ];
  return { neckBase: [0, 11, 0], head: [0, 13, 0], root: [0, 5, 0], shoulder: pair(3, 9), elbow: pair(elbow, 9), wrist: pair(wrist, 9), hip: pair(1, 4), knee: pair(1, 2), ankle: pair(1, 0) };
}

const edge = (p: V3, region: EdgeVertex['region']): EdgeVertex => ({ p, region, loop: 0 });
/** The neckline ring (two sides, the front bottom of a V, a back point), a hem point and a cuff point. */
const EDGES: EdgeVertex[] = [
  edge([-1, 11.5, 0], 'neck'),
  edge([1, 11.5, 0], 'neck'),
  edge([0.2, 11, 0.5], 'torso'),
  edge([0, 11.2, -0.5], 'torso'),
  edge([-3, 5, 0], 'torso'),
  edge([-6, 10, 0], 'armR'),
];

describe('raster sections', () => {
  it('measures rows, torso ends and cross-sections of a raster', () => {
    const j = joints(6, 9);
    expect(torsoColumns(SHIRT, j)).toEqual([6, 9]); // x = -1.5 and 1.5, rounded half up
    expect(rowExtremes(SHIRT, 9, 'shirt')).toEqual([
      [-6, 9],
      [6, 9],
    ]);
    // in the sleeve row the torso's run is the middle one
    expect(torsoEndsAt(SHIRT, 8, j, 'shirt')).toEqual([
      [-3, 8],
      [3, 8],
    ]);
    expect(crossSection(SHIRT, [-6, 9], [0, 1])).toEqual({ outer: [-6, 10], inner: [-6, 8] });
    expect(() => rowExtremes(SHIRT, 4, 'shirt')).toThrow('characters: shirt: cannot locate the garment at height 4.00 dm on the fitted garment; add a correction');
  });
});

describe('top landmarks', () => {
  it('finds shoulders, armpits, neckline and hem', () => {
    const j = joints(6, 9);
    expect(shoulderPoints(SHIRT, j, 'shirt')).toEqual([
      [-3, 11],
      [3, 11],
    ]);
    expect(armpitPoints(SHIRT, j, 'shirt')).toEqual([
      [-3, 8],
      [3, 8],
    ]);
    // above the armpits and within 1.2 dm of the neck line: the sides by x, the centre in front
    expect(necklinePoints(EDGES, j, 8, 'shirt')).toEqual({ right: [-1, 11.5], centre: [0.2, 11], left: [1, 11.5] });
    expect(hemHeight(SHIRT, j, 'shirt')).toBe(5);
  });

  it('walks the sleeves to their ends; they are short when they end before the elbow + 30% of the forearm', () => {
    // sleeve ends 3 dm from the shoulder; elbow at 3, wrist at 6: long would need more than 3.9
    const short = sleeveCuffs(SHIRT, joints(6, 9), 'shirt');
    expect(short.map((s) => [s.outer, s.inner, s.along, s.elbowAlong, s.wristAlong])).toEqual([
      [[-6, 10], [-6, 8], 3, 3, 6],
      [[6, 10], [6, 8], 3, 3, 6],
    ]);
    expect(short[0].across).toEqual([0, 1]);
  });

  it('lists a short-sleeve top\'s 15 landmarks in the ClonedPerson order', () => {
    const { category, points } = topLandmarks(SHIRT, EDGES, joints(6, 9), 'shirt');
    expect(category).toBe(1);
    expect(points).toEqual([
      [-3, 11], // 1 right shoulder
      [-1, 11.5], // 2-4 neck right, centre, left
      [0.2, 11],
      [1, 11.5],
      [3, 11], // 5 left shoulder
      [6, 10], // 6-7 left cuff outer, inner
      [6, 8],
      [3, 8], // 8 left armpit
      [3, 6], // 9 left waist: halfway between armpit (8) and hem (5), row 6.5 rounds to y 6
      [3, 5], // 10-11 hem left, right (0.1 dm above the hem row, which rounds to it)
      [-3, 5],
      [-3, 6], // 12 right waist
      [-3, 8], // 13 right armpit
      [-6, 8], // 14-15 right cuff inner, outer
      [-6, 10],
    ]);
  });

  it('makes the top long-sleeved when the sleeve passes the elbow, with elbow sections', () => {
    // elbow at 2 dm, wrist at 4 dm from the shoulder: the 3 dm sleeve passes 2 + 0.6
    const { category, points } = topLandmarks(SHIRT, EDGES, joints(5, 7), 'shirt');
    expect(category).toBe(2);
    expect(points).toHaveLength(19);
    expect([points[5], points[8], points[15], points[18]]).toEqual([
      [5, 10], // 6 left elbow outer
      [5, 8], // 9 left elbow inner
      [-5, 8], // 16 right elbow inner
      [-5, 10], // 19 right elbow outer
    ]);
  });

  it('says which landmark it cannot find', () => {
    const empty = rasterFromArt(['.....', '.....'], { x0: -7, y0: 12 });
    expect(() => shoulderPoints(empty, joints(6, 9), 'shirt')).toThrow('characters: shirt: cannot locate a shoulder on the fitted garment; add a correction');
    expect(() => necklinePoints(EDGES, joints(6, 9), 12, 'shirt')).toThrow(/cannot locate the neckline/);
  });
});
