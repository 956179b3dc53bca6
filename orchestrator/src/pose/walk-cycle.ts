/**
 * Cuts one seamless gait cycle out of a BVH walk (pure): finds the heel strikes from the ankles'
 * speed, picks the cycle between two left heel strikes whose ends match best, resamples it at
 * evenly spaced phases with the right heel strike at phase 0.5, spreads what is left of the
 * seam mismatch over the cycle, turns it to walk along +Z and takes the root's travel out.
 *
 * Heel strike: the moment an ankle's horizontal speed falls below half the body's speed after a
 * swing. Foot flat: the ankle slower than 15% of the body's speed.
 */
import { CMU_MB_HUMANOID, DEFAULT_RIG_HUMANOID } from '../contracts/humanoid-bones.js';
import { ClonedPersonError } from '../shared/errors.js';
import { bvhGlobalPose, bvhLocalPose } from './bvh.js';
import type { BvhClip } from './bvh.js';
import { quatAngleBetween, quatConjugate, quatFromAxisAngle, quatIdentity, quatMultiply, quatNormalize, quatRotateVector, quatSlerp, readQuat } from './quaternion.js';
import type { Quat, Vec3Like } from './quaternion.js';
import type { WalkClipData } from './walk-clip.js';

export interface CutWalkCycleOptions {
  name: string;
  source: string;
  /** Samples per cycle (default 40). */
  samples?: number;
  /** The reference (T-pose) frame (default 0); the walk is searched after it. */
  referenceFrame?: number;
}

export const WALK_CYCLE_DEFAULTS = { samples: 40, strikeSpeedShare: 0.5, flatSpeedShare: 0.15 };

/** BVH joint names the CMU conversion uses where MakeHuman's cmu_mb rig has another. */
export const BVH_JOINT_ALIASES: Readonly<Record<string, string>> = { LeftHandIndex1: 'LeftHandFinger1', RightHandIndex1: 'RightHandFinger1' };

/** The humanoid (Unity HumanBodyBones) name of a source joint, by the MakeHuman rig tables. */
export function humanoidNameOfJoint(name: string): string | undefined {
  const rigName = BVH_JOINT_ALIASES[name] ?? name;
  return CMU_MB_HUMANOID[rigName] ?? DEFAULT_RIG_HUMANOID[rigName];
}

const LEG_BONES = new Set(['LeftUpperLeg', 'LeftLowerLeg', 'LeftFoot', 'LeftToes', 'RightUpperLeg', 'RightLowerLeg', 'RightFoot', 'RightToes']);

function invalid(source: string, message: string): ClonedPersonError {
  return new ClonedPersonError('E_MOTION_INVALID', `${source}: ${message}`, { details: { file: source } });
}

/** Fractional frames where `speed` falls below `threshold` (linear interpolation between frames). */
function downwardCrossings(speed: Float64Array, threshold: number, from: number, to: number): number[] {
  const out: number[] = [];
  for (let f = from; f < to; f++) {
    if (speed[f] >= threshold && speed[f + 1] < threshold) out.push(f + (speed[f] - threshold) / (speed[f] - speed[f + 1]));
  }
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Cuts the best gait cycle of a BVH walk into a {@link WalkClipData}. Throws E_MOTION_INVALID without two left heel strikes. */
export function cutWalkCycle(clip: BvhClip, options: CutWalkCycleOptions): WalkClipData {
  const source = options.source;
  const samples = options.samples ?? WALK_CYCLE_DEFAULTS.samples;
  const referenceFrame = options.referenceFrame ?? 0;
  const joints = clip.joints;
  const jointCount = joints.length;
  const byHumanoid = new Map<string, number>();
  joints.forEach((j, i) => {
    const h = humanoidNameOfJoint(j.name);
    if (h && !byHumanoid.has(h)) byHumanoid.set(h, i);
  });
  const need = (h: string): number => {
    const j = byHumanoid.get(h);
    if (j === undefined) throw invalid(source, `no joint for ${h} (joint names must follow MakeHuman's cmu_mb or default rig)`);
    return j;
  };
  const feet = [need('LeftFoot'), need('RightFoot')];
  const legLength =
    [
      [need('LeftLowerLeg'), need('LeftFoot')],
      [need('RightLowerLeg'), need('RightFoot')],
    ]
      .map(([knee, ankle]) => Math.hypot(...joints[knee].offset) + Math.hypot(...joints[ankle].offset))
      .reduce((a, b) => a + b, 0) / 2;

  const locals = Array.from({ length: clip.frameCount }, (_, f) => bvhLocalPose(clip, f));
  const globals = locals.map((l) => bvhGlobalPose(clip, l));
  const fps = 1 / clip.frameTimeS;
  // Central differences need a neighbour on both sides inside the walk (after the reference).
  const first = referenceFrame + 2;
  const last = clip.frameCount - 2;
  if (last - first < 8) throw invalid(source, 'too few frames after the reference pose');
  const horizontalSpeed = (joint: number): Float64Array => {
    const speed = new Float64Array(clip.frameCount);
    for (let f = first; f <= last; f++) {
      const a = globals[f - 1].positions, b = globals[f + 1].positions;
      speed[f] = (Math.hypot(b[joint * 3] - a[joint * 3], b[joint * 3 + 2] - a[joint * 3 + 2]) * fps) / 2;
    }
    return speed;
  };
  const rootSpeed = median(Array.from(horizontalSpeed(0).subarray(first, last + 1)));
  const [leftSpeed, rightSpeed] = feet.map(horizontalSpeed);
  const strikes = (speed: Float64Array) => downwardCrossings(speed, WALK_CYCLE_DEFAULTS.strikeSpeedShare * rootSpeed, first, last);
  const leftStrikes = strikes(leftSpeed);
  const rightStrikes = strikes(rightSpeed);

  // Interpolated local rotation of joint j and root position at a fractional frame.
  const q0: Quat = quatIdentity(), q1: Quat = quatIdentity();
  const rotationAt = (out: Quat, j: number, f: number): Quat => {
    const i = Math.min(Math.floor(f), clip.frameCount - 2);
    readQuat(q0, locals[i].rotations, j);
    readQuat(q1, locals[i + 1].rotations, j);
    return quatSlerp(out, q0, q1, f - i);
  };
  const rootAt = (f: number): Vec3Like => {
    const i = Math.min(Math.floor(f), clip.frameCount - 2);
    const t = f - i;
    const a = globals[i].positions, b = globals[i + 1].positions;
    return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
  };

  // Candidate cycles: consecutive left strikes with one right strike between; the best seam wins.
  let best: { start: number; rightStrike: number; end: number; mismatch: number } | undefined;
  const qa: Quat = quatIdentity(), qb: Quat = quatIdentity();
  for (let k = 0; k + 1 < leftStrikes.length; k++) {
    const start = leftStrikes[k], end = leftStrikes[k + 1];
    const between = rightStrikes.filter((r) => r > start && r < end);
    if (between.length !== 1) continue;
    let mismatch = 0;
    for (let j = 1; j < jointCount; j++) mismatch += quatAngleBetween(rotationAt(qa, j, start), rotationAt(qb, j, end));
    mismatch += Math.abs(rootAt(end)[1] - rootAt(start)[1]) / legLength;
    if (!best || mismatch < best.mismatch) best = { start, rightStrike: between[0], end, mismatch };
  }
  if (!best) throw invalid(source, `found no gait cycle (left heel strikes at frames ${leftStrikes.map((f) => f.toFixed(1)).join(', ') || 'none'})`);
  const { start, rightStrike, end } = best;
  const frameAt = (phase: number): number =>
    phase <= 0.5 ? start + (rightStrike - start) * 2 * phase : rightStrike + (end - rightStrike) * (2 * phase - 1);
  const phaseOf = (frame: number): number =>
    frame <= rightStrike ? (0.5 * (frame - start)) / (rightStrike - start) : 0.5 + (0.5 * (frame - rightStrike)) / (end - rightStrike);

  // Seam: the rotation taking each joint's end pose to its start pose, spread linearly over the cycle.
  const seam: Quat[] = joints.map((_, j) => quatNormalize(quatIdentity(), quatMultiply(quatIdentity(), rotationAt(qa, j, start), quatConjugate(quatIdentity(), rotationAt(qb, j, end)))));
  const startRoot = rootAt(start), endRoot = rootAt(end);
  const travel: Vec3Like = [endRoot[0] - startRoot[0], endRoot[1] - startRoot[1], endRoot[2] - startRoot[2]];
  const headingRad = Math.atan2(travel[0], travel[2]);
  const turn = quatFromAxisAngle(quatIdentity(), [0, 1, 0], -headingRad);
  const rotations: number[] = [];
  const rootOffsets: number[] = [];
  const q: Quat = quatIdentity();
  const part: Quat = quatIdentity();
  const identity = quatIdentity();
  for (let s = 0; s < samples; s++) {
    const phase = s / samples;
    const f = frameAt(phase);
    for (let j = 0; j < jointCount; j++) {
      rotationAt(q, j, f);
      quatMultiply(q, quatSlerp(part, identity, seam[j], phase), q);
      if (j === 0) quatMultiply(q, turn, q);
      rotations.push(...q);
    }
    const root = rootAt(f);
    const offset: Vec3Like = [root[0] - startRoot[0] - travel[0] * phase, root[1] - startRoot[1] - travel[1] * phase, root[2] - startRoot[2] - travel[2] * phase];
    rootOffsets.push(...quatRotateVector([0, 0, 0], turn, offset));
  }
  for (let c = 0; c < 3; c++) {
    let mean = 0;
    for (let s = 0; s < samples; s++) mean += rootOffsets[s * 3 + c] / samples;
    for (let s = 0; s < samples; s++) rootOffsets[s * 3 + c] -= mean;
  }

  const reference = Array.from(locals[referenceFrame].rotations);
  const standing = standingPose(joints, joints.map((j) => humanoidNameOfJoint(j.name)), rotations, reference, samples);

  // Foot-flat intervals, as phases (the right foot's may run past the cycle's end).
  const flatThreshold = WALK_CYCLE_DEFAULTS.flatSpeedShare * rootSpeed;
  const flatAfter = (speed: Float64Array, strike: number): [number, number] => {
    let f = Math.ceil(strike);
    while (f <= last && speed[f] >= flatThreshold) f++;
    const flatStart = f;
    while (f <= last && speed[f] < flatThreshold) f++;
    const toPhase = (frame: number): number => (frame <= end ? phaseOf(frame) : 1 + phaseOf(frame - (end - start)));
    return [toPhase(flatStart), toPhase(f - 1)];
  };
  return {
    name: options.name,
    source,
    joints: joints.map((j) => ({ name: j.name, parent: j.parent, offset: [...j.offset] })),
    reference,
    standing,
    samples,
    rotations,
    rootOffsets,
    cycleLength: Math.hypot(travel[0], travel[2]),
    legLength,
    cycleDurationS: (end - start) * clip.frameTimeS,
    leftFootFlat: flatAfter(leftSpeed, start),
    rightFootFlat: flatAfter(rightSpeed, rightStrike),
    sourceFrames: { start, rightStrike, end },
  };
}

/**
 * Standing still: the cycle's mean rotation per joint (arms hang, spine and head as in walking),
 * with the root and the legs of the reference pose (upright pelvis, straight legs).
 */
function standingPose(joints: readonly { parent: number }[], humanoid: (string | undefined)[], rotations: number[], reference: number[], samples: number): number[] {
  const jointCount = humanoid.length;
  // Leg joints: the leg bones and the single-child joints above them (cmu_mb's LHipJoint).
  const leg = humanoid.map((h) => h !== undefined && LEG_BONES.has(h));
  for (let j = jointCount - 1; j > 0; j--) {
    const children = joints.flatMap((c, i) => (c.parent === j ? [i] : []));
    if (children.length === 1 && leg[children[0]]) leg[j] = true;
  }
  const out: number[] = [];
  const q: Quat = quatIdentity();
  for (let j = 0; j < jointCount; j++) {
    if (j === 0 || leg[j]) {
      out.push(...reference.slice(j * 4, j * 4 + 4));
      continue;
    }
    const sum: Quat = [0, 0, 0, 0];
    const first = rotations.slice(j * 4, j * 4 + 4);
    for (let s = 0; s < samples; s++) {
      readQuat(q, rotations, s * jointCount + j);
      const sign = q[0] * first[0] + q[1] * first[1] + q[2] * first[2] + q[3] * first[3] < 0 ? -1 : 1;
      for (let c = 0; c < 4; c++) sum[c] += sign * q[c];
    }
    out.push(...quatNormalize(quatIdentity(), sum));
  }
  return out;
}
