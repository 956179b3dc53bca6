/**
 * A person's body as the garment estimate sees it: the COCO joints per side ([right, left], the
 * order of the ClonedPerson landmark lists), a few lengths, and one coordinate down the body,
 * `z`: 0 at the shoulder line, 1 at the hip line, 2 at the knees, 3 at the ankles (along each
 * leg below the hips). Widths of limbs are not in the keypoints; the expectations here are
 * typical adult proportions relative to the distance between the shoulder joints. Pure.
 */
import type { Point2 } from '../geometry/point.js';
import { LIMBS, distance, lerp, midpoint, pointOf } from './coco-keypoints.js';
import type { Keypoint, Side } from './coco-keypoints.js';

type Pair = readonly [Point2, Point2];

/** Typical widths (full widths) relative to the shoulder-joint distance. */
export const BODY_PROPORTIONS = {
  upperArm: 0.3,
  forearm: 0.24,
  thigh: 0.5,
  knee: 0.34,
  ankle: 0.2,
  neck: 0.36,
} as const;

export interface BodyFrame {
  shoulder: Pair;
  elbow: Pair;
  wrist: Pair;
  hip: Pair;
  knee: Pair;
  ankle: Pair;
  neckBase: Point2;
  hipMid: Point2;
  /** Distance between the shoulder joints, pixels: the unit of the estimate's widths. */
  shoulderWidthPx: number;
  hipWidthPx: number;
  /** Neck base to hip midpoint, pixels. */
  torsoLengthPx: number;
}

function pair(keypoints: readonly Keypoint[], indices: readonly [number, number]): Pair {
  return [pointOf(keypoints[indices[0]]), pointOf(keypoints[indices[1]])];
}

export function bodyFrame(keypoints: readonly Keypoint[]): BodyFrame {
  const shoulder = pair(keypoints, LIMBS.shoulder);
  const hip = pair(keypoints, LIMBS.hip);
  const neckBase = midpoint(shoulder[0], shoulder[1]);
  const hipMid = midpoint(hip[0], hip[1]);
  return {
    shoulder,
    elbow: pair(keypoints, LIMBS.elbow),
    wrist: pair(keypoints, LIMBS.wrist),
    hip,
    knee: pair(keypoints, LIMBS.knee),
    ankle: pair(keypoints, LIMBS.ankle),
    neckBase,
    hipMid,
    shoulderWidthPx: distance(shoulder[0], shoulder[1]),
    hipWidthPx: distance(hip[0], hip[1]),
    torsoLengthPx: distance(neckBase, hipMid),
  };
}

/** The torso's side lines at `u` (0 shoulders .. 1 hips): [right, left] points. */
export function torsoSides(frame: BodyFrame, u: number): Pair {
  return [lerp(frame.shoulder[0], frame.hip[0], u), lerp(frame.shoulder[1], frame.hip[1], u)];
}

/** A point on a leg's centre line at `z` (1 hip, 2 knee, 3 ankle; beyond extrapolates). */
export function legPoint(frame: BodyFrame, side: Side, z: number): Point2 {
  const v = z - 1;
  if (v <= 1) return lerp(frame.hip[side], frame.knee[side], v);
  return lerp(frame.knee[side], frame.ankle[side], v - 1);
}

/** A point on an arm at `a` (0 shoulder, 1 elbow, 2 wrist). */
export function armPoint(frame: BodyFrame, side: Side, a: number): Point2 {
  if (a <= 1) return lerp(frame.shoulder[side], frame.elbow[side], a);
  return lerp(frame.elbow[side], frame.wrist[side], a - 1);
}

/** The unit direction of the arm at `a`. */
export function armDirection(frame: BodyFrame, side: Side, a: number): Point2 {
  const [from, to] = a <= 1 ? [frame.shoulder[side], frame.elbow[side]] : [frame.elbow[side], frame.wrist[side]];
  const length = distance(from, to) || 1;
  return [(to[0] - from[0]) / length, (to[1] - from[1]) / length];
}

/** The unit direction of the leg at `z`. */
export function legDirection(frame: BodyFrame, side: Side, z: number): Point2 {
  const [from, to] = z <= 2 ? [frame.hip[side], frame.knee[side]] : [frame.knee[side], frame.ankle[side]];
  const length = distance(from, to) || 1;
  return [(to[0] - from[0]) / length, (to[1] - from[1]) / length];
}

/** The body's centre point at `z`: on the torso midline above the hips, between the legs below. */
export function centrePoint(frame: BodyFrame, z: number): Point2 {
  if (z <= 1) {
    const [right, left] = torsoSides(frame, z);
    return midpoint(right, left);
  }
  return midpoint(legPoint(frame, 0, z), legPoint(frame, 1, z));
}
