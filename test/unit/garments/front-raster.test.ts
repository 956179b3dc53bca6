import { describe, expect, it } from '@jest/globals';
import { covered, rasterizeFront, rowRuns, toPixel, toWorld } from '../../../orchestrator/src/garments/front-raster.js';
import { uvIslands } from '../../../orchestrator/src/garments/uv-islands.js';
import { quadMesh, square } from './mesh-fixtures.js';

const UVS: [number, number][] = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [0.5, 0.5],
  [0.5, 0.5],
  [0.5, 0.5],
  [0.5, 0.5],
];

describe('front raster', () => {
  it('frames the faces with a 0.2 dm margin and covers the pixel centres inside them', () => {
    // a 1 dm square at 10 px/dm: x -0.2..1.2 -> 15 columns, pixel (2, 2) is world (0, 1)
    const mesh = quadMesh([square(0, 0, 1, 0, [0, 1, 2, 3])], UVS);
    const r = rasterizeFront(mesh, mesh.positions, () => true, uvIslands(mesh), 10);
    expect([r.width, r.height, r.x0, r.y0]).toEqual([15, 15, -0.2, 1.2]);
    expect(toPixel(r, [0, 1])).toEqual([2, 2]);
    expect(toWorld(r, 12, 12)).toEqual([1, 0]);
    let count = 0;
    for (let i = 0; i < r.face.length; i++) if (r.face[i] >= 0) count++;
    expect(count).toBe(11 * 11); // columns and rows 2..12
    expect(rowRuns(r, 7)).toEqual([[2, 12]]);
    expect([covered(r, 1, 7), covered(r, 2, 7), covered(r, -1, 7)]).toEqual([false, true, false]);
    // the UV is interpolated: pixel (7, 7) is the square's centre; (2, 12) its lower left corner
    const at = (x: number, y: number): number[] => [+r.u[y * r.width + x].toFixed(6), +r.v[y * r.width + x].toFixed(6)];
    expect(at(7, 7)).toEqual([0.5, 0.5]);
    expect(at(2, 12)).toEqual([0, 0]);
    expect(r.front[7 * r.width + 7]).toBe(1);
  });

  it('keeps the nearest surface (largest z) and marks back faces', () => {
    const mesh = quadMesh([square(0, 0, 1, 0.5, [4, 5, 6, 7]), square(0, 0, 1, 0, [0, 1, 2, 3]), square(2, 0, 1, 0, [0, 1, 2, 3], true)], UVS);
    const islands = uvIslands(mesh);
    const r = rasterizeFront(mesh, mesh.positions, () => true, islands, 10);
    const centre = 7 * r.width + 7;
    expect([r.face[centre], r.island[centre], r.u[centre]]).toEqual([0, islands[0], 0.5]); // the front square at z = 0.5 wins
    const back = 7 * r.width + 27;
    expect([r.face[back], r.front[back]]).toEqual([2, 0]);
    const onlySecond = rasterizeFront(mesh, mesh.positions, (f) => f === 1, islands, 10);
    expect(onlySecond.width).toBe(15);
    expect(onlySecond.face[7 * onlySecond.width + 7]).toBe(1);
  });
});
