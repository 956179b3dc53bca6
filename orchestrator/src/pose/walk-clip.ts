/**
 * A walk clip as the pose module keeps it: one seamless gait cycle of a motion capture clip,
 * resampled at evenly spaced walk phases (phase 0 = left heel strike, 0.5 = right heel strike),
 * turned to walk along +Z, with the root's travel taken out (what remains is sway, bob and the
 * surge around constant speed). Plain numbers only, so the clips compile into a generated module
 * (clips.generated.ts, written by scripts/generate-walk-clips.ts) that both players bundle.
 * Units are the clip's own (CMU: about 14.3 units from hip to ankle).
 */
import { quatSlerp, readQuat } from './quaternion.js';
import type { Quat } from './quaternion.js';

export interface WalkClipJoint {
  name: string;
  /** Parent index, -1 for the root; parents come first. */
  parent: number;
  /** Position in the parent's frame, clip units. */
  offset: [number, number, number];
}

export interface WalkClipData {
  /** e.g. `cmu_07_01_walk`. */
  name: string;
  /** The BVH file it was cut from. */
  source: string;
  joints: WalkClipJoint[];
  /** Local rotations of the reference pose (the T-pose the CMU clips start with), 4 per joint. */
  reference: number[];
  /** Local rotations of the standing pose (the cycle's mean, legs straight as in the reference), 4 per joint. */
  standing: number[];
  /** Samples per cycle (at phases i / samples). */
  samples: number;
  /** samples x joints x 4: local rotations per sample. */
  rotations: number[];
  /** samples x 3: root position minus its travel and mean (x lateral, y up, z forward), clip units. */
  rootOffsets: number[];
  /** Root travel per cycle, clip units. */
  cycleLength: number;
  /** Hip to knee to ankle, clip units (mean of both legs). */
  legLength: number;
  /** Duration of the captured cycle, seconds. */
  cycleDurationS: number;
  /** Phases [start, end) when each foot is flat on the ground (end may exceed 1: wraps). */
  leftFootFlat: [number, number];
  rightFootFlat: [number, number];
  /** Source frames (fractional) of the left heel strikes that bound the cycle, and the right one between. */
  sourceFrames: { start: number; rightStrike: number; end: number };
}

/** Interpolated local rotations (4 per joint) and root offset of a clip at `phase` (wraps). */
export function sampleWalkClip(clip: WalkClipData, phase: number, rotations: Float64Array, rootOffset: [number, number, number]): void {
  const n = clip.samples;
  const j = clip.joints.length;
  const x = (((phase % 1) + 1) % 1) * n;
  const i0 = Math.floor(x) % n;
  const i1 = (i0 + 1) % n;
  const t = x - Math.floor(x);
  const a: Quat = [0, 0, 0, 1];
  const b: Quat = [0, 0, 0, 1];
  const q: Quat = [0, 0, 0, 1];
  for (let k = 0; k < j; k++) {
    readQuat(a, clip.rotations, i0 * j + k);
    readQuat(b, clip.rotations, i1 * j + k);
    quatSlerp(q, a, b, t);
    rotations.set(q, k * 4);
  }
  for (let c = 0; c < 3; c++) rootOffset[c] = clip.rootOffsets[i0 * 3 + c] * (1 - t) + clip.rootOffsets[i1 * 3 + c] * t;
}

/** Walking speed of a clip in leg lengths per second (what clips are blended by). */
export function clipSpeedLegsPerS(clip: WalkClipData): number {
  return clip.cycleLength / clip.legLength / clip.cycleDurationS;
}
