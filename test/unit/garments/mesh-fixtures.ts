/** Tiny meshes for the garment derivation tests, built as ObjMesh values (MakeHuman's quad layout). */
import type { ObjMesh } from '../../../orchestrator/src/makehuman/obj-parser.js';

type V3 = [number, number, number];

export interface QuadSpec {
  /** Corner positions, counter-clockwise seen from the front for a front face. */
  corners: [V3, V3, V3, V3];
  /** Corner UVs; quads that share a UV index are on one island. */
  uvs: [number, number, number, number];
}

/** A mesh of separate quads (4 own vertices each) with the given UV indices into `uvs` (u, v pairs). */
export function quadMesh(quads: readonly QuadSpec[], uvs: readonly [number, number][]): ObjMesh {
  return {
    positions: Float32Array.from(quads.flatMap((q) => q.corners.flat())),
    uvs: Float32Array.from(uvs.flat()),
    faceVerts: Int32Array.from(quads.flatMap((_, f) => [0, 1, 2, 3].map((c) => f * 4 + c))),
    faceUvs: Int32Array.from(quads.flatMap((q) => q.uvs)),
    faceSizes: new Uint8Array(quads.length).fill(4),
    faceGroups: new Uint16Array(quads.length),
    groupNames: [''],
  };
}

/** A square quad in the z = `z` plane from (x, y) to (x + size, y + size), front facing unless `back`. */
export function square(x: number, y: number, size: number, z: number, uvs: [number, number, number, number], back = false): QuadSpec {
  const corners: [V3, V3, V3, V3] = [
    [x, y, z],
    [x + size, y, z],
    [x + size, y + size, z],
    [x, y + size, z],
  ];
  return { corners: back ? [corners[0], corners[3], corners[2], corners[1]] : corners, uvs: back ? [uvs[0], uvs[3], uvs[2], uvs[1]] : uvs };
}
