/**
 * Puts one person of a step into the world: the gait's joint matrices, skinned world-space
 * geometry, keypoint anchors and bounding sphere, written into per-person buffers that are
 * reused from step to step.
 */
import type { CharacterModel } from './character-model.js';
import { poseCharacter } from './gait.js';
import type { GaitRig, PoseInput } from './gait.js';
import type { PosedPerson } from './scene-view.js';
import { skinPrimitive } from './skinning.js';

export interface PoseBuffers {
  joints: Float64Array;
  positions: Float32Array[];
  normals: (Float32Array | null)[];
  keypoints: Float64Array;
}

/** Buffers for posing `model` (in SharedArrayBuffers when `shared`, for worker threads). */
export function createPoseBuffers(model: CharacterModel, shared = false): PoseBuffers {
  const f32 = (n: number): Float32Array => (shared ? new Float32Array(new SharedArrayBuffer(n * 4)) : new Float32Array(n));
  return {
    joints: new Float64Array(model.jointParents.length * 16),
    positions: model.primitives.map((p) => f32(p.positions.length)),
    normals: model.primitives.map((p) => (p.normals ? f32(p.normals.length) : null)),
    keypoints: shared ? new Float64Array(new SharedArrayBuffer(17 * 3 * 8)) : new Float64Array(17 * 3),
  };
}

/** Poses and skins `rig`'s character for `state` into `buffers`; returns the posed person. */
export function posePerson(rig: GaitRig, state: PoseInput, personId: number, buffers: PoseBuffers): PosedPerson {
  const model = rig.model;
  poseCharacter(rig, state, buffers.joints);
  model.primitives.forEach((primitive, i) => skinPrimitive(primitive, buffers.joints, buffers.positions[i], buffers.normals[i]));
  const m = buffers.joints;
  const place = (joint: number, p: readonly number[], out: Float64Array | number[], o: number): void => {
    const b = joint * 16;
    out[o] = m[b] * p[0] + m[b + 4] * p[1] + m[b + 8] * p[2] + m[b + 12];
    out[o + 1] = m[b + 1] * p[0] + m[b + 5] * p[1] + m[b + 9] * p[2] + m[b + 13];
    out[o + 2] = m[b + 2] * p[0] + m[b + 6] * p[1] + m[b + 10] * p[2] + m[b + 14];
  };
  model.keypoints.forEach((anchor, k) => {
    if (anchor) place(anchor.joint, anchor.positionM, buffers.keypoints, k * 3);
    else buffers.keypoints.fill(NaN, k * 3, k * 3 + 3);
  });
  const hips: [number, number, number] = [0, 0, 0];
  const hipJoint = model.humanoid.Hips ?? 0;
  place(hipJoint, [model.jointHeads[hipJoint * 3], model.jointHeads[hipJoint * 3 + 1], model.jointHeads[hipJoint * 3 + 2]], hips, 0);
  // Bounding sphere around the standing figure (generous: limbs swing).
  const [bx0, by0, bz0] = model.boundsMin;
  const [bx1, by1, bz1] = model.boundsMax;
  const radiusM = 0.5 * Math.hypot(bx1 - bx0, by1 - by0, bz1 - bz0) * 1.15;
  const centerM: [number, number, number] = [state.positionM[0], state.positionM[1] + (by0 + by1) / 2, state.positionM[2]];
  return {
    personId,
    model,
    positions: buffers.positions,
    normals: buffers.normals,
    keypointsM: buffers.keypoints,
    hipsM: hips,
    centerM,
    radiusM,
  };
}
