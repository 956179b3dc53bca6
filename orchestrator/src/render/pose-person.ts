/**
 * Puts one person of a step into the world: the pose module's walk pose (local bone rotations,
 * pose/walk-pose.ts, the same the Unity player applies) turned into joint matrices, skinned
 * world-space geometry, keypoint anchors and bounding sphere, written into per-person buffers
 * that are reused from step to step.
 */
import { mat4FromAxisAngle, mat4Multiply } from '../geometry/mat4.js';
import { globalsToMatrices, poseGlobals, restRotations } from '../pose/pose-kinematics.js';
import type { PoseGlobals } from '../pose/pose-kinematics.js';
import { walkPose } from '../pose/walk-pose.js';
import type { WalkPose } from '../pose/walk-pose.js';
import type { CharacterModel } from './character-model.js';
import type { PosedPerson } from './scene-view.js';
import { skinPrimitive } from './skinning.js';

export interface PoseInput {
  /** Ground point between the feet, world metres. */
  positionM: readonly [number, number, number];
  /** 0 = facing +Z, 90 = facing +X. */
  headingDeg: number;
  /** [0, 1): 0 = left heel strike. */
  walkPhase: number;
  speedMps: number;
  /** The person's gait variation (pose/walk-pose.ts `gaitSeed` of the character id). */
  personSeed?: number;
  /** `bind` keeps the character in its bind (rest) pose, placed in the world; default `walk`. */
  pose?: 'walk' | 'bind';
}

export interface PoseBuffers {
  joints: Float64Array;
  positions: Float32Array[];
  normals: (Float32Array | null)[];
  keypoints: Float64Array;
  walk: WalkPose;
  globals: PoseGlobals;
}

/** Buffers for posing `model` (in SharedArrayBuffers when `shared`, for worker threads). */
export function createPoseBuffers(model: CharacterModel, shared = false): PoseBuffers {
  const f32 = (n: number): Float32Array => (shared ? new Float32Array(new SharedArrayBuffer(n * 4)) : new Float32Array(n));
  const bones = model.skeleton.bones.length;
  return {
    joints: new Float64Array(model.jointParents.length * 16),
    positions: model.primitives.map((p) => f32(p.positions.length)),
    normals: model.primitives.map((p) => (p.normals ? f32(p.normals.length) : null)),
    keypoints: shared ? new Float64Array(new SharedArrayBuffer(17 * 3 * 8)) : new Float64Array(17 * 3),
    walk: { rotations: new Float64Array(bones * 4), rootOffsetM: [0, 0, 0] },
    globals: { rotations: new Float64Array(bones * 4), positions: new Float64Array(bones * 3) },
  };
}

const placement = new Float64Array(16);

/**
 * Skinning matrices of `model` for `state` into `buffers.joints` (16 per joint, column-major):
 * world placement (heading about +Y, then position) x posed joint x inverse bind matrix.
 */
export function poseJointMatrices(model: CharacterModel, state: PoseInput, buffers: PoseBuffers): Float64Array {
  const walk = buffers.walk;
  if (state.pose === 'bind') {
    walk.rotations.set(restRotations(model.skeleton));
    walk.rootOffsetM[0] = walk.rootOffsetM[1] = walk.rootOffsetM[2] = 0;
  } else {
    walkPose(model.skeleton, { walkPhase: state.walkPhase, speedMps: state.speedMps, ...(state.personSeed === undefined ? {} : { personSeed: state.personSeed }) }, walk);
  }
  poseGlobals(model.skeleton, walk.rotations, walk.rootOffsetM, buffers.globals);
  const joints = globalsToMatrices(buffers.globals, buffers.joints);
  mat4FromAxisAngle(placement, [0, 1, 0], (state.headingDeg * Math.PI) / 180);
  placement[12] = state.positionM[0];
  placement[13] = state.positionM[1];
  placement[14] = state.positionM[2];
  for (let j = 0; j < model.jointParents.length; j++) {
    const m = joints.subarray(j * 16, j * 16 + 16);
    mat4Multiply(m, m, model.inverseBindMatrices.subarray(j * 16, j * 16 + 16));
    mat4Multiply(m, placement, m);
  }
  return joints;
}

/** Poses and skins `model` for `state` into `buffers`; returns the posed person. */
export function posePerson(model: CharacterModel, state: PoseInput, personId: number, buffers: PoseBuffers): PosedPerson {
  poseJointMatrices(model, state, buffers);
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
