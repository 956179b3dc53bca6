/**
 * Decoders for users' DeepFashion2 models (registry kinds `garment-detector` and
 * `garment-landmarks`; layouts in model-description.ts and the README's Models section):
 * output tensors -> garments and landmarks in image pixels, given the region of the photo the
 * input was sampled from. Pure.
 */
import { ClonedPersonError } from '../../shared/errors.js';
import { isGarmentCategory } from '../../contracts/garment-categories.js';
import type { GarmentCategory } from '../../contracts/garment-categories.js';
import { nonMaxSuppression } from './box-nms.js';
import { regionToImage } from './crop-region.js';
import type { Box, CropRegion } from './crop-region.js';

export interface Tensor {
  data: Float32Array;
  dims: readonly number[];
}

export interface GarmentDetection {
  category: GarmentCategory;
  /** [x1, y1, x2, y2] in image pixels. */
  box: Box;
  score: number;
}

/** DeepFashion2 landmark counts per category (1 short-sleeve top ... 13 sling dress); 294 in all. */
export const DF2_LANDMARK_COUNTS: Readonly<Record<GarmentCategory, number>> = { 1: 25, 2: 33, 3: 31, 4: 39, 5: 15, 6: 15, 7: 10, 8: 14, 9: 8, 10: 29, 11: 37, 12: 19, 13: 19 };

/** The first of a category's channels among the 294 (categories in id order). */
export function df2LandmarkOffset(category: GarmentCategory): number {
  let offset = 0;
  for (let c = 1; c < category; c++) offset += DF2_LANDMARK_COUNTS[c as GarmentCategory];
  return offset;
}

export interface GarmentDetectorDecoding {
  format: 'detections' | 'yolo';
  boxFormat: 'xyxy' | 'yxyx' | 'cxcywh';
  boxUnits: 'pixels' | 'normalized';
  classOffset: number;
  scoreThreshold: number;
  iouThreshold: number;
  /** Fraction of the person box added on each side for the detector's crop. */
  boxPadding: number;
}

export interface GarmentLandmarkDecoding {
  format: 'heatmaps' | 'coordinates';
  units: 'pixels' | 'normalized';
  channels: 'df2-294' | 'category';
  category?: GarmentCategory;
  /** Fraction of the garment box added on each side for the landmark model's crop. */
  boxPadding: number;
}

/** A detector's decoding section with defaults (validated by model-description.ts). */
export function garmentDetectorDecoding(section: Record<string, unknown> = {}): GarmentDetectorDecoding {
  const format = section.format as GarmentDetectorDecoding['format'];
  return {
    format,
    boxFormat: format === 'yolo' ? 'cxcywh' : ((section.boxFormat as GarmentDetectorDecoding['boxFormat']) ?? 'xyxy'),
    boxUnits: (section.boxUnits as GarmentDetectorDecoding['boxUnits']) ?? 'pixels',
    classOffset: (section.classOffset as number) ?? (format === 'yolo' ? 1 : 0),
    scoreThreshold: (section.scoreThreshold as number) ?? 0.3,
    iouThreshold: (section.iouThreshold as number) ?? 0.5,
    boxPadding: (section.boxPadding as number) ?? 0.1,
  };
}

/** A landmark model's decoding section with defaults (validated by model-description.ts). */
export function garmentLandmarkDecoding(section: Record<string, unknown> = {}): GarmentLandmarkDecoding {
  return {
    format: section.format as GarmentLandmarkDecoding['format'],
    units: (section.units as GarmentLandmarkDecoding['units']) ?? 'pixels',
    channels: (section.channels as GarmentLandmarkDecoding['channels']) ?? 'df2-294',
    ...(section.category !== undefined ? { category: section.category as GarmentCategory } : {}),
    boxPadding: (section.boxPadding as number) ?? 0.1,
  };
}

function fail(message: string, dims: readonly number[]): never {
  throw new ClonedPersonError('E_MODEL', `${message} (got [${dims.join(', ')}])`, { details: { dims } });
}

/** A box in the decoding's format and units to normalised [x1, y1, x2, y2] of the input. */
function normalisedBox(v: ArrayLike<number>, decoding: GarmentDetectorDecoding, input: { widthPx: number; heightPx: number }): Box {
  let [x1, y1, x2, y2] = [v[0], v[1], v[2], v[3]];
  if (decoding.boxFormat === 'yxyx') [x1, y1, x2, y2] = [v[1], v[0], v[3], v[2]];
  else if (decoding.boxFormat === 'cxcywh') [x1, y1, x2, y2] = [v[0] - v[2] / 2, v[1] - v[3] / 2, v[0] + v[2] / 2, v[1] + v[3] / 2];
  if (decoding.boxUnits === 'pixels') return [x1 / input.widthPx, y1 / input.heightPx, x2 / input.widthPx, y2 / input.heightPx];
  return [x1, y1, x2, y2];
}

function toImage(box: Box, region: CropRegion): Box {
  const [x1, y1] = regionToImage(region, box[0], box[1]);
  const [x2, y2] = regionToImage(region, box[2], box[3]);
  return [x1, y1, x2, y2];
}

/**
 * Garments from a detector's outputs (roles `boxes`/`scores`/`classes`, or `predictions` for
 * yolo) over `region`: score threshold, DF2 ids (class + classOffset, others dropped),
 * per-category NMS, best first.
 */
export function decodeGarmentDetections(outputs: Readonly<Record<string, Tensor>>, decoding: GarmentDetectorDecoding, input: { widthPx: number; heightPx: number }, region: CropRegion): GarmentDetection[] {
  const found: GarmentDetection[] = [];
  const add = (box: ArrayLike<number>, classIndex: number, score: number): void => {
    const category = Math.round(classIndex) + decoding.classOffset;
    if (!(score >= decoding.scoreThreshold) || !isGarmentCategory(category)) return;
    const image = toImage(normalisedBox(box, decoding, input), region);
    if (image[2] <= image[0] || image[3] <= image[1]) return;
    found.push({ category, box: image, score });
  };
  if (decoding.format === 'detections') {
    const { boxes, scores, classes } = outputs;
    const n = scores.data.length;
    if (boxes.data.length !== 4 * n || classes.data.length !== n) fail(`boxes must be [N, 4] and classes [N] for the ${n} scores`, boxes.dims);
    for (let i = 0; i < n; i++) add(boxes.data.subarray(4 * i, 4 * i + 4), classes.data[i], scores.data[i]);
  } else {
    const { data, dims } = outputs.predictions;
    const channels = 4 + 13;
    if (dims.length !== 3) fail('yolo predictions must be [1, 17, anchors] or [1, anchors, 17]', dims);
    const channelsFirst = dims[1] === channels && dims[2] !== channels;
    if (!channelsFirst && dims[2] !== channels) fail('yolo predictions must be [1, 17, anchors] or [1, anchors, 17]', dims);
    const anchors = channelsFirst ? dims[2] : dims[1];
    const at = (a: number, c: number): number => (channelsFirst ? data[c * anchors + a] : data[a * channels + c]);
    const box = new Float32Array(4);
    for (let a = 0; a < anchors; a++) {
      let best = 0;
      for (let c = 1; c < 13; c++) if (at(a, 4 + c) > at(a, 4 + best)) best = c;
      for (let k = 0; k < 4; k++) box[k] = at(a, k);
      add(box, best, at(a, 4 + best));
    }
  }
  return nonMaxSuppression(found, decoding.iouThreshold, (a, b) => a.category === b.category);
}

/**
 * The DF2 landmarks of `category` (in DF2 order) from a landmark model's output over `region`,
 * in image pixels, with a confidence each (heatmap peak; 1 for coordinate outputs). Heatmap
 * pixel (i, j) covers [i, i + 1) x [j, j + 1) of the map stretched over the input; the peak
 * moves a quarter pixel towards its higher neighbour, as HRNet decodes.
 */
export function decodeGarmentLandmarks(output: Tensor, decoding: GarmentLandmarkDecoding, category: GarmentCategory, input: { widthPx: number; heightPx: number }, region: CropRegion): { points: [number, number][]; scores: number[] } {
  const count = DF2_LANDMARK_COUNTS[category];
  const first = decoding.channels === 'df2-294' ? df2LandmarkOffset(category) : 0;
  const total = decoding.channels === 'df2-294' ? 294 : count;
  if (decoding.channels === 'category' && decoding.category !== category) {
    throw new ClonedPersonError('E_MODEL', `this landmark model is for DeepFashion2 category ${decoding.category}, not ${category}`, { details: { category } });
  }
  const points: [number, number][] = [];
  const scores: number[] = [];
  if (decoding.format === 'heatmaps') {
    const { data, dims } = output;
    if (dims.length !== 4 || dims[1] !== total) fail(`landmark heatmaps must be [1, ${total}, h, w]`, dims);
    const [h, w] = [dims[2], dims[3]];
    for (let k = first; k < first + count; k++) {
      const map = data.subarray(k * h * w, (k + 1) * h * w);
      let best = 0;
      for (let p = 1; p < map.length; p++) if (map[p] > map[best]) best = p;
      const x = best % w;
      const y = Math.floor(best / w);
      let fx = x + 0.5;
      let fy = y + 0.5;
      if (x > 0 && x < w - 1) fx += 0.25 * Math.sign(map[best + 1] - map[best - 1]);
      if (y > 0 && y < h - 1) fy += 0.25 * Math.sign(map[best + w] - map[best - w]);
      points.push(regionToImage(region, fx / w, fy / h));
      scores.push(map[best]);
    }
  } else {
    const { data, dims } = output;
    if (data.length !== 2 * total) fail(`landmark coordinates must be [1, ${total}, 2] or [1, ${2 * total}]`, dims);
    for (let k = first; k < first + count; k++) {
      let [u, v] = [data[2 * k], data[2 * k + 1]];
      if (decoding.units === 'pixels') [u, v] = [u / input.widthPx, v / input.heightPx];
      points.push(regionToImage(region, u, v));
      scores.push(1);
    }
  }
  return { points, scores };
}
