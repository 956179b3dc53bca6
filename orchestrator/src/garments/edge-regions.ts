/** A garment piece's open-edge loops with every vertex's position and body region. */
import type { ObjMesh } from '../makehuman/obj-parser.js';
import { regionOf } from './body-joints.js';
import type { DerivationJoints, Region, V3 } from './body-joints.js';
import { openEdgeLoops } from './open-edges.js';

export interface EdgeVertex {
  p: V3;
  region: Region;
  /** Index of its loop. */
  loop: number;
}

/** The open-edge loops of the faces of `piece` (0 top, 1 bottom), their vertices placed and classified. */
export function pieceEdgeLoops(mesh: ObjMesh, positions: Float32Array, facePiece: Uint8Array, piece: 0 | 1, joints: DerivationJoints): EdgeVertex[][] {
  return openEdgeLoops(mesh, (f) => facePiece[f] === piece).map((loop, index) =>
    loop.map((v) => {
      const p: V3 = [positions[v * 3], positions[v * 3 + 1], positions[v * 3 + 2]];
      return { p, region: regionOf(p, joints), loop: index };
    }),
  );
}

/** The region most of a loop's vertices are in (ties: the first met). */
export function loopRegion(loop: readonly EdgeVertex[]): Region {
  const counts = new Map<Region, number>();
  for (const e of loop) counts.set(e.region, (counts.get(e.region) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0][0];
}
