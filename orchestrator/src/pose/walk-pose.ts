/**
 * The walk pose both players apply: for a skeleton, a walk phase, a speed and a person, the
 * local rotation of every bone and the root's offset from rest, from the motion-captured walk
 * clips (clips.generated.ts) retargeted to the skeleton (walk-rig.ts). Pure and deterministic;
 * compiles without Node types (it is bundled into the Unity player).
 *
 * Speed picks the gait: standing still at 0, the slow clip faded in from the standing pose up to
 * its captured speed, then a blend of the clips by speed, and beyond the fastest clip that clip
 * with a quicker cadence. The person's seed shifts the speed the gait style is chosen for (up to
 * +-12%) and scales the arm swing (0.8 to 1.25). The distance a cycle covers at that gait is
 * {@link walkCycleLengthM}: a walk phase that advances by distance / cycle length keeps the
 * planted foot in place.
 */
import type { PoseSkeleton } from './pose-skeleton.js';
import { quatSlerp, readQuat } from './quaternion.js';
import type { Quat } from './quaternion.js';
import { addFootLock, buildWalkRig, evaluateClip } from './walk-rig.js';
import type { GaitKeyframe, WalkRig } from './walk-rig.js';

export interface WalkPoseInput {
  /** [0, 1): 0 = left heel strike, 0.5 = right heel strike. */
  walkPhase: number;
  /** Walking speed, m/s (0 = standing). */
  speedMps: number;
  /** The person's gait variation (see {@link gaitSeed}); none when absent. */
  personSeed?: number;
}

export interface WalkPose {
  /** Local rotation per bone, [x, y, z, w] each, glTF space (replaces the node's rotation). */
  rotations: Float64Array;
  /** The root bone's offset from its rest translation, metres, in its parent's (the model's) space. */
  rootOffsetM: [number, number, number];
}

export interface GaitStyle {
  /** The gait is chosen for speed x this factor. */
  styleSpeedFactor: number;
  /** Arm swing relative to the captured one. */
  armSwing: number;
}

export const GAIT_STYLE_RANGE = { styleSpeedFactor: [0.88, 1.12] as const, armSwing: [0.8, 1.25] as const };

const rigs = new WeakMap<PoseSkeleton, WalkRig>();

/** The (cached) walk rig of a skeleton. */
export function walkRigOf(skeleton: PoseSkeleton): WalkRig {
  let rig = rigs.get(skeleton);
  if (!rig) {
    rig = buildWalkRig(skeleton);
    rigs.set(skeleton, rig);
  }
  return rig;
}

/** A person's gait seed from their character id (FNV-1a over the UTF-16 code units; both players use it). */
export function gaitSeed(characterId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < characterId.length; i++) {
    hash ^= characterId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The gait variation of a seed (mulberry32 draws); the neutral style without a seed. */
export function gaitStyle(personSeed?: number): GaitStyle {
  if (personSeed === undefined) return { styleSpeedFactor: 1, armSwing: 1 };
  let state = personSeed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const [s0, s1] = GAIT_STYLE_RANGE.styleSpeedFactor;
  const [a0, a1] = GAIT_STYLE_RANGE.armSwing;
  return { styleSpeedFactor: s0 + (s1 - s0) * next(), armSwing: a0 + (a1 - a0) * next() };
}

/** The two keyframes around `speed` and the weight of the second. */
function bracket(keyframes: readonly GaitKeyframe[], speed: number): [GaitKeyframe, GaitKeyframe, number] {
  const last = keyframes[keyframes.length - 1];
  if (speed >= last.speedMps) return [last, last, 0];
  let k = 0;
  while (k + 1 < keyframes.length && keyframes[k + 1].speedMps <= speed) k++;
  const a = keyframes[k], b = keyframes[k + 1];
  return [a, b, (speed - a.speedMps) / (b.speedMps - a.speedMps)];
}

/**
 * Distance the body advances per walk cycle at `speedMps` for this skeleton and person, metres
 * (0 at a standstill): the walk phase should advance by distance walked / this.
 */
export function walkCycleLengthM(skeleton: PoseSkeleton, speedMps: number, personSeed?: number): number {
  const rig = walkRigOf(skeleton);
  const style = gaitStyle(personSeed);
  if (rig.keyframes.length === 0) return 0.6 + 0.65 * Math.max(0, speedMps);
  const [a, b, w] = bracket(rig.keyframes, Math.max(0, speedMps) * style.styleSpeedFactor);
  return a.cycleLengthM + (b.cycleLengthM - a.cycleLengthM) * w;
}

let blendScratch = new Float64Array(0);

/** The pose for `input` (see the module comment); writes into `out` when given. */
export function walkPose(skeleton: PoseSkeleton, input: WalkPoseInput, out?: WalkPose): WalkPose {
  const rig = walkRigOf(skeleton);
  const n = skeleton.bones.length;
  const pose = out ?? { rotations: new Float64Array(n * 4), rootOffsetM: [0, 0, 0] };
  if (rig.keyframes.length === 0) {
    pose.rotations.set(rig.restLocal);
    pose.rootOffsetM[0] = pose.rootOffsetM[1] = pose.rootOffsetM[2] = 0;
    return pose;
  }
  const style = gaitStyle(input.personSeed);
  const phase = ((input.walkPhase % 1) + 1) % 1;
  const [a, b, w] = bracket(rig.keyframes, Math.max(0, input.speedMps) * style.styleSpeedFactor);
  const offset = pose.rootOffsetM;
  if (a.clip === b.clip) {
    evaluateClip(rig, rig.clips[a.clip], phase, a.amplitude + (b.amplitude - a.amplitude) * w, style.armSwing, pose.rotations, offset);
  } else {
    if (blendScratch.length < n * 4) blendScratch = new Float64Array(n * 4);
    const second: [number, number, number] = [0, 0, 0];
    evaluateClip(rig, rig.clips[a.clip], phase, a.amplitude, style.armSwing, pose.rotations, offset);
    evaluateClip(rig, rig.clips[b.clip], phase, b.amplitude, style.armSwing, blendScratch, second);
    const qa: Quat = [0, 0, 0, 1], qb: Quat = [0, 0, 0, 1];
    for (let k = 0; k < n; k++) pose.rotations.set(quatSlerp(qa, readQuat(qa, pose.rotations, k), readQuat(qb, blendScratch, k), w), k * 4);
    for (let c = 0; c < 3; c++) offset[c] += (second[c] - offset[c]) * w;
  }
  offset[1] += a.heightCorrectionM + (b.heightCorrectionM - a.heightCorrectionM) * w;
  addFootLock(a, rig.clips[a.clip].clip.samples, phase, 1 - w, offset);
  addFootLock(b, rig.clips[b.clip].clip.samples, phase, w, offset);
  return pose;
}
