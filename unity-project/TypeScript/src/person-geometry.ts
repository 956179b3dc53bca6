/**
 * A posed person in glTF world space, from the world matrices of its bones as Unity reports them
 * (Rig.WorldMatrices, converted with handedness.ts): the skinning matrices (bone world x inverse
 * bind), the keypoints and hips, the skinned vertices (for the amodal box) and the bounding
 * sphere, with the embedded player's definitions (render/pose-person.ts). Pure.
 */
import type { CharacterData } from './character-data.js';

export interface PersonGeometry {
  personId: number;
  /** 17 COCO keypoints, world xyz each (NaN where the rig lacks the point). */
  keypointsM: Float64Array;
  /** World position of the hips joint (the depth reference). */
  hipsM: [number, number, number];
  /** World vertex positions per primitive (xyz). */
  positions: Float32Array[];
  /** Bounding sphere (culling), as the embedded player computes it from the bind-space bounds. */
  centerM: [number, number, number];
  radiusM: number;
}

/** Skinning matrices (column-major, 16 per joint): joint world (glTF space) times inverse bind. */
export function skinningMatrices(data: CharacterData, jointWorld: Float64Array): Float64Array {
  const count = data.jointParents.length;
  const out = new Float64Array(count * 16);
  for (let j = 0; j < count; j++) {
    const a = j * 16;
    for (let c = 0; c < 4; c++) {
      for (let r = 0; r < 4; r++) {
        let sum = 0;
        for (let k = 0; k < 4; k++) sum += jointWorld[a + k * 4 + r] * data.inverseBind[a + c * 4 + k];
        out[a + c * 4 + r] = sum;
      }
    }
  }
  return out;
}

/** Linear blend skinning of bind-space `positions` into `out` (4 joints and weights per vertex). */
export function skinPositions(positions: Float32Array, joints: Uint16Array, weights: Float32Array, skin: Float64Array, out: Float32Array): Float32Array {
  const count = positions.length / 3;
  for (let i = 0; i < count; i++) {
    let x = 0, y = 0, z = 0;
    const px = positions[i * 3], py = positions[i * 3 + 1], pz = positions[i * 3 + 2];
    for (let k = 0; k < 4; k++) {
      const w = weights[i * 4 + k];
      if (w === 0) continue;
      const o = joints[i * 4 + k] * 16;
      x += w * (skin[o] * px + skin[o + 4] * py + skin[o + 8] * pz + skin[o + 12]);
      y += w * (skin[o + 1] * px + skin[o + 5] * py + skin[o + 9] * pz + skin[o + 13]);
      z += w * (skin[o + 2] * px + skin[o + 6] * py + skin[o + 10] * pz + skin[o + 14]);
    }
    out[i * 3] = x;
    out[i * 3 + 1] = y;
    out[i * 3 + 2] = z;
  }
  return out;
}

/**
 * The person's geometry. `positionM` is the ground point of the person in this step (the centre
 * of its bounding sphere stands above it); `buffers` are reused between steps when given.
 */
export function personGeometry(data: CharacterData, personId: number, positionM: readonly number[], jointWorld: Float64Array, buffers?: Float32Array[]): PersonGeometry {
  const skin = skinningMatrices(data, jointWorld);
  const place = (joint: number, p: readonly number[], out: Float64Array | number[], o: number): void => {
    const b = joint * 16;
    out[o] = skin[b] * p[0] + skin[b + 4] * p[1] + skin[b + 8] * p[2] + skin[b + 12];
    out[o + 1] = skin[b + 1] * p[0] + skin[b + 5] * p[1] + skin[b + 9] * p[2] + skin[b + 13];
    out[o + 2] = skin[b + 2] * p[0] + skin[b + 6] * p[1] + skin[b + 10] * p[2] + skin[b + 14];
  };
  const keypointsM = new Float64Array(17 * 3);
  data.keypoints.forEach((anchor, k) => {
    if (anchor) place(anchor.joint, anchor.positionM, keypointsM, k * 3);
    else keypointsM.fill(NaN, k * 3, k * 3 + 3);
  });
  const hips: [number, number, number] = [0, 0, 0];
  const hipJoint = data.humanoid.Hips ?? 0;
  place(hipJoint, [data.jointHeads[hipJoint * 3], data.jointHeads[hipJoint * 3 + 1], data.jointHeads[hipJoint * 3 + 2]], hips, 0);
  const positions = data.primitives.map((p, i) => skinPositions(p.positions, p.joints, p.weights, skin, buffers?.[i] ?? new Float32Array(p.positions.length)));
  const [bx0, by0, bz0] = data.boundsMin;
  const [bx1, by1, bz1] = data.boundsMax;
  return {
    personId,
    keypointsM,
    hipsM: hips,
    positions,
    centerM: [positionM[0], positionM[1] + (by0 + by1) / 2, positionM[2]],
    radiusM: 0.5 * Math.hypot(bx1 - bx0, by1 - by0, bz1 - bz0) * 1.15,
  };
}
