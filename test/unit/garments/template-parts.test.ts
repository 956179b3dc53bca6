/**
 * Parts and UV keypoints on rasters whose UV islands each have one constant UV, so every
 * keypoint's canvas position is its island's, and landmarks placed on half pixels so each
 * part polygon covers whole pixels.
 */
import type { Point2 } from '../../../orchestrator/src/geometry/point.js';
import { describe, expect, it } from '@jest/globals';
import type { FrontRaster } from '../../../orchestrator/src/garments/front-raster.js';
import { templateParts } from '../../../orchestrator/src/garments/template-parts.js';
import { torsoCellBox } from '../../../orchestrator/src/garments/cell-box.js';

/** A `width` x `height` raster at 1 px per dm, world (x, y) = pixel (x, 20 - y), islands by column. */
function raster(width: number, height: number, islandAt: (x: number) => number, uvOf: Record<number, [number, number]>, uvAt?: (x: number) => [number, number]): FrontRaster {
  const n = width * height;
  const r: FrontRaster = { width, height, x0: 0, y0: 20, pxPerDm: 1, face: new Int32Array(n), u: new Float32Array(n), v: new Float32Array(n), island: new Int32Array(n), front: new Uint8Array(n).fill(1) };
  for (let i = 0; i < n; i++) {
    const island = islandAt(i % width);
    r.face[i] = island < 0 ? -1 : i;
    r.island[i] = island;
    if (island >= 0) [r.u[i], r.v[i]] = uvAt ? uvAt(i % width) : uvOf[island];
  }
  return r;
}

/** Pixel (x, y) as a world point. */
const px = (x: number, y: number): Point2 => [x, 20 - y];

// islands: right sleeve 1 (columns 0-9), torso 0 (10-19), left sleeve 2 (20-29)
const UV: Record<number, [number, number]> = { 0: [0.5, 0.5], 1: [0.2, 0.8], 2: [0.8, 0.75], 3: [0.25, 0.25] };
const TOP = raster(30, 20, (x) => (x < 10 ? 1 : x < 20 ? 0 : 2), UV);
// short-sleeve top landmarks: 1, 13 on the right sleeve's border, 5, 8 on the left one's
const TOP_POINTS: Point2[] = [
  px(9.5, 0.5), // 1
  px(12.5, 0.5), // 2
  px(14.5, 2.5), // 3
  px(16.5, 0.5), // 4
  px(19.5, 0.5), // 5
  px(29.5, 0.5), // 6
  px(29.5, 10.5), // 7
  px(19.5, 10.5), // 8
  px(19.5, 15), // 9 (in no part)
  px(19.5, 19.5), // 10
  px(9.5, 19.5), // 11
  px(9.5, 15), // 12 (in no part)
  px(9.5, 10.5), // 13
  px(-0.5, 10.5), // 14
  px(-0.5, 0.5), // 15
];
const BOTTOM = raster(20, 20, () => 3, UV);
const SHORTS_POINTS: Point2[] = [px(2.5, 0.5), px(10.5, 0.5), px(18.5, 0.5), px(18.5, 10.5), px(18.5, 18.5), px(12.5, 18.5), px(10.5, 10.5), px(8.5, 18.5), px(2.5, 18.5), px(2.5, 10.5)];

describe('template parts and UV keypoints', () => {
  it('gives each part its island\'s UV; a landmark on a seam gets one keypoint per island, shared within one', () => {
    const notes: string[] = [];
    const out = templateParts(
      [
        { raster: TOP, points: TOP_POINTS, category: 1 },
        { raster: BOTTOM, points: SHORTS_POINTS, category: 7 },
      ],
      1000,
      notes,
    );
    expect(notes).toEqual([]);
    expect(out.parts).toEqual([
      { garment: 0, landmarks: [1, 2, 3, 4, 5, 8, 10, 11, 13], uv: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
      { garment: 0, landmarks: [5, 6, 7, 8], uv: [10, 11, 12, 13] },
      { garment: 0, landmarks: [13, 14, 15, 1], uv: [14, 15, 16, 17] },
      // shorts: the second leg shares landmarks 2 and 7 (same island) with the first
      { garment: 1, landmarks: [1, 2, 7, 8, 9, 10], uv: [18, 19, 20, 21, 22, 23] },
      { garment: 1, landmarks: [2, 3, 4, 5, 6, 7], uv: [19, 24, 25, 26, 27, 20] },
    ]);
    // x = u 1000, y = (1 - v) 1000
    expect(out.uvKeypoints.slice(0, 10)).toEqual([...new Array<[number, number]>(9).fill([500, 500]), [800, 250]]);
    expect(out.uvKeypoints[13]).toEqual([200, 200]);
    expect(out.uvKeypoints[17]).toEqual([250, 750]);
    expect(out.keypointSources[9]).toEqual({ garment: 0, landmark: 5, island: 2 });
    expect(torsoCellBox(out.parts, out.uvKeypoints, 1000)).toEqual([25, 25, 25, 25]);
  });

  it('notes parts over no island (skipped); maps a long-sleeve torso split in UV as two halves', () => {
    const notes: string[] = [];
    // torso columns 10-14 island 0, 15-19 island 4: the torso is split down the middle
    const split = raster(30, 20, (x) => (x < 10 ? -1 : x < 15 ? 0 : x < 20 ? 4 : -1), { 0: [0.5, 0.5], 4: [0.6, 0.5] });
    // the sleeves' own landmarks far out to each side, where the raster has no island
    const points: Point2[] = Array.from({ length: 20 }, (_, i) => (i + 1 >= 16 ? px(-20, 5) : px(45, 5)));
    Object.assign(points, {
      0: px(9.5, 0.5), // 1
      1: px(12.5, 0.5), // 2
      2: px(14.5, 0.5), // 3 neck centre, on the split
      3: px(16.5, 0.5), // 4
      4: px(19.5, 0.5), // 5
      9: px(19.5, 10.5), // 10
      11: px(19.5, 19.5), // 12
      12: px(9.5, 19.5), // 13
      14: px(9.5, 10.5), // 15
      19: px(14.5, 19.5), // 20 derived hem centre, on the split
    });
    const out = templateParts(
      [
        { raster: split, points, category: 2 },
        { raster: BOTTOM, points: [px(0.5, 0.5), px(8.5, 0.5), px(8.5, 8.5), px(1.5, 9.5), px(0.5, 8.5), px(0.5, 4.5), px(0.5, 3.5), px(4.5, 0.5)], category: 9 },
      ],
      1000,
      notes,
    );
    expect(out.parts.filter((p) => p.garment === 0).map((p) => p.landmarks)).toEqual([
      [1, 2, 3, 20, 13, 15],
      [3, 4, 5, 10, 12, 20],
    ]);
    expect(out.uvKeypoints[0]).toEqual([500, 500]);
    expect(out.uvKeypoints[6]).toEqual([600, 500]); // the second half's first landmark, 3, on island 4
    expect(notes).toEqual([
      "the torso's front is split in UV (seam or separate islands); mapped as two halves",
      'part [10 5 6 9] of garment 0 covers no UV island; skipped',
      'part [9 6 7 8] of garment 0 covers no UV island; skipped',
      'part [1 15 16 19] of garment 0 covers no UV island; skipped',
      'part [19 16 17 18] of garment 0 covers no UV island; skipped',
    ]);
  });

  it('notes a part crossed by a UV seam and keeps the larger side for its keypoints', () => {
    const notes: string[] = [];
    // one island whose u jumps between columns 6 and 7: 0.2 left of it, 0.7 right
    const seamed = raster(20, 20, () => 3, UV, (x) => (x < 7 ? [0.2, 0.25] : [0.7, 0.25]));
    const out = templateParts([{ raster: TOP, points: TOP_POINTS, category: 1 }, { raster: seamed, points: SHORTS_POINTS, category: 7 }], 1000, notes);
    // the first leg [1 2 7 8 9 10] covers 72 pixels left of the seam (columns 3-6, rows 1-18) and 64 right of it
    // (columns 7-10, narrowing below row 10): a second region of 47% > 15%; the second leg (columns 11-18) is all right
    expect(notes).toEqual(['part [1 2 7 8 9 10] of garment 1 crosses a UV seam (100% on one island); its mapping will be distorted']);
    expect(out.parts[3].uv.map((k) => out.uvKeypoints[k - 1])).toEqual(new Array<[number, number]>(6).fill([200, 750]));
    expect(out.parts[4].uv.map((k) => out.uvKeypoints[k - 1])).toEqual(new Array<[number, number]>(6).fill([700, 750]));
  });
});
