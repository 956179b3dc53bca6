import { describe, expect, it } from '@jest/globals';
import { poseGlobals } from '../../../orchestrator/src/pose/pose-kinematics.js';
import type { PoseBone, PoseSkeleton } from '../../../orchestrator/src/pose/pose-skeleton.js';
import { quatConjugate, quatFromAxisAngle, quatMultiply, quatRotateVector } from '../../../orchestrator/src/pose/quaternion.js';
import type { Quat } from '../../../orchestrator/src/pose/quaternion.js';
import type { WalkClipData } from '../../../orchestrator/src/pose/walk-clip.js';
import { buildWalkRig, evaluateClip } from '../../../orchestrator/src/pose/walk-rig.js';

const DEG = Math.PI / 180;
const axisAngle = (axis: [number, number, number], deg: number): Quat => quatFromAxisAngle([0, 0, 0, 1], axis, deg * DEG);
const unit = (v: number[]) => v.map((x) => x / Math.hypot(...v));

/** A clip: hips, a left leg (thigh, shin, foot) straight down in the reference, and a finger joint. */
function handMadeClip(thigh: Quat, knee: Quat, finger: Quat): WalkClipData {
  const identity = [0, 0, 0, 1];
  const reference = [...identity, ...identity, ...identity, ...identity, ...identity];
  return {
    name: 'hand-made',
    source: 'hand-made',
    joints: [
      { name: 'Hips', parent: -1, offset: [0, 0, 0] },
      { name: 'LeftUpLeg', parent: 0, offset: [1, -1, 0] },
      { name: 'LeftLeg', parent: 1, offset: [0, -5, 0] },
      { name: 'LeftFoot', parent: 2, offset: [0, -5, 0] },
      { name: 'LeftHandIndex1', parent: 0, offset: [3, 4, 0] },
    ],
    reference,
    standing: reference,
    samples: 1,
    rotations: [...identity, ...thigh, ...knee, ...identity, ...finger],
    rootOffsets: [0.5, 1, 2],
    cycleLength: 20,
    legLength: 10,
    cycleDurationS: 1,
    leftFootFlat: [0, 0.5],
    rightFootFlat: [0.5, 1],
    sourceFrames: { start: 0, rightStrike: 0.5, end: 1 },
  };
}

/**
 * A target rig in its own rest pose: the thigh tilted 20 degrees outward, the knee bent 10
 * degrees, bone frames turned arbitrarily (like glTF bones with Y along the bone), a toe bone no
 * clip joint drives and the cmu_mb finger bone.
 */
function targetSkeleton(): { skeleton: PoseSkeleton; restGlobal: Quat[] } {
  const heads: number[][] = [
    [0, 0.95, 0],
    [0.1, 0.9, 0],
  ];
  const thighDir = [Math.sin(20 * DEG), -Math.cos(20 * DEG), 0];
  heads.push(heads[1].map((v, k) => v + 0.45 * thighDir[k]));
  const shinDir = quatRotateVector([0, 0, 0], axisAngle([1, 0, 0], -10), thighDir);
  heads.push(heads[2].map((v, k) => v + 0.45 * shinDir[k]));
  heads.push([heads[3][0], 0.02, heads[3][2] + 0.15]);
  heads.push([0.6, 1.2, 0]);
  const parents = [-1, 0, 1, 2, 3, 0];
  const names = ['Hips', 'LeftUpLeg', 'LeftLeg', 'LeftFoot', 'LeftToeTip', 'LeftHandFinger1'];
  const restGlobal: Quat[] = [axisAngle([0, 0, 1], 0), axisAngle(unit([1, 2, 3]) as [number, number, number], 77), axisAngle([0, 1, 0], -40), axisAngle([1, 0, 0], 15), axisAngle([0, 0, 1], 5), axisAngle([0, 1, 0], 30)];
  const bones: PoseBone[] = names.map((name, b) => {
    const p = parents[b];
    const parentRotation = p < 0 ? ([0, 0, 0, 1] as Quat) : restGlobal[p];
    const inverse = quatConjugate([0, 0, 0, 1], parentRotation);
    const delta = p < 0 ? heads[b] : heads[b].map((v, k) => v - heads[p][k]);
    return {
      name,
      parent: p,
      restTranslationM: quatRotateVector([0, 0, 0], inverse, delta),
      restRotation: quatMultiply([0, 0, 0, 1], inverse, restGlobal[b]),
    };
  });
  return { skeleton: { bones, humanoid: { Hips: 0, LeftUpperLeg: 1, LeftLowerLeg: 2, LeftFoot: 3, LeftIndexProximal: 5 } }, restGlobal };
}

function direction(positions: Float64Array, from: number, to: number): number[] {
  return unit([0, 1, 2].map((k) => positions[to * 3 + k] - positions[from * 3 + k]));
}

describe('retargeting relative to the rest pose', () => {
  it('points the limbs where the captured limbs point, whatever the rig rest pose and bone frames', () => {
    const thigh = axisAngle([1, 0, 0], -30);
    const knee = axisAngle([1, 0, 0], 45);
    const clip = handMadeClip(thigh, knee, axisAngle([0, 0, 1], 60));
    const { skeleton } = targetSkeleton();
    const rig = buildWalkRig(skeleton, [clip]);
    const local = new Float64Array(skeleton.bones.length * 4);
    const offset: [number, number, number] = [0, 0, 0];
    evaluateClip(rig, rig.clips[0], 0, 1, 1, local, offset);
    const posed = poseGlobals(skeleton, local, offset);
    // The captured thigh: Rx(-30) of straight down; the shin: Rx(-30) Rx(45) = Rx(15) of straight down.
    const thighWorld = quatRotateVector([0, 0, 0], thigh, [0, -1, 0]);
    const shinWorld = quatRotateVector([0, 0, 0], axisAngle([1, 0, 0], 15), [0, -1, 0]);
    direction(posed.positions, 1, 2).forEach((v, k) => expect(v).toBeCloseTo(thighWorld[k], 12));
    direction(posed.positions, 2, 3).forEach((v, k) => expect(v).toBeCloseTo(shinWorld[k], 12));
    // The rig keeps its own proportions: the thigh is still 0.45 m long, the hip joint where it was.
    expect(Math.hypot(...[0, 1, 2].map((k) => posed.positions[6 + k] - posed.positions[3 + k]))).toBeCloseTo(0.45, 12);
    // Root offsets scale by the leg lengths (0.9 m rig / 10 clip units).
    expect(offset.map((v) => +v.toFixed(12))).toEqual([0.045, 0.09, 0.18]);
  });

  it('keeps undriven bones and the uncaptured fingers at rest relative to their parent', () => {
    const clip = handMadeClip(axisAngle([1, 0, 0], -30), axisAngle([1, 0, 0], 45), axisAngle([0, 0, 1], 60));
    const { skeleton } = targetSkeleton();
    const rig = buildWalkRig(skeleton, [clip]);
    const local = new Float64Array(skeleton.bones.length * 4);
    evaluateClip(rig, rig.clips[0], 0, 1, 1, local, [0, 0, 0]);
    for (const b of [4, 5]) Array.from(local.subarray(b * 4, b * 4 + 4)).forEach((v, k) => expect(v).toBeCloseTo(skeleton.bones[b].restRotation[k], 12));
    // BVH LeftHandIndex1 is cmu_mb LeftHandFinger1, matched but not driven (no captured data).
    expect(rig.clips[0].source[5]).toBe(-1);
    expect(Array.from(rig.clips[0].source.subarray(0, 4))).toEqual([0, 1, 2, 3]);
  });

  it('gives the reference pose the captured (straight) legs and, at amplitude 0, the standing pose', () => {
    const clip = handMadeClip(axisAngle([1, 0, 0], -30), axisAngle([1, 0, 0], 45), [0, 0, 0, 1]);
    const { skeleton } = targetSkeleton();
    const rig = buildWalkRig(skeleton, [clip]);
    const local = new Float64Array(skeleton.bones.length * 4);
    const offset: [number, number, number] = [0, 0, 0];
    evaluateClip(rig, rig.clips[0], 0, 0, 1, local, offset);
    const posed = poseGlobals(skeleton, local, offset);
    // Standing = the reference here: thigh and shin straight down (the rig's 20-degree tilt and bent knee are gone).
    for (const [a, b] of [
      [1, 2],
      [2, 3],
    ]) direction(posed.positions, a, b).forEach((v, k) => expect(v).toBeCloseTo([0, -1, 0][k], 12));
    expect(offset.map((v) => Math.abs(v))).toEqual([0, 0, 0]);
  });
});
