/**
 * View qualification: is this person a clear, front-facing, full-body view whose outfit can be
 * cloned? Pure: keypoints, boxes and the silhouette in, reason codes out (rejection-reasons.ts).
 *
 * - full body: a head keypoint and both shoulders, hips, knees and ankles reach
 *   `minKeypointScore`;
 * - facing the camera: MoveNet's left and right are the subject's, so a person facing the camera
 *   has the left shoulder on the image's right (the authors' first rule); the face is visible
 *   (nose or an eye reaches `minFaceScore`); the shoulders are at least `minShoulderRatio` of the
 *   torso length apart (the authors' side-view rule, W / H < 0.3 is a side view);
 * - size and shape: box height at least `minHeightPx`, height / width in [minAspect, maxAspect];
 * - not truncated: the silhouette (or, without one, the box) does not touch the photo border;
 * - not overlapped: no other person's box covers more than `maxOverlap` of this box;
 * - arms clear of the outfit: no elbow or wrist inside the torso quad (shoulders, hips) or the
 *   thigh quad (hips, knees). The authors widened both by 10% of their width (`armsMargin`
 *   0.1); on Clothing Co-Parsing that rejects a quarter of the views a person would keep (hands
 *   in pockets, on the hips) for no gain in precision, so the default is the joints' own quads.
 */
import type { Point2 } from '../geometry/point.js';
import { COCO, pointOf } from './coco-keypoints.js';
import type { Keypoint } from './coco-keypoints.js';
import type { PersonSilhouette } from './person-silhouette.js';
import type { RejectionReason } from './rejection-reasons.js';
import { REJECTION_ORDER } from './rejection-reasons.js';

export interface QualificationOptions {
  /** Score (0..1) a body keypoint needs to count as visible. */
  minKeypointScore: number;
  /** Score (0..1) the nose or an eye needs for the face to count as visible. */
  minFaceScore: number;
  /** Shortest person box, pixels. */
  minHeightPx: number;
  /** Box height / width range of a standing full-body view. */
  minAspect: number;
  maxAspect: number;
  /** Shoulder width / torso length below which the view is from the side. */
  minShoulderRatio: number;
  /** Distance to the photo border (pixels) that counts as touching it. */
  borderMarginPx: number;
  /** Silhouette cells on the border tolerated before the person counts as truncated (mask noise). */
  maxBorderCells: number;
  /** Share (0..1) of this person's box that another person's box may cover. */
  maxOverlap: number;
  /** Apply the arms-over-body rule. */
  armsClear: boolean;
  /** How far the torso and thigh quads of that rule reach past the joints, as a share of their width at each end (the authors: 0.1; negative shrinks them). */
  armsMargin: number;
}

export const QUALIFICATION_DEFAULTS: Readonly<QualificationOptions> = {
  minKeypointScore: 0.3,
  minFaceScore: 0.3,
  minHeightPx: 160,
  minAspect: 1.6,
  maxAspect: 6,
  minShoulderRatio: 0.3,
  borderMarginPx: 2,
  maxBorderCells: 2,
  maxOverlap: 0.15,
  armsClear: true,
  armsMargin: 0,
};

export interface PersonView {
  /** [x1, y1, x2, y2] in image pixels. */
  box: readonly [number, number, number, number];
  /** COCO-17 keypoints in image pixels (or none). */
  keypoints: readonly Keypoint[];
  silhouette?: PersonSilhouette;
}

export interface PhotoSize {
  widthPx: number;
  heightPx: number;
}

function coveredShare(box: PersonView['box'], other: PersonView['box']): number {
  const w = Math.min(box[2], other[2]) - Math.max(box[0], other[0]);
  const h = Math.min(box[3], other[3]) - Math.max(box[1], other[1]);
  if (w <= 0 || h <= 0) return 0;
  return (w * h) / ((box[2] - box[0]) * (box[3] - box[1]));
}

function insidePolygon(p: Point2, polygon: readonly Point2[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The quad [a right, a left, b left, b right] widened by `alpha` of its width at each end. */
function widenedQuad(aRight: Point2, aLeft: Point2, bLeft: Point2, bRight: Point2, alpha: number): Point2[] {
  const widen = (right: Point2, left: Point2): [Point2, Point2] => {
    const dx = (left[0] - right[0]) * alpha;
    const dy = (left[1] - right[1]) * alpha;
    return [[right[0] - dx, right[1] - dy], [left[0] + dx, left[1] + dy]];
  };
  const [ar, al] = widen(aRight, aLeft);
  const [br, bl] = widen(bRight, bLeft);
  return [ar, al, bl, br];
}

/** Whether a confident elbow or wrist lies in the torso or thigh quad (quads of unsure joints are not drawn). */
function armsOverBody(k: readonly Keypoint[], minScore: number, margin: number): boolean {
  const sure = (...indices: number[]): boolean => indices.every((i) => k[i][2] >= minScore);
  const quads: Point2[][] = [];
  if (sure(COCO.rightShoulder, COCO.leftShoulder, COCO.leftHip, COCO.rightHip)) {
    quads.push(widenedQuad(pointOf(k[COCO.rightShoulder]), pointOf(k[COCO.leftShoulder]), pointOf(k[COCO.leftHip]), pointOf(k[COCO.rightHip]), margin));
  }
  if (sure(COCO.rightHip, COCO.leftHip, COCO.leftKnee, COCO.rightKnee)) {
    quads.push(widenedQuad(pointOf(k[COCO.rightHip]), pointOf(k[COCO.leftHip]), pointOf(k[COCO.leftKnee]), pointOf(k[COCO.rightKnee]), margin));
  }
  return [COCO.leftElbow, COCO.rightElbow, COCO.leftWrist, COCO.rightWrist].some((i) => sure(i) && quads.some((q) => insidePolygon(pointOf(k[i]), q)));
}

/** The reasons (in {@link REJECTION_ORDER}) why `person` is not a usable view; empty when qualified. */
export function qualifyView(person: PersonView, photo: PhotoSize, others: readonly PersonView[], options: QualificationOptions = QUALIFICATION_DEFAULTS): RejectionReason[] {
  const reasons = new Set<RejectionReason>();
  const [x1, y1, x2, y2] = person.box;
  const heightPx = y2 - y1;
  const aspect = heightPx / Math.max(1e-9, x2 - x1);
  if (heightPx < options.minHeightPx) reasons.add('too-small');
  if (aspect < options.minAspect || aspect > options.maxAspect) reasons.add('bad-aspect');

  const margin = options.borderMarginPx;
  if (person.silhouette) {
    const contact = person.silhouette.borderContact(photo.widthPx, photo.heightPx, margin);
    if (Math.max(contact.top, contact.bottom, contact.left, contact.right) > options.maxBorderCells) reasons.add('truncated');
  } else if (x1 <= margin || y1 <= margin || x2 >= photo.widthPx - margin || y2 >= photo.heightPx - margin) {
    reasons.add('truncated');
  }
  if (others.some((other) => other !== person && coveredShare(person.box, other.box) > options.maxOverlap)) reasons.add('overlapped');

  const k = person.keypoints;
  if (k.length !== 17) {
    for (const reason of ['head-hidden', 'shoulders-hidden', 'hips-hidden', 'knees-hidden', 'ankles-hidden'] as const) reasons.add(reason);
  } else {
    const seen = (i: number): boolean => k[i][2] >= options.minKeypointScore;
    const both = (a: number, b: number): boolean => seen(a) && seen(b);
    if (![COCO.nose, COCO.leftEye, COCO.rightEye, COCO.leftEar, COCO.rightEar].some(seen)) reasons.add('head-hidden');
    if (!both(COCO.leftShoulder, COCO.rightShoulder)) reasons.add('shoulders-hidden');
    if (!both(COCO.leftHip, COCO.rightHip)) reasons.add('hips-hidden');
    if (!both(COCO.leftKnee, COCO.rightKnee)) reasons.add('knees-hidden');
    if (!both(COCO.leftAnkle, COCO.rightAnkle)) reasons.add('ankles-hidden');
    if (Math.max(k[COCO.nose][2], k[COCO.leftEye][2], k[COCO.rightEye][2]) < options.minFaceScore) reasons.add('face-hidden');
    const left = k[COCO.leftShoulder];
    const right = k[COCO.rightShoulder];
    if (left[0] <= right[0]) reasons.add('back-view');
    else {
      const shoulderWidth = Math.hypot(left[0] - right[0], left[1] - right[1]);
      const torsoLength = Math.hypot((k[COCO.leftHip][0] + k[COCO.rightHip][0] - left[0] - right[0]) / 2, (k[COCO.leftHip][1] + k[COCO.rightHip][1] - left[1] - right[1]) / 2);
      if (torsoLength > 0 && shoulderWidth / torsoLength < options.minShoulderRatio) reasons.add('side-view');
    }
    if (options.armsClear && armsOverBody(k, options.minKeypointScore, options.armsMargin)) reasons.add('arms-over-body');
  }
  return REJECTION_ORDER.filter((reason) => reasons.has(reason));
}
