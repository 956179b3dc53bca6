/**
 * A character's walk rig: the walk clips retargeted to its skeleton, and the gait keyframes
 * measured on that skeleton (so the choreography's phase rate matches what its feet do).
 *
 * Retargeting relative to the rest pose: every target bone driven by a clip joint gets the
 * model-space rotation  T(t) = S(t) * S_ref^-1 * A * R,  where S(t) and S_ref are the clip
 * joint's model-space rotations in the frame and in the clip's reference (T-)pose, R is the
 * bone's rest rotation and A, for the long limb bones (upper and lower arms and legs), the
 * shortest arc turning the bone's rest direction (towards its child) onto the clip joint's
 * reference direction; every other bone takes its parent's A (hips, spine, hip and shoulder
 * joints keep the rig's proportions, hands and feet their rest angle to the limb). So limbs point
 * where the captured limbs point and everything turns as it turns, whatever the rig's rest pose
 * (an A-pose with bent elbows here, a T-pose there). Bones no clip joint drives (fingers, twist
 * bones) keep their rest rotation relative to their parent.
 *
 * Keyframes: standing (amplitude 0: the clip's standing pose), the slowest clip faded from the
 * standing pose at amplitudes 1/4, 1/2, 3/4, then every clip as captured. Each keyframe's cycle
 * length is measured on the rig: the slope of each foot's forward position against phase while
 * it is flat on the ground, so a body that advances that far per cycle keeps the planted foot in
 * place on average; its foot lock moves the root by the rest (a few cm of captured foot slip, so
 * flat feet stay exactly in place), smoothly interpolated while no foot is flat. Its height
 * correction puts the lowest ankle of the cycle at the rest ankle height.
 */
import { ClonedPersonError } from '../shared/errors.js';
import { WALK_CLIPS } from './clips.generated.js';
import { poseGlobals } from './pose-kinematics.js';
import type { PoseGlobals } from './pose-kinematics.js';
import { legLengthM, restGlobals } from './pose-skeleton.js';
import type { PoseSkeleton } from './pose-skeleton.js';
import { quatConjugate, quatFromTo, quatIdentity, quatMultiply, quatSlerp, readQuat } from './quaternion.js';
import type { Quat } from './quaternion.js';
import { BVH_JOINT_ALIASES, humanoidNameOfJoint } from './walk-cycle.js';
import { sampleWalkClip } from './walk-clip.js';
import type { WalkClipData } from './walk-clip.js';

/** One clip retargeted to one skeleton. */
export interface ClipRetarget {
  clip: WalkClipData;
  /** Per target bone: the clip joint driving it, or -1. */
  source: Int32Array;
  /** Per target bone: the alignment A (4 numbers). */
  align: Float64Array;
  /** Per clip joint: inverse of its reference-pose model-space rotation (4 numbers). */
  referenceInverse: Float64Array;
  /** Per clip joint: 1 for shoulders, arms and hands (scaled by the person's arm swing). */
  armJoint: Uint8Array;
  /** Target leg length / clip leg length (root offsets). */
  scale: number;
}

export interface GaitKeyframe {
  clip: number;
  /** 0 = standing, 1 = the clip as captured. */
  amplitude: number;
  /** Walking speed at the clip's captured cadence, m/s. */
  speedMps: number;
  /** Distance the body advances per cycle for planted feet, metres. */
  cycleLengthM: number;
  /** Added to the root offset's height, metres. */
  heightCorrectionM: number;
  /**
   * Added to the root offset's x and z at the clip's sample phases (2 per sample): keeps each
   * foot exactly in place while it is flat on the ground (the captured feet slip a few cm).
   */
  footLockM: Float64Array;
}

export interface WalkRig {
  skeleton: PoseSkeleton;
  clips: ClipRetarget[];
  /** By increasing speed; the first is standing. */
  keyframes: GaitKeyframe[];
  legLengthM: number;
  /** Rest model-space rotations per bone. */
  restGlobal: Float64Array;
  /** Rest local rotations per bone. */
  restLocal: Float64Array;
}

export const WALK_RIG_DEFAULTS = {
  /** Leg length assumed for a skeleton without leg bones. */
  legLengthM: 0.9,
  fadeAmplitudes: [0.25, 0.5, 0.75],
  /** Share of each foot-flat interval left out at both ends of the slope fit (heel and toe roll). */
  flatTrim: 0.1,
};

/** The bones whose rest direction is aligned with the clip's (A-pose vs T-pose, bent vs straight elbows and knees). */
const LIMB_BONES = new Set(['LeftUpperArm', 'LeftLowerArm', 'RightUpperArm', 'RightLowerArm', 'LeftUpperLeg', 'LeftLowerLeg', 'RightUpperLeg', 'RightLowerLeg']);

const ARM_BONES = new Set(['LeftShoulder', 'LeftUpperArm', 'LeftLowerArm', 'LeftHand', 'RightShoulder', 'RightUpperArm', 'RightLowerArm', 'RightHand']);

/** Clip joints that carry no captured data in the CMU clips (fingers, thumbs). */
function isFingerJoint(name: string, humanoid: string | undefined): boolean {
  return /finger|thumb|index\d/i.test(name) || (humanoid !== undefined && /Thumb|Index|Middle|Ring|Little/.test(humanoid));
}

/** Model-space rotations and positions of a clip's reference pose. */
function clipReferenceGlobals(clip: WalkClipData): { rotations: Float64Array; positions: Float64Array } {
  const n = clip.joints.length;
  const rotations = new Float64Array(n * 4);
  const positions = new Float64Array(n * 3);
  const q: Quat = quatIdentity(), parent: Quat = quatIdentity(), local: Quat = quatIdentity();
  clip.joints.forEach((joint, j) => {
    readQuat(local, clip.reference, j);
    if (joint.parent < 0) {
      rotations.set(local, j * 4);
      return;
    }
    readQuat(parent, rotations, joint.parent);
    rotations.set(quatMultiply(q, parent, local), j * 4);
    const [ox, oy, oz] = joint.offset;
    // Rotate the offset by the parent's rotation.
    const x = parent[0], y = parent[1], z = parent[2], w = parent[3];
    const tx = 2 * (y * oz - z * oy), ty = 2 * (z * ox - x * oz), tz = 2 * (x * oy - y * ox);
    positions[j * 3] = positions[joint.parent * 3] + ox + w * tx + (y * tz - z * ty);
    positions[j * 3 + 1] = positions[joint.parent * 3 + 1] + oy + w * ty + (z * tx - x * tz);
    positions[j * 3 + 2] = positions[joint.parent * 3 + 2] + oz + w * tz + (x * ty - y * tx);
  });
  return { rotations, positions };
}

/** Retargets one clip to a skeleton (see the module comment). */
export function retargetClip(skeleton: PoseSkeleton, clip: WalkClipData, rest: { rotations: Float64Array; positions: Float64Array }, targetLegM: number): ClipRetarget {
  const bones = skeleton.bones;
  const humanoidOfBone = new Map<number, string>();
  for (const [name, b] of Object.entries(skeleton.humanoid)) if (b !== undefined) humanoidOfBone.set(b, name);
  const jointHumanoid = clip.joints.map((j) => humanoidNameOfJoint(j.name));
  const taken = new Set<number>();
  const source = new Int32Array(bones.length).fill(-1);
  bones.forEach((bone, b) => {
    const h = humanoidOfBone.get(b);
    let s = clip.joints.findIndex((j) => (BVH_JOINT_ALIASES[j.name] ?? j.name) === bone.name);
    if (s < 0 && h) s = jointHumanoid.indexOf(h);
    if (s < 0 || taken.has(s) || isFingerJoint(clip.joints[s].name, jointHumanoid[s])) return;
    source[b] = s;
    taken.add(s);
  });
  const reference = clipReferenceGlobals(clip);
  const referenceInverse = new Float64Array(clip.joints.length * 4);
  const q: Quat = quatIdentity();
  clip.joints.forEach((_, j) => referenceInverse.set(quatConjugate(q, readQuat(q, reference.rotations, j)), j * 4));
  const children: number[][] = bones.map(() => []);
  bones.forEach((bone, b) => {
    if (bone.parent >= 0) children[bone.parent].push(b);
  });
  const align = new Float64Array(bones.length * 4);
  bones.forEach((bone, b) => {
    const inherited = bone.parent >= 0 ? align.subarray(bone.parent * 4, bone.parent * 4 + 4) : quatIdentity();
    align.set(inherited, b * 4);
    const h = humanoidOfBone.get(b);
    if (source[b] < 0 || children[b].length !== 1 || !h || !LIMB_BONES.has(h)) return;
    // Down the single-child chain to the next driven bone.
    let c = children[b][0];
    while (source[c] < 0 && children[c].length === 1) c = children[c][0];
    if (source[c] < 0) return;
    const to = [0, 1, 2].map((k) => reference.positions[source[c] * 3 + k] - reference.positions[source[b] * 3 + k]);
    const from = [0, 1, 2].map((k) => rest.positions[c * 3 + k] - rest.positions[b * 3 + k]);
    if (Math.hypot(...to) < 1e-6 || Math.hypot(...from) < 1e-6) return;
    align.set(quatFromTo(quatIdentity(), from, to), b * 4);
  });
  const armJoint = Uint8Array.from(jointHumanoid, (h) => (h && ARM_BONES.has(h) ? 1 : 0));
  return { clip, source, align, referenceInverse, armJoint, scale: targetLegM / clip.legLength };
}

/** Scratch per rig evaluation (one set per module: evaluation is synchronous). */
let scratchSource = new Float64Array(0);
let scratchGlobal = new Float64Array(0);
let scratchTarget = new Float64Array(0);

/**
 * The retargeted pose of one clip at `phase`: local rotations of every target bone into
 * `outLocal` (4 each) and the root offset in metres (without height correction) into
 * `outRootOffset`. `amplitude` fades from the standing pose (0) to the clip (1); arm joints fade
 * by `amplitude * armScale`.
 */
export function evaluateClip(rig: WalkRig, retarget: ClipRetarget, phase: number, amplitude: number, armScale: number, outLocal: Float64Array, outRootOffset: [number, number, number]): void {
  const clip = retarget.clip;
  const jointCount = clip.joints.length;
  const boneCount = rig.skeleton.bones.length;
  if (scratchSource.length < jointCount * 4) scratchSource = new Float64Array(jointCount * 4);
  if (scratchGlobal.length < jointCount * 4) scratchGlobal = new Float64Array(jointCount * 4);
  if (scratchTarget.length < boneCount * 4) scratchTarget = new Float64Array(boneCount * 4);
  const local = scratchSource;
  const global = scratchGlobal;
  const target = scratchTarget;
  sampleWalkClip(clip, phase, local, outRootOffset);
  const q: Quat = quatIdentity(), standing: Quat = quatIdentity(), parent: Quat = quatIdentity(), a: Quat = quatIdentity();
  for (let j = 0; j < jointCount; j++) {
    const weight = retarget.armJoint[j] ? amplitude * armScale : amplitude;
    if (weight !== 1) {
      readQuat(q, local, j);
      readQuat(standing, clip.standing, j);
      local.set(quatSlerp(q, standing, q, weight), j * 4);
    }
    readQuat(q, local, j);
    const p = clip.joints[j].parent;
    if (p >= 0) quatMultiply(q, readQuat(parent, global, p), q);
    global.set(q, j * 4);
  }
  for (let c = 0; c < 3; c++) outRootOffset[c] *= retarget.scale * amplitude;
  const bones = rig.skeleton.bones;
  for (let b = 0; b < boneCount; b++) {
    const s = retarget.source[b];
    const parentIndex = bones[b].parent;
    if (s >= 0) {
      // T = S(t) * S_ref^-1 * A * R
      readQuat(q, global, s);
      quatMultiply(q, q, readQuat(a, retarget.referenceInverse, s));
      quatMultiply(q, q, readQuat(a, retarget.align, b));
      quatMultiply(q, q, readQuat(a, rig.restGlobal, b));
    } else {
      readQuat(q, rig.restLocal, b);
      if (parentIndex >= 0) quatMultiply(q, readQuat(parent, target, parentIndex), q);
    }
    target.set(q, b * 4);
    if (parentIndex < 0) outLocal.set(q, b * 4);
    else outLocal.set(quatMultiply(a, quatConjugate(parent, readQuat(parent, target, parentIndex)), q), b * 4);
  }
}

/** Foot (ankle) bones of a skeleton, left and right. */
function feetOf(skeleton: PoseSkeleton): number[] {
  return [skeleton.humanoid.LeftFoot, skeleton.humanoid.RightFoot].filter((b): b is number => b !== undefined);
}

/** Measures one keyframe on the rig: cycle length from the planted feet, height correction from the lowest ankle. */
function measureKeyframe(rig: WalkRig, clipIndex: number, amplitude: number, restAnkleY: number): GaitKeyframe {
  const retarget = rig.clips[clipIndex];
  const clip = retarget.clip;
  const n = rig.skeleton.bones.length;
  const local = new Float64Array(n * 4);
  const offset: [number, number, number] = [0, 0, 0];
  const feet = feetOf(rig.skeleton);
  const globals: PoseGlobals = { rotations: new Float64Array(n * 4), positions: new Float64Array(n * 3) };
  const ankles: { x: number; y: number; z: number }[][] = feet.map(() => []);
  for (let s = 0; s < clip.samples; s++) {
    evaluateClip(rig, retarget, s / clip.samples, amplitude, 1, local, offset);
    poseGlobals(rig.skeleton, local, offset, globals);
    feet.forEach((f, k) => ankles[k].push({ x: globals.positions[f * 3], y: globals.positions[f * 3 + 1], z: globals.positions[f * 3 + 2] }));
  }
  const lowest = Math.min(...ankles.flatMap((a) => a.map((p) => p.y)));
  const heightCorrectionM = feet.length ? restAnkleY - lowest : 0;
  let cycleLengthM = 0;
  const intervals = [clip.leftFootFlat, clip.rightFootFlat].map(([start, end]) => {
    const trim = (end - start) * WALK_RIG_DEFAULTS.flatTrim;
    return { fit: [Math.ceil((start + trim) * clip.samples), Math.floor((end - trim) * clip.samples)], flat: [Math.ceil(start * clip.samples), Math.floor(end * clip.samples)] };
  });
  if (amplitude > 0 && feet.length === 2) {
    const slopes = intervals.map(({ fit: [first, last] }, k) => {
      const points: [number, number][] = [];
      for (let s = first; s <= last; s++) points.push([s / clip.samples, ankles[k][s % clip.samples].z]);
      return fitSlope(points);
    });
    // The foot moves backwards relative to the body at the body's speed per phase: -slope.
    cycleLengthM = -(slopes[0] + slopes[1]) / 2;
  }
  if (amplitude > 0 && !(cycleLengthM > 0)) {
    throw new ClonedPersonError('E_MOTION_INVALID', `walk clip ${clip.name}: the feet do not move backwards while planted on this skeleton`);
  }
  const footLockM = amplitude > 0 && feet.length === 2 ? footLock(ankles, intervals.map((i) => i.flat as [number, number]), cycleLengthM, clip.samples) : new Float64Array(clip.samples * 2);
  return { clip: clipIndex, amplitude, speedMps: cycleLengthM / clip.cycleDurationS, cycleLengthM, heightCorrectionM, footLockM };
}

/**
 * The root shift (x, z per sample) that holds each foot still over its flat samples `[first,
 * last]` (indices may run past the cycle: the body-relative foot path is periodic) for a body
 * advancing `cycleLengthM` per cycle; cubic Hermite between the flat stretches, zero mean.
 */
function footLock(ankles: { x: number; z: number }[][], flat: [number, number][], cycleLengthM: number, samples: number): Float64Array {
  const sum = new Float64Array(samples * 2);
  const count = new Uint8Array(samples);
  flat.forEach(([first, last], k) => {
    const a0 = ankles[k][first % samples];
    for (let u = first; u <= last; u++) {
      const a = ankles[k][u % samples];
      const i = u % samples;
      sum[i * 2] += -(a.x - a0.x);
      sum[i * 2 + 1] += -(a.z - a0.z) - (cycleLengthM * (u - first)) / samples;
      count[i]++;
    }
  });
  const lock = new Float64Array(samples * 2);
  for (let i = 0; i < samples; i++) if (count[i]) for (let c = 0; c < 2; c++) lock[i * 2 + c] = sum[i * 2 + c] / count[i];
  // Fill each gap between known samples (cyclic) with a cubic Hermite matching value and slope.
  const known = (i: number): boolean => count[((i % samples) + samples) % samples] > 0;
  const at = (i: number, c: number): number => lock[(((i % samples) + samples) % samples) * 2 + c];
  for (let i = 0; i < samples; i++) {
    if (known(i) || !known(i - 1)) continue;
    const start = i - 1;
    let end = i;
    while (!known(end)) end++;
    const span = end - start;
    for (let c = 0; c < 2; c++) {
      const p0 = at(start, c), p1 = at(end, c);
      const m0 = known(start - 1) ? p0 - at(start - 1, c) : 0;
      const m1 = known(end + 1) ? at(end + 1, c) - p1 : 0;
      for (let u = 1; u < span; u++) {
        const t = u / span, t2 = t * t, t3 = t2 * t;
        const value = (2 * t3 - 3 * t2 + 1) * p0 + (t3 - 2 * t2 + t) * m0 * span + (-2 * t3 + 3 * t2) * p1 + (t3 - t2) * m1 * span;
        lock[((start + u) % samples) * 2 + c] = value;
      }
    }
  }
  for (let c = 0; c < 2; c++) {
    let mean = 0;
    for (let i = 0; i < samples; i++) mean += lock[i * 2 + c] / samples;
    for (let i = 0; i < samples; i++) lock[i * 2 + c] -= mean;
  }
  return lock;
}

/** Linear interpolation of a keyframe's foot lock at `phase` into x and z of `out`. */
export function addFootLock(keyframe: GaitKeyframe, samples: number, phase: number, weight: number, out: [number, number, number]): void {
  const x = phase * samples;
  const i0 = Math.floor(x) % samples;
  const i1 = (i0 + 1) % samples;
  const t = x - Math.floor(x);
  const lock = keyframe.footLockM;
  out[0] += weight * (lock[i0 * 2] * (1 - t) + lock[i1 * 2] * t);
  out[2] += weight * (lock[i0 * 2 + 1] * (1 - t) + lock[i1 * 2 + 1] * t);
}

/**
 * Least-squares slope of (phase, z) points. An interval may run past the cycle's end: the
 * body-relative foot position is periodic (the travel is taken out), so z continues there.
 */
function fitSlope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p[0], 0) / n;
  const my = points.reduce((a, p) => a + p[1], 0) / n;
  let sxy = 0, sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) * (x - mx);
  }
  return sxx > 0 ? sxy / sxx : 0;
}

/** Builds the walk rig of a skeleton from the given clips (default: the bundled ones). */
export function buildWalkRig(skeleton: PoseSkeleton, clips: readonly WalkClipData[] = WALK_CLIPS): WalkRig {
  if (clips.length === 0) throw new ClonedPersonError('E_MOTION_INVALID', 'no walk clips');
  const rest = restGlobals(skeleton);
  const leg = legLengthM(skeleton) ?? WALK_RIG_DEFAULTS.legLengthM;
  const restLocal = new Float64Array(skeleton.bones.length * 4);
  skeleton.bones.forEach((bone, b) => restLocal.set(bone.restRotation, b * 4));
  const rig: WalkRig = {
    skeleton,
    clips: clips.map((clip) => retargetClip(skeleton, clip, rest, leg)),
    keyframes: [],
    legLengthM: leg,
    restGlobal: rest.rotations,
    restLocal,
  };
  const feet = feetOf(skeleton);
  if (feet.length < 2) return rig; // not a walker: walkPose keeps the rest pose
  const restAnkleY = Math.min(...feet.map((f) => rest.positions[f * 3 + 1]));
  const measured = clips.map((_, c) => measureKeyframe(rig, c, 1, restAnkleY));
  const slowest = measured.reduce((a, b) => (b.speedMps < a.speedMps ? b : a));
  rig.keyframes = [
    measureKeyframe(rig, slowest.clip, 0, restAnkleY),
    ...WALK_RIG_DEFAULTS.fadeAmplitudes.map((a) => measureKeyframe(rig, slowest.clip, a, restAnkleY)),
    ...measured.sort((a, b) => a.speedMps - b.speedMps),
  ];
  return rig;
}
