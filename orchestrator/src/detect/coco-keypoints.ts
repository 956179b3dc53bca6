/**
 * The COCO-17 keypoint layout the detect stage reads (MoveNet's, and COCO person annotations'):
 * image pixels and a score 0..1 per point. Left and right are the subject's own, so a person
 * facing the camera has the left shoulder on the image's right.
 */
import type { Point2 } from '../geometry/point.js';

/** [x, y, score]: image pixels and a confidence 0..1. */
export type Keypoint = readonly [x: number, y: number, score: number];

export const COCO = {
  nose: 0,
  leftEye: 1,
  rightEye: 2,
  leftEar: 3,
  rightEar: 4,
  leftShoulder: 5,
  rightShoulder: 6,
  leftElbow: 7,
  rightElbow: 8,
  leftWrist: 9,
  rightWrist: 10,
  leftHip: 11,
  rightHip: 12,
  leftKnee: 13,
  rightKnee: 14,
  leftAnkle: 15,
  rightAnkle: 16,
} as const;

export const COCO_KEYPOINT_COUNT = 17;

/** The subject's side: index 0 is right, 1 is left (the order of the ClonedPerson landmark lists). */
export type Side = 0 | 1;
export const SIDES: readonly Side[] = [0, 1];

/** Keypoint indices per limb joint and side ([right, left]). */
export const LIMBS = {
  shoulder: [COCO.rightShoulder, COCO.leftShoulder],
  elbow: [COCO.rightElbow, COCO.leftElbow],
  wrist: [COCO.rightWrist, COCO.leftWrist],
  hip: [COCO.rightHip, COCO.leftHip],
  knee: [COCO.rightKnee, COCO.leftKnee],
  ankle: [COCO.rightAnkle, COCO.leftAnkle],
} as const satisfies Record<string, readonly [number, number]>;

export function pointOf(keypoint: Keypoint): Point2 {
  return [keypoint[0], keypoint[1]];
}

export function midpoint(a: Point2, b: Point2): Point2 {
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
}

export function lerp(a: Point2, b: Point2, t: number): Point2 {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

export function distance(a: Point2, b: Point2): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}
