/**
 * Linear blend skinning: bind-space vertices -> world space with up to 4 joint influences per
 * vertex (the weighted sum of the joints' skinning matrices from gait.ts).
 */
import type { CharacterPrimitive } from './character-model.js';

/**
 * Skins one primitive. `jointMatrices` holds a column-major 4x4 per joint; writes xyz per
 * vertex to `outPositions` and (unnormalised) normals to `outNormals` when both exist.
 */
export function skinPrimitive(
  primitive: CharacterPrimitive,
  jointMatrices: Float64Array,
  outPositions: Float32Array,
  outNormals: Float32Array | null,
): void {
  const { positions, normals, joints, weights } = primitive;
  const count = positions.length / 3;
  const m = jointMatrices;
  const doNormals = normals !== null && outNormals !== null;
  for (let i = 0; i < count; i++) {
    const i4 = i * 4;
    let m0 = 0, m1 = 0, m2 = 0, m4 = 0, m5 = 0, m6 = 0, m8 = 0, m9 = 0, m10 = 0, m12 = 0, m13 = 0, m14 = 0;
    for (let k = 0; k < 4; k++) {
      const w = weights[i4 + k];
      if (w === 0) continue;
      const o = joints[i4 + k] * 16;
      m0 += w * m[o];
      m1 += w * m[o + 1];
      m2 += w * m[o + 2];
      m4 += w * m[o + 4];
      m5 += w * m[o + 5];
      m6 += w * m[o + 6];
      m8 += w * m[o + 8];
      m9 += w * m[o + 9];
      m10 += w * m[o + 10];
      m12 += w * m[o + 12];
      m13 += w * m[o + 13];
      m14 += w * m[o + 14];
    }
    const i3 = i * 3;
    const x = positions[i3], y = positions[i3 + 1], z = positions[i3 + 2];
    outPositions[i3] = m0 * x + m4 * y + m8 * z + m12;
    outPositions[i3 + 1] = m1 * x + m5 * y + m9 * z + m13;
    outPositions[i3 + 2] = m2 * x + m6 * y + m10 * z + m14;
    if (doNormals) {
      const nx = normals[i3], ny = normals[i3 + 1], nz = normals[i3 + 2];
      outNormals[i3] = m0 * nx + m4 * ny + m8 * nz;
      outNormals[i3 + 1] = m1 * nx + m5 * ny + m9 * nz;
      outNormals[i3 + 2] = m2 * nx + m6 * ny + m10 * nz;
    }
  }
}
