/**
 * The procedural walk cycle: joint matrices for a humanoid character at a walk phase and speed.
 * Rotations are defined about axes of the character's own bind-space frame (X = its left,
 * Y = up, Z = forward) around each joint's head, so the gait needs no knowledge of how a rig
 * orients its bones: it works for MakeHuman's `default` and `cmu_mb` skeletons alike.
 *
 * Sagittal angles follow normal adult walking (hip +30..-14 deg, knee peaks ~60 deg in swing,
 * ankle push-off), scaled by speed (standing still at 0 m/s); arms hang down from the bind
 * A/T pose (forearms straightened first: MakeHuman binds them bent) and swing opposite to the legs; the pelvis and chest counter-rotate a little; the
 * body is lowered so the lower ankle stays at its standing height (heel contact, natural bob).
 * Phase 0 is the left heel strike, 0.5 the right heel strike.
 */
import type { CharacterModel } from './character-model.js';
import { mat4FromAxisAngle, mat4Identity, mat4InvertRigid, mat4Multiply, mat4Translation } from '../geometry/mat4.js';
import type { Mat4, Vec3 } from '../geometry/mat4.js';

/** Per-character precomputation for the gait (arm hang rotations, rest ankle height). */
export interface GaitRig {
  model: CharacterModel;
  /** Rotation bringing each upper arm from its bind direction to hanging down (left, right). */
  armDown: [Mat4, Mat4];
  /** Inverse of `armDown` (to conjugate elbow flexion into bind space). */
  armDownInverse: [Mat4, Mat4];
  /** Straightens each forearm onto its upper arm's hanging line (MakeHuman binds elbows bent). */
  foreArmStraighten: [Mat4, Mat4];
  restAnkleY: number;
}

export interface PoseInput {
  /** Ground point between the feet, world metres. */
  positionM: readonly [number, number, number];
  /** 0 = facing +Z, 90 = facing +X. */
  headingDeg: number;
  /** [0, 1). */
  walkPhase: number;
  speedMps: number;
  /** `bind` keeps the character in its bind (rest) pose, placed in the world; default `walk`. */
  pose?: 'walk' | 'bind';
}

export const GAIT_DEFAULTS = {
  /** Speed at which the angles reach their nominal amplitude. */
  nominalSpeedMps: 1.3,
  /** Arms hang this far out from vertical. */
  armHangDeg: 8,
};

const DEG = Math.PI / 180;
const X_AXIS: Vec3 = [1, 0, 0];
const Y_AXIS: Vec3 = [0, 1, 0];

function jointHead(model: CharacterModel, j: number): Vec3 {
  return [model.jointHeads[j * 3], model.jointHeads[j * 3 + 1], model.jointHeads[j * 3 + 2]];
}

/** Rotation taking unit vector a onto unit vector b (shortest arc). */
function rotationBetween(a: Vec3, b: Vec3): Mat4 {
  const axis: Vec3 = [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
  const sin = Math.hypot(axis[0], axis[1], axis[2]);
  const cos = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  if (sin < 1e-9) return mat4Identity();
  return mat4FromAxisAngle(new Float64Array(16), [axis[0] / sin, axis[1] / sin, axis[2] / sin], Math.atan2(sin, cos));
}

/** Precomputes what the gait needs from a character (call once per loaded character). */
export function prepareGaitRig(model: CharacterModel): GaitRig {
  const h = model.humanoid;
  const armDown: [Mat4, Mat4] = [mat4Identity(), mat4Identity()];
  const foreArmStraighten: [Mat4, Mat4] = [mat4Identity(), mat4Identity()];
  const sides: ['LeftUpperArm' | 'RightUpperArm', 'LeftLowerArm' | 'RightLowerArm', 'LeftHand' | 'RightHand', number][] = [
    ['LeftUpperArm', 'LeftLowerArm', 'LeftHand', 1],
    ['RightUpperArm', 'RightLowerArm', 'RightHand', -1],
  ];
  const unit = (a: Vec3, b: Vec3): Vec3 | null => {
    const len = Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]);
    return len < 1e-6 ? null : [(b[0] - a[0]) / len, (b[1] - a[1]) / len, (b[2] - a[2]) / len];
  };
  sides.forEach(([upper, lower, hand, sign], i) => {
    const u = h[upper], l = h[lower], w = h[hand];
    if (u === undefined || l === undefined) return;
    const d = unit(jointHead(model, u), jointHead(model, l));
    if (!d) return;
    const hangRad = GAIT_DEFAULTS.armHangDeg * DEG;
    const hang: Vec3 = [sign * Math.sin(hangRad), -Math.cos(hangRad), 0];
    armDown[i] = rotationBetween(d, hang);
    const f = w === undefined ? null : unit(jointHead(model, l), jointHead(model, w));
    if (f) {
      const m = armDown[i];
      const turned: Vec3 = [m[0] * f[0] + m[4] * f[1] + m[8] * f[2], m[1] * f[0] + m[5] * f[1] + m[9] * f[2], m[2] * f[0] + m[6] * f[1] + m[10] * f[2]];
      foreArmStraighten[i] = rotationBetween(turned, hang);
    }
  });
  const ankles = [h.LeftFoot, h.RightFoot].filter((j): j is number => j !== undefined).map((j) => jointHead(model, j)[1]);
  return {
    model,
    armDown,
    armDownInverse: [mat4InvertRigid(new Float64Array(16), armDown[0]), mat4InvertRigid(new Float64Array(16), armDown[1])],
    foreArmStraighten,
    restAnkleY: ankles.length ? Math.min(...ankles) : 0,
  };
}

/** Periodic Gaussian bump centred at `mu` (phase units) with width `sigma`. */
function bump(t: number, mu: number, sigma: number): number {
  let d = Math.abs(t - mu) % 1;
  if (d > 0.5) d = 1 - d;
  return Math.exp((-d * d) / (2 * sigma * sigma));
}

/** Sagittal angles in degrees for one leg at its own phase (0 = its heel strike). */
function legAngles(t: number): { hip: number; knee: number; ankle: number } {
  const c = Math.cos(2 * Math.PI * t);
  return {
    hip: 8 + 22 * c,
    knee: 5 + 15 * bump(t, 0.12, 0.06) + 57 * bump(t, 0.72, 0.11),
    ankle: 8 * bump(t, 0.42, 0.1) - 15 * bump(t, 0.62, 0.05),
  };
}

const scratchA = new Float64Array(16);
const scratchB = new Float64Array(16);
const scratchT = new Float64Array(16);

/** out = T(h) * R * T(-h): rotation R about point h. */
function aboutPoint(out: Mat4, rotation: Mat4, h: Vec3): Mat4 {
  mat4Translation(scratchT, -h[0], -h[1], -h[2]);
  mat4Multiply(out, rotation, scratchT);
  mat4Translation(scratchT, h[0], h[1], h[2]);
  return mat4Multiply(out, scratchT, out);
}

/**
 * Writes one 4x4 skinning matrix per joint into `out` (16 * jointCount, column-major): bind-space
 * vertex -> world position of the posed character at `input`. Returns the body's vertical
 * offset in metres (negative while walking: the lowered pelvis).
 */
export function poseCharacter(rig: GaitRig, input: PoseInput, out: Float64Array): number {
  const model = rig.model;
  const h = model.humanoid;
  const jointCount = model.jointParents.length;
  const local: (Mat4 | null)[] = new Array<Mat4 | null>(jointCount).fill(null);
  const amp = Math.min(1.3, Math.max(0, input.speedMps / GAIT_DEFAULTS.nominalSpeedMps));
  const t = input.walkPhase;
  const c = Math.cos(2 * Math.PI * t);
  const bind = input.pose === 'bind';
  const set = (joint: number | undefined, rotation: Mat4): void => {
    if (joint === undefined || bind) return;
    local[joint] = aboutPoint(new Float64Array(16), rotation, jointHead(model, joint));
  };
  const rotX = (deg: number): Mat4 => mat4FromAxisAngle(new Float64Array(16), X_AXIS, deg * DEG);
  const rotY = (deg: number): Mat4 => mat4FromAxisAngle(new Float64Array(16), Y_AXIS, deg * DEG);

  // Legs: forward swing and dorsiflexion are negative rotations about +X, knee flexion positive.
  for (const [upper, lower, foot, phase] of [
    [h.LeftUpperLeg, h.LeftLowerLeg, h.LeftFoot, t],
    [h.RightUpperLeg, h.RightLowerLeg, h.RightFoot, (t + 0.5) % 1],
  ] as const) {
    const a = legAngles(phase);
    set(upper, rotX(-a.hip * amp));
    set(lower, rotX(a.knee * amp));
    set(foot, rotX(-a.ankle * amp));
  }
  // Arms: hang down, swing opposite to the leg of the same side, elbows bend more when forward.
  const arms = [
    [h.LeftUpperArm, h.LeftLowerArm, -16 * c * amp, 0],
    [h.RightUpperArm, h.RightLowerArm, 16 * c * amp, 1],
  ] as const;
  for (const [upper, lower, swing, side] of arms) {
    set(upper, mat4Multiply(new Float64Array(16), rotX(-swing), rig.armDown[side]));
    const elbow = 10 + amp * (6 + 10 * Math.max(0, swing / 16));
    const straight = mat4Multiply(new Float64Array(16), rig.foreArmStraighten[side], rig.armDown[side]);
    const flex = mat4Multiply(new Float64Array(16), rotX(-elbow), straight);
    set(lower, mat4Multiply(new Float64Array(16), rig.armDownInverse[side], flex));
  }
  // Pelvis leads with the forward leg; the chest counter-rotates.
  if (h.Hips !== undefined) set(h.Hips, rotY(-5 * c * amp));
  const chest = h.Chest ?? h.UpperChest ?? h.Spine;
  if (chest !== undefined) set(chest, rotY(8 * c * amp));

  // Accumulate parent-first in bind-model space.
  for (let j = 0; j < jointCount; j++) {
    const parent = model.jointParents[j];
    const o = j * 16;
    const target = out.subarray(o, o + 16);
    const lj = local[j];
    if (parent < 0) {
      if (lj) target.set(lj);
      else mat4Identity(target);
    } else if (lj) mat4Multiply(target, out.subarray(parent * 16, parent * 16 + 16), lj);
    else target.set(out.subarray(parent * 16, parent * 16 + 16));
  }

  // Keep the lower ankle at its standing height.
  let lowest = Infinity;
  for (const foot of [h.LeftFoot, h.RightFoot]) {
    if (foot === undefined) continue;
    const m = out.subarray(foot * 16, foot * 16 + 16);
    const p = jointHead(model, foot);
    const y = m[1] * p[0] + m[5] * p[1] + m[9] * p[2] + m[13];
    lowest = Math.min(lowest, y);
  }
  const dy = Number.isFinite(lowest) ? rig.restAnkleY - lowest : 0;

  // World placement: heading about +Y, then position (+ the vertical correction).
  const heading = input.headingDeg * DEG;
  mat4FromAxisAngle(scratchA, Y_AXIS, heading);
  scratchA[12] = input.positionM[0];
  scratchA[13] = input.positionM[1] + dy;
  scratchA[14] = input.positionM[2];
  for (let j = 0; j < jointCount; j++) {
    const target = out.subarray(j * 16, j * 16 + 16);
    mat4Multiply(scratchB, scratchA, target);
    target.set(scratchB);
  }
  return dy;
}
