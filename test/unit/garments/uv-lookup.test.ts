import type { Point2 } from '../../../orchestrator/src/geometry/point.js';
import { describe, expect, it } from '@jest/globals';
import { dominantIsland, nearestUv, partPixels, uvRegions } from '../../../orchestrator/src/garments/uv-lookup.js';
import { rasterFromArt } from './raster-art.js';

// 1 px per dm, world (x, -y) = pixel (x, y); polygon corners on half pixels so every pixel is clearly in or out
const ART = [
  '0000111111', //
  '0000111111',
  'aaaa111111', // back faces of island 0 (the inside of the garment)
  '0000111111',
];
const BOX: Point2[] = [
  [-0.5, 0.5],
  [9.5, 0.5],
  [9.5, -3.5],
  [-0.5, -3.5],
];

describe('UV lookup under a part', () => {
  it('picks the island covering most of the polygon (front faces only) and its share', () => {
    const r = rasterFromArt(ART);
    // 12 front pixels of island 0, 24 of island 1
    expect(dominantIsland(r, BOX)).toEqual({ island: 1, share: 24 / 36 });
    const left: Point2[] = [
      [-0.5, 0.5],
      [3.5, 0.5],
      [3.5, -3.5],
      [-0.5, -3.5],
    ];
    expect(dominantIsland(r, left)).toEqual({ island: 0, share: 1 });
    expect(partPixels(r, left, 0)).toEqual([0, 1, 2, 3, 10, 11, 12, 13, 30, 31, 32, 33]);
    expect(dominantIsland(rasterFromArt(['....']), left)).toEqual({ island: -1, share: 0 });
  });

  it('splits a part\'s pixels where the UV map jumps (a seam) and keeps the largest piece', () => {
    // one island, but u jumps by 0.5 between columns 5 and 6
    const r = rasterFromArt(['11111111', '11111111'], { uv: (x) => [x < 6 ? x * 0.01 : 0.5 + x * 0.01, 0.5] });
    const all = partPixels(r, [[-0.5, 0.5], [7.5, 0.5], [7.5, -1.5], [-0.5, -1.5]], 1);
    const { main, secondShare } = uvRegions(r, all);
    expect(main).toEqual([0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13]);
    expect(secondShare).toBe(4 / 16);
    expect(uvRegions(r, [])).toEqual({ main: [], secondShare: 0 });
  });

  it('reads the UV of the nearest candidate pixel, else of the nearest pixel of the island', () => {
    const r = rasterFromArt(ART);
    // pixel (x, y) has u = x / 100, v = 1 - y / 40
    expect(nearestUv(r, [9, -3], undefined, 0)).toEqual([r.u[33], r.v[33]]); // nearest island-0 pixel: (3, 3)
    expect(nearestUv(r, [9, -3], [0, 1], 0)).toEqual([r.u[1], r.v[1]]);
    expect(nearestUv(r, [0, 0], [], 0)).toEqual([0, 0]);
  });
});
