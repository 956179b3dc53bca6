import { describe, expect, it } from '@jest/globals';
import { splitPieces } from '../../../orchestrator/src/garments/garment-pieces.js';
import { uvIslands } from '../../../orchestrator/src/garments/uv-islands.js';
import type { CompiledWeights } from '../../../orchestrator/src/makehuman/skeleton-weights.js';
import type { Skeleton } from '../../../orchestrator/src/makehuman/skeleton.js';
import { quadMesh, square } from './mesh-fixtures.js';

describe('UV islands', () => {
  it('joins faces that share a texture vertex, directly or through others; a face without UVs is alone', () => {
    const mesh = quadMesh(
      [square(0, 0, 1, 0, [0, 1, 2, 3]), square(1, 0, 1, 0, [1, 4, 5, 2]), square(5, 0, 1, 0, [6, 7, 8, 9]), square(2, 0, 1, 0, [4, 10, 11, 5]), square(9, 9, 1, 0, [-1, -1, -1, -1])],
      Array.from({ length: 12 }, (_, i) => [i / 12, 0]),
    );
    // faces 0-1-3 chain through shared UVs 1, 2 and 4, 5
    expect(Array.from(uvIslands(mesh))).toEqual([0, 0, 1, 0, 2]);
  });
});

describe('top and bottom pieces', () => {
  // one joint per vertex (a single influence): joint 0 spine (upper body), 1 upperleg.L (lower)
  const skeleton = { name: 't', bones: [{ name: 'spine03' }, { name: 'upperleg01.L' }], index: new Map([['spine03', 0], ['upperleg01.L', 1]]) } as unknown as Skeleton;
  const influences = (jointPerFace: number[]): CompiledWeights => ({
    influences: 1,
    joints: Uint16Array.from(jointPerFace.flatMap((j) => [j, j, j, j])),
    weights: new Float32Array(jointPerFace.length * 4).fill(1),
  });

  it('puts an island in the bottom when at least 30% of its faces are bound mostly to hips and legs', () => {
    // island 0: 10 faces, 3 on the leg (30%) -> bottom; island 1: 10 faces, 2 on the leg (20%) -> top
    const quads = Array.from({ length: 20 }, (_, f) => square(f, 0, 1, 0, f < 10 ? [0, 1, 2, 3] : [4, 5, 6, 7]));
    const mesh = quadMesh(quads, Array.from({ length: 8 }, () => [0, 0]));
    const joints = Array.from({ length: 20 }, (_, f) => ((f < 10 && f < 3) || (f >= 10 && f < 12) ? 1 : 0));
    const pieces = splitPieces(mesh, mesh.positions, influences(joints), skeleton, uvIslands(mesh));
    expect(Array.from(pieces)).toEqual([...new Array<number>(10).fill(1), ...new Array<number>(10).fill(0)]);
  });

  it('gives an island under 5% of the faces the piece of the nearest large-island vertex', () => {
    // 20 top faces at y = 10, 20 bottom faces at y = 0, one small island (whatever its bones) at y = 1
    const top = Array.from({ length: 20 }, (_, f) => square(f, 10, 1, 0, [0, 1, 2, 3]));
    const bottom = Array.from({ length: 20 }, (_, f) => square(f, 0, 1, 0, [4, 5, 6, 7]));
    const mesh = quadMesh([...top, ...bottom, square(3, 1.5, 0.5, 0, [8, 9, 10, 11])], Array.from({ length: 12 }, () => [0, 0]));
    const joints = [...new Array<number>(20).fill(0), ...new Array<number>(20).fill(1), 0];
    const pieces = splitPieces(mesh, mesh.positions, influences(joints), skeleton, uvIslands(mesh));
    expect(pieces[40]).toBe(1);
    expect(Array.from(pieces.slice(0, 40))).toEqual([...new Array<number>(20).fill(0), ...new Array<number>(20).fill(1)]);
  });
});
