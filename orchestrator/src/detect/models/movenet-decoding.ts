/**
 * MoveNet outputs to people in image pixels. Pure.
 * - MultiPose `[1, P, 56]`: per person 17 keypoints as (y, x, score), then the box (ymin, xmin,
 *   ymax, xmax, score), all coordinates normalised to the model input.
 * - SinglePose (Lightning, Thunder) `[1, 1, 17, 3]`: 17 keypoints (y, x, score).
 * Keypoints are in COCO order (nose, eyes, ears, shoulders, elbows, wrists, hips, knees, ankles;
 * left before right, the subject's own sides).
 */
import { ClonedPersonError } from '../../shared/errors.js';
import { nonMaxSuppression } from './box-nms.js';
import { regionToImage } from './crop-region.js';
import type { Box, CropRegion } from './crop-region.js';

export type Keypoint = [x: number, y: number, score: number];

export const COCO_KEYPOINT_COUNT = 17;

export interface DecodedPerson {
  box: Box;
  score: number;
  keypoints: Keypoint[];
}

export interface MultiPoseDecoding {
  /** People whose box score is below this are dropped (0..1). */
  scoreThreshold: number;
  /** Overlapping people above this IoU are merged into the best one. */
  iouThreshold: number;
}

export const MULTIPOSE_DECODING_DEFAULTS: MultiPoseDecoding = { scoreThreshold: 0.2, iouThreshold: 0.5 };

function clipBox(box: Box, width: number, height: number): Box {
  return [Math.max(0, Math.min(width, box[0])), Math.max(0, Math.min(height, box[1])), Math.max(0, Math.min(width, box[2])), Math.max(0, Math.min(height, box[3]))];
}

/**
 * Decodes a MultiPose output over `region` (the square the input was sampled from) into people
 * in image pixels, boxes clipped to the photo, after the score threshold and NMS, best first.
 */
export function decodeMultiPose(output: { data: Float32Array; dims: readonly number[] }, region: CropRegion, image: { width: number; height: number }, options: MultiPoseDecoding = MULTIPOSE_DECODING_DEFAULTS): DecodedPerson[] {
  const stride = output.dims[output.dims.length - 1];
  if (stride !== 56 || output.data.length % 56 !== 0) {
    throw new ClonedPersonError('E_MODEL', `a MoveNet MultiPose output must be [1, people, 56], got [${output.dims.join(', ')}]`, { details: { dims: output.dims } });
  }
  const people: DecodedPerson[] = [];
  for (let p = 0; p < output.data.length / 56; p++) {
    const row = output.data.subarray(p * 56, (p + 1) * 56);
    const score = row[55];
    if (!(score >= options.scoreThreshold)) continue;
    const keypoints: Keypoint[] = [];
    for (let k = 0; k < COCO_KEYPOINT_COUNT; k++) {
      const [x, y] = regionToImage(region, row[3 * k + 1], row[3 * k]);
      keypoints.push([x, y, row[3 * k + 2]]);
    }
    const [x1, y1] = regionToImage(region, row[52], row[51]);
    const [x2, y2] = regionToImage(region, row[54], row[53]);
    const box = clipBox([x1, y1, x2, y2], image.width, image.height);
    if (box[2] - box[0] <= 0 || box[3] - box[1] <= 0) continue;
    people.push({ box, score, keypoints });
  }
  return nonMaxSuppression(people, options.iouThreshold);
}

/** Decodes a SinglePose output over `region` into 17 keypoints in image pixels. */
export function decodeSinglePose(output: { data: Float32Array; dims: readonly number[] }, region: CropRegion): Keypoint[] {
  if (output.data.length !== COCO_KEYPOINT_COUNT * 3) {
    throw new ClonedPersonError('E_MODEL', `a MoveNet SinglePose output must be [1, 1, 17, 3], got [${output.dims.join(', ')}]`, { details: { dims: output.dims } });
  }
  const keypoints: Keypoint[] = [];
  for (let k = 0; k < COCO_KEYPOINT_COUNT; k++) {
    const [x, y] = regionToImage(region, output.data[3 * k + 1], output.data[3 * k]);
    keypoints.push([x, y, output.data[3 * k + 2]]);
  }
  return keypoints;
}
