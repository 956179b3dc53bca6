/**
 * Skin colour, seeded from the person's own face: the cheeks and nose below the eyes give
 * samples, the densest chroma among them (a histogram peak, so sunglasses, hair and shadows
 * drop out) a robust centre and spread in CIE Lab, and a pixel is skin when its lightness is
 * within `darkerL` below and `lighterL` above the face's and its chroma (a, b) lies within
 * `spread` robust deviations of the face's, or, shade-tolerant, has the face's hue within
 * `hueTolerance` degrees at `chromaRatio` of its chroma (limbs in the sun are lighter and paler
 * than a face under hair or a hat, limbs in shade darker: light scales chroma and lightness but
 * keeps the hue; on the Clothing Co-Parsing labels this takes the share of limb skin pixels
 * found from 59-60% to 72% for under 1 point more of clothing pixels taken for skin). Faces
 * whose colour is implausible for skin (a mask, a back of the head) fall back to a broad
 * generic skin range. Pure.
 */
import type { Point2 } from '../geometry/point.js';
import { COCO, distance, midpoint, pointOf } from './coco-keypoints.js';
import type { Keypoint } from './coco-keypoints.js';
import type { Lab, PhotoSampler } from './photo-sampler.js';

export interface SkinModel {
  /** Where the model came from: the face, or the generic range. */
  source: 'face' | 'generic';
  /** Robust centre (median) and spread (1.4826 x MAD, floored) of L, a, b. */
  centre: Lab;
  spread: Lab;
}

export interface SkinModelOptions {
  /** Chroma distance (in robust deviations) still counted as skin. */
  chromaSigmas: number;
  /** Lightness (Lab L) darker / lighter than the face still counted as skin. */
  darkerL: number;
  lighterL: number;
  /** Smallest spread of a and b, so a very even face does not make the test too strict. */
  minChromaSpread: number;
  /** Largest spread of a and b, so a face in mixed light does not take in every warm colour. */
  maxChromaSpread: number;
  /** Chroma distance from the face's densest chroma within which face samples count. */
  peakRadius: number;
  /**
   * Shade tolerance: a colour also counts as skin when its hue (the angle of a, b) is within
   * `hueTolerance` degrees of the face's and its chroma within `chromaRatio` of the face's
   * (light and shade scale chroma with lightness but keep the hue), lightness in range. 0
   * turns the test off.
   */
  hueTolerance: number;
  chromaRatio: readonly [number, number];
  /** Least chroma (Lab) of shade-tolerant skin: greys and whites have none. */
  minChroma: number;
}

export const SKIN_MODEL_DEFAULTS: Readonly<SkinModelOptions> = { chromaSigmas: 3, darkerL: 35, lighterL: 35, minChromaSpread: 2.5, maxChromaSpread: 5, peakRadius: 8, hueTolerance: 15, chromaRatio: [0.5, 1.5], minChroma: 5 };

/** A broad range that holds most skin tones under daylight, for faces that cannot be read. */
export const GENERIC_SKIN: SkinModel = { source: 'generic', centre: [62, 14, 18], spread: [15, 5, 6] };

/** Darker pixels are shadows, sunglasses or hair rather than lit skin. */
const MIN_SKIN_L = 28;

function robust(values: number[]): [number, number] {
  values.sort((x, y) => x - y);
  const median = values[Math.floor(values.length / 2)];
  const deviations = values.map((v) => Math.abs(v - median)).sort((x, y) => x - y);
  return [median, 1.4826 * deviations[Math.floor(deviations.length / 2)]];
}

/** Plausible skin chroma: reddish-yellow, not grey, not blue or green. */
function plausibleSkin(centre: Lab): boolean {
  return centre[1] > 2 && centre[2] > 4 && centre[1] < 40 && centre[2] < 45 && centre[0] >= MIN_SKIN_L;
}

/** The face region's colours: from below the eye line (clear of most sunglasses) to the mouth. */
export function faceSamples(sampler: PhotoSampler, keypoints: readonly Keypoint[], minScore: number): Lab[] {
  const nose = keypoints[COCO.nose];
  const leftEye = keypoints[COCO.leftEye];
  const rightEye = keypoints[COCO.rightEye];
  if (nose[2] < minScore) return [];
  const eyesSeen = leftEye[2] >= minScore && rightEye[2] >= minScore;
  const noseAt = pointOf(nose);
  // the eye distance scales the face; without both eyes, the shoulder width / 5 does
  const shoulders = distance(pointOf(keypoints[COCO.leftShoulder]), pointOf(keypoints[COCO.rightShoulder]));
  const eyeDistance = eyesSeen ? distance(pointOf(leftEye), pointOf(rightEye)) : shoulders / 5;
  if (!(eyeDistance > 1)) return [];
  const eyeLine: Point2 = eyesSeen ? midpoint(pointOf(leftEye), pointOf(rightEye)) : [noseAt[0], noseAt[1] - 0.45 * eyeDistance];
  const top = eyeLine[1] + 0.4 * (noseAt[1] - eyeLine[1]);
  const bottom = noseAt[1] + 0.5 * eyeDistance;
  const half = 0.55 * eyeDistance;
  const step = Math.max(1, eyeDistance / 12);
  const out: Lab[] = [];
  for (let y = top; y <= bottom; y += step) {
    for (let x = noseAt[0] - half; x <= noseAt[0] + half; x += step) if (sampler.onPerson(x, y)) out.push(sampler.labAt(x, y));
  }
  return out;
}

/**
 * The densest chroma among the face samples: the peak of a (2-unit) histogram of a and b,
 * smoothed over its 8 neighbours. Sunglasses, hair and shadows are other peaks or spread thin.
 */
function chromaPeak(samples: readonly Lab[]): [number, number] {
  const size = 64;
  const offset = 32;
  const bins = new Float64Array(size * size);
  const bin = (v: number): number => Math.max(0, Math.min(size - 1, Math.floor(v / 2) + offset));
  for (const c of samples) if (c[0] >= MIN_SKIN_L) bins[bin(c[2]) * size + bin(c[1])]++;
  let best = 0;
  let bestAt = [0, 0];
  for (let j = 1; j < size - 1; j++) {
    for (let i = 1; i < size - 1; i++) {
      let sum = 0;
      for (let dj = -1; dj <= 1; dj++) for (let di = -1; di <= 1; di++) sum += bins[(j + dj) * size + i + di];
      if (sum > best) {
        best = sum;
        bestAt = [i, j];
      }
    }
  }
  return [(bestAt[0] - offset) * 2 + 1, (bestAt[1] - offset) * 2 + 1];
}

/** The skin model seeded from the face (see the module doc); generic when the face gives too little. */
export function skinModelFromFace(sampler: PhotoSampler, keypoints: readonly Keypoint[], minScore: number, options: SkinModelOptions = SKIN_MODEL_DEFAULTS): SkinModel {
  const samples = faceSamples(sampler, keypoints, minScore);
  if (samples.length < 12) return GENERIC_SKIN;
  // keep the samples around the densest chroma, then take robust statistics of those
  const [pa, pb] = chromaPeak(samples);
  const near = samples.filter((c) => Math.hypot(c[1] - pa, c[2] - pb) <= options.peakRadius && c[0] >= MIN_SKIN_L);
  if (near.length < 8) return GENERIC_SKIN;
  const [l, sl] = robust(near.map((c) => c[0]));
  const [a, sa] = robust(near.map((c) => c[1]));
  const [b, sb] = robust(near.map((c) => c[2]));
  const centre: Lab = [l, a, b];
  if (!plausibleSkin(centre)) return GENERIC_SKIN;
  const spread = (v: number): number => Math.min(options.maxChromaSpread, Math.max(options.minChromaSpread, v));
  return { source: 'face', centre, spread: [sl, spread(sa), spread(sb)] };
}

/** The shade-tolerant chroma test (see {@link SkinModelOptions.hueTolerance}). */
function sameHue(colour: Lab, model: SkinModel, options: SkinModelOptions): boolean {
  if (options.hueTolerance <= 0) return false;
  const chroma2 = colour[1] * colour[1] + colour[2] * colour[2];
  const face2 = model.centre[1] * model.centre[1] + model.centre[2] * model.centre[2];
  const [lo, hi] = options.chromaRatio;
  if (chroma2 < options.minChroma * options.minChroma || chroma2 < lo * lo * face2 || chroma2 > hi * hi * face2) return false;
  // the angle between the two chroma vectors, by its cosine
  const dot = colour[1] * model.centre[1] + colour[2] * model.centre[2];
  return dot >= Math.cos((options.hueTolerance * Math.PI) / 180) * Math.sqrt(chroma2 * face2);
}

/** Whether a colour is skin under `model`. */
export function isSkin(colour: Lab, model: SkinModel, options: SkinModelOptions = SKIN_MODEL_DEFAULTS): boolean {
  const dl = colour[0] - model.centre[0];
  const darker = model.source === 'generic' ? 2 * model.spread[0] : options.darkerL;
  const lighter = model.source === 'generic' ? 2 * model.spread[0] : options.lighterL;
  if (dl < -darker || dl > lighter) return false;
  const da = (colour[1] - model.centre[1]) / model.spread[1];
  const db = (colour[2] - model.centre[2]) / model.spread[2];
  return da * da + db * db <= options.chromaSigmas * options.chromaSigmas || sameHue(colour, model, options);
}

/** Share (0..1) of `colours` that are skin; 0 for none. */
export function skinShare(colours: readonly Lab[], model: SkinModel, options: SkinModelOptions = SKIN_MODEL_DEFAULTS): number {
  if (colours.length === 0) return 0;
  let n = 0;
  for (const c of colours) if (isSkin(c, model, options)) n++;
  return n / colours.length;
}
