/**
 * Forward kinematics of a {@link PoseSkeleton}: local bone rotations (and the root's offset)
 * to model-space rotations and head positions, and to the column-major 4x4 joint matrices a
 * renderer skins with. Model space is the root bone's parent space (glTF: metres, +Y up, the
 * character facing +Z).
 */
import { quatMultiply, quatRotateVector } from './quaternion.js';
import type { Quat, Vec3Like } from './quaternion.js';
import type { PoseSkeleton } from './pose-skeleton.js';

export interface PoseGlobals {
  /** Model-space rotation per bone, 4 numbers each. */
  rotations: Float64Array;
  /** Model-space head position per bone, 3 numbers each. */
  positions: Float64Array;
}

/**
 * Model-space rotations and positions for local `rotations` (4 per bone) with the root bone
 * moved by `rootOffsetM` from its rest translation.
 */
export function poseGlobals(skeleton: PoseSkeleton, rotations: ArrayLike<number>, rootOffsetM: ArrayLike<number>, out?: PoseGlobals): PoseGlobals {
  const n = skeleton.bones.length;
  const result = out ?? { rotations: new Float64Array(n * 4), positions: new Float64Array(n * 3) };
  const r = result.rotations;
  const p = result.positions;
  const parentQ: Quat = [0, 0, 0, 1];
  const localQ: Quat = [0, 0, 0, 1];
  const q: Quat = [0, 0, 0, 1];
  const v: Vec3Like = [0, 0, 0];
  for (let b = 0; b < n; b++) {
    const bone = skeleton.bones[b];
    localQ[0] = rotations[b * 4];
    localQ[1] = rotations[b * 4 + 1];
    localQ[2] = rotations[b * 4 + 2];
    localQ[3] = rotations[b * 4 + 3];
    const t = bone.restTranslationM;
    const parent = bone.parent;
    if (parent < 0) {
      r.set(localQ, b * 4);
      p[b * 3] = t[0] + rootOffsetM[0];
      p[b * 3 + 1] = t[1] + rootOffsetM[1];
      p[b * 3 + 2] = t[2] + rootOffsetM[2];
      continue;
    }
    parentQ[0] = r[parent * 4];
    parentQ[1] = r[parent * 4 + 1];
    parentQ[2] = r[parent * 4 + 2];
    parentQ[3] = r[parent * 4 + 3];
    quatMultiply(q, parentQ, localQ);
    r.set(q, b * 4);
    quatRotateVector(v, parentQ, t);
    p[b * 3] = p[parent * 3] + v[0];
    p[b * 3 + 1] = p[parent * 3 + 1] + v[1];
    p[b * 3 + 2] = p[parent * 3 + 2] + v[2];
  }
  return result;
}

/** Column-major 4x4 model-space matrices (rotation + head position) of posed bones, 16 per bone. */
export function globalsToMatrices(globals: PoseGlobals, out: Float64Array): Float64Array {
  const n = globals.positions.length / 3;
  for (let b = 0; b < n; b++) {
    const x = globals.rotations[b * 4], y = globals.rotations[b * 4 + 1], z = globals.rotations[b * 4 + 2], w = globals.rotations[b * 4 + 3];
    const o = b * 16;
    const x2 = x + x, y2 = y + y, z2 = z + z;
    const xx = x * x2, xy = x * y2, xz = x * z2, yy = y * y2, yz = y * z2, zz = z * z2, wx = w * x2, wy = w * y2, wz = w * z2;
    out[o] = 1 - (yy + zz);
    out[o + 1] = xy + wz;
    out[o + 2] = xz - wy;
    out[o + 3] = 0;
    out[o + 4] = xy - wz;
    out[o + 5] = 1 - (xx + zz);
    out[o + 6] = yz + wx;
    out[o + 7] = 0;
    out[o + 8] = xz + wy;
    out[o + 9] = yz - wx;
    out[o + 10] = 1 - (xx + yy);
    out[o + 11] = 0;
    out[o + 12] = globals.positions[b * 3];
    out[o + 13] = globals.positions[b * 3 + 1];
    out[o + 14] = globals.positions[b * 3 + 2];
    out[o + 15] = 1;
  }
  return out;
}

/** The rest rotations of every bone, 4 per bone (the pose that leaves the character as bound). */
export function restRotations(skeleton: PoseSkeleton): Float64Array {
  const out = new Float64Array(skeleton.bones.length * 4);
  skeleton.bones.forEach((bone, b) => out.set(bone.restRotation, b * 4));
  return out;
}
