/**
 * Small procedural meshes: an axis-aligned box (each face mapped to the full texture) and a
 * horizontal ground plane with tiled UVs. Used for the ground, tests and previews.
 */
import type { Vec3 } from '../geometry/mat4.js';
import type { MeshData } from './rasterizer.js';

// Faces as (normal, u axis, v axis); v runs down the texture, so v axis points down the face.
const FACES: { n: Vec3; u: Vec3; v: Vec3 }[] = [
  { n: [0, 0, 1], u: [1, 0, 0], v: [0, -1, 0] },
  { n: [0, 0, -1], u: [-1, 0, 0], v: [0, -1, 0] },
  { n: [1, 0, 0], u: [0, 0, -1], v: [0, -1, 0] },
  { n: [-1, 0, 0], u: [0, 0, 1], v: [0, -1, 0] },
  { n: [0, 1, 0], u: [1, 0, 0], v: [0, 0, 1] },
  { n: [0, -1, 0], u: [1, 0, 0], v: [0, 0, -1] },
];

/**
 * A box of `sizeM` (x, y, z metres) centred at `centerM`, 24 vertices and 12 counter-clockwise
 * triangles; every face shows the whole texture, upright for the four side faces.
 */
export function createBoxMesh(sizeM: Vec3, centerM: Vec3 = [0, 0, 0]): MeshData {
  const positions = new Float32Array(24 * 3);
  const normals = new Float32Array(24 * 3);
  const uvs = new Float32Array(24 * 2);
  const indices = new Uint16Array(36);
  const half: Vec3 = [sizeM[0] / 2, sizeM[1] / 2, sizeM[2] / 2];
  FACES.forEach((face, f) => {
    const corners: [number, number][] = [
      [-1, -1],
      [1, -1],
      [1, 1],
      [-1, 1],
    ];
    corners.forEach(([su, sv], k) => {
      const i = f * 4 + k;
      for (let a = 0; a < 3; a++) {
        positions[i * 3 + a] = centerM[a] + half[a] * (face.n[a] + face.u[a] * su + face.v[a] * sv);
        normals[i * 3 + a] = face.n[a];
      }
      uvs[i * 2] = (su + 1) / 2;
      uvs[i * 2 + 1] = (sv + 1) / 2;
    });
    // (u, v) = (-,-) (+,-) (+,+) (-,+): u right and v down on the face seen from outside is
    // clockwise in (u, up) terms, so wind 0-2-1 / 0-3-2 to get counter-clockwise front faces.
    indices.set([f * 4, f * 4 + 2, f * 4 + 1, f * 4, f * 4 + 3, f * 4 + 2], f * 6);
  });
  return { positions, normals, uvs, indices };
}

/**
 * A ground plane at height `yM` covering [-halfSizeM, halfSizeM]^2 around `centerXZ`, facing
 * +Y, whose texture repeats every `tileM` metres.
 */
export function createGroundMesh(halfSizeM: number, tileM: number, centerXZ: [number, number] = [0, 0], yM = 0): MeshData {
  const [cx, cz] = centerXZ;
  const x0 = cx - halfSizeM, x1 = cx + halfSizeM, z0 = cz - halfSizeM, z1 = cz + halfSizeM;
  const positions = new Float32Array([x0, yM, z0, x1, yM, z0, x1, yM, z1, x0, yM, z1]);
  const normals = new Float32Array([0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0]);
  const uvs = new Float32Array([x0 / tileM, z0 / tileM, x1 / tileM, z0 / tileM, x1 / tileM, z1 / tileM, x0 / tileM, z1 / tileM]);
  // Seen from above (+Y), x right and z towards the viewer: 0-3-2 and 0-2-1 are counter-clockwise.
  const indices = new Uint16Array([0, 3, 2, 0, 2, 1]);
  return { positions, normals, uvs, indices };
}
