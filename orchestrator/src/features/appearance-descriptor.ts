/**
 * The built-in appearance descriptor, used when no re-ID model is given: colour and texture
 * statistics over horizontal stripes of the person crop, in the spirit of LOMO (Liao et al.,
 * CVPR 2015) and ELF (Gray and Tao, ECCV 2008). Stripes keep the vertical layout of an outfit
 * (top colour above bottom colour) while staying tolerant to pose and small misalignment.
 *
 * The crop is resized to 48 x 128 px (Lanczos) and cut into 8 horizontal stripes. Pixels are
 * weighted by a horizontal Gaussian centred on the crop (sigma 0.35 x width) and by how much
 * they differ from the row's border colours (detector crops show background at their sides),
 * which damps the background. Per stripe:
 * - hue: 12 circular bins, soft-assigned, each pixel voting with saturation x value (grey
 *   pixels carry no hue);
 * - achromatic value: 8 bins of V, voting with 1 - saturation (black/grey/white clothes);
 * - saturation: 4 bins;
 * - texture: 6 bins of unsigned gradient orientation voting with gradient magnitude, and 4
 *   bins of log gradient magnitude (smooth cloth vs prints and stripes).
 * Every histogram is normalised to sum 1 and square-rooted (Hellinger mapping), groups are
 * weighted (colour counts most) and the whole 272-dimensional vector is L2-normalised, so
 * cosine distance is the natural metric. Its eps pair is calibrated on synthetic people (see
 * orchestrator/data/models/builtin-appearance.json).
 */
import { checkRawImage, convertChannels } from '../imaging/raw-image.js';
import type { RawImage } from '../imaging/raw-image.js';
import { resizeLanczos } from '../imaging/resize.js';
import { rgbToHsv, luma } from '../imaging/colour.js';

export const APPEARANCE_DESCRIPTOR = {
  name: 'appearance-v1',
  widthPx: 48,
  heightPx: 128,
  stripes: 8,
  hueBins: 12,
  valueBins: 8,
  saturationBins: 4,
  orientationBins: 6,
  magnitudeBins: 4,
  centreSigma: 0.35,
  /** Outer columns on each side taken as the row's background colour. */
  borderColumns: 3,
  /** RGB distance at which a pixel counts as foreground with weight 1 - 1/e. */
  backgroundTau: 40,
  /** Group weights applied after the Hellinger mapping: hue, value, saturation, orientation, magnitude. */
  weights: [1.0, 0.8, 0.5, 0.45, 0.35],
} as const;

const PER_STRIPE =
  APPEARANCE_DESCRIPTOR.hueBins +
  APPEARANCE_DESCRIPTOR.valueBins +
  APPEARANCE_DESCRIPTOR.saturationBins +
  APPEARANCE_DESCRIPTOR.orientationBins +
  APPEARANCE_DESCRIPTOR.magnitudeBins;

/** Length of the descriptor (272). */
export const APPEARANCE_DIM = PER_STRIPE * APPEARANCE_DESCRIPTOR.stripes;

/** Adds `weight` to a histogram at fractional position `pos` (linear soft assignment). */
function softVote(hist: Float64Array, offset: number, bins: number, pos: number, weight: number, circular: boolean): void {
  const x = pos * bins - 0.5;
  let lo = Math.floor(x);
  const t = x - lo;
  let hi = lo + 1;
  if (circular) {
    lo = (lo + bins) % bins;
    hi = hi % bins;
  } else {
    if (lo < 0) lo = 0;
    if (hi > bins - 1) hi = bins - 1;
  }
  hist[offset + lo] += weight * (1 - t);
  hist[offset + hi] += weight * t;
}

/**
 * Foreground weight per pixel: 0.05 + 0.95 (1 - exp(-(d / tau)^2)), d being the RGB distance to the nearer
 * of the row's left and right border colours (mean of the outer columns). Detector crops show
 * background at their sides, so pixels that look like it count less.
 */
function foregroundWeights(rgb: Uint8Array, W: number, H: number): Float64Array {
  const { borderColumns, backgroundTau } = APPEARANCE_DESCRIPTOR;
  const out = new Float64Array(W * H);
  const left = [0, 0, 0];
  const right = [0, 0, 0];
  for (let y = 0; y < H; y++) {
    left.fill(0);
    right.fill(0);
    // borders averaged over three rows, so a thin stripe does not look like background
    let count = 0;
    for (let yy = Math.max(0, y - 1); yy <= Math.min(H - 1, y + 1); yy++) {
      for (let x = 0; x < borderColumns; x++) {
        for (let c = 0; c < 3; c++) {
          left[c] += rgb[3 * (yy * W + x) + c];
          right[c] += rgb[3 * (yy * W + W - 1 - x) + c];
        }
        count++;
      }
    }
    for (let c = 0; c < 3; c++) {
      left[c] /= count;
      right[c] /= count;
    }
    for (let x = 0; x < W; x++) {
      const p = 3 * (y * W + x);
      let dl = 0;
      let dr = 0;
      for (let c = 0; c < 3; c++) {
        dl += (rgb[p + c] - left[c]) ** 2;
        dr += (rgb[p + c] - right[c]) ** 2;
      }
      // a floor keeps uniform crops (all "background") describable
      out[y * W + x] = 0.05 + 0.95 * (1 - Math.exp(-Math.min(dl, dr) / (backgroundTau * backgroundTau)));
    }
  }
  return out;
}

/**
 * Computes the descriptor of a person crop (any size, 1, 3 or 4 channels). Returns a unit
 * Float32Array of length {@link APPEARANCE_DIM}; a uniformly black crop yields a valid vector
 * (all achromatic votes in the darkest bin).
 */
export function appearanceDescriptor(image: RawImage): Float32Array {
  checkRawImage(image);
  const { widthPx: W, heightPx: H, stripes } = APPEARANCE_DESCRIPTOR;
  const rgb = resizeLanczos(convertChannels(image, 3), W, H).data;
  const hsv = new Float64Array(3);
  const gray = new Float64Array(W * H);
  for (let p = 0; p < W * H; p++) gray[p] = luma(rgb[3 * p], rgb[3 * p + 1], rgb[3 * p + 2]);
  const column = new Float64Array(W);
  const sigma = APPEARANCE_DESCRIPTOR.centreSigma * W;
  for (let x = 0; x < W; x++) column[x] = Math.exp(-0.5 * ((x + 0.5 - W / 2) / sigma) ** 2);
  const foreground = foregroundWeights(rgb, W, H);

  const { hueBins, valueBins, saturationBins, orientationBins, magnitudeBins, weights } = APPEARANCE_DESCRIPTOR;
  const offsets = [0, hueBins, hueBins + valueBins, hueBins + valueBins + saturationBins, hueBins + valueBins + saturationBins + orientationBins];
  const sizes = [hueBins, valueBins, saturationBins, orientationBins, magnitudeBins];
  const out = new Float32Array(APPEARANCE_DIM);
  const hist = new Float64Array(PER_STRIPE);
  const stripeHeight = H / stripes;
  for (let s = 0; s < stripes; s++) {
    hist.fill(0);
    const y0 = Math.round(s * stripeHeight);
    const y1 = Math.round((s + 1) * stripeHeight);
    for (let y = y0; y < y1; y++) {
      for (let x = 0; x < W; x++) {
        const p = y * W + x;
        const w = column[x] * foreground[p];
        rgbToHsv(rgb[3 * p], rgb[3 * p + 1], rgb[3 * p + 2], hsv);
        const [h, sat, val] = hsv;
        softVote(hist, offsets[0], hueBins, h, w * sat * val, true);
        softVote(hist, offsets[1], valueBins, val, w * (1 - sat), false);
        softVote(hist, offsets[2], saturationBins, sat, w, false);
        // central differences, clamped at the borders
        const gx = gray[y * W + Math.min(W - 1, x + 1)] - gray[y * W + Math.max(0, x - 1)];
        const gy = gray[Math.min(H - 1, y + 1) * W + x] - gray[Math.max(0, y - 1) * W + x];
        const magnitude = Math.hypot(gx, gy);
        if (magnitude > 0) {
          let angle = Math.atan2(gy, gx);
          if (angle < 0) angle += Math.PI;
          softVote(hist, offsets[3], orientationBins, (angle / Math.PI) % 1, w * magnitude, true);
        }
        // log magnitude over [0, log(1 + 2 * 255)], so flat cloth and sharp prints separate
        softVote(hist, offsets[4], magnitudeBins, Math.log1p(magnitude) / Math.log1p(510), w, false);
      }
    }
    for (let g = 0; g < 5; g++) {
      let sum = 0;
      for (let b = 0; b < sizes[g]; b++) sum += hist[offsets[g] + b];
      for (let b = 0; b < sizes[g]; b++) {
        out[s * PER_STRIPE + offsets[g] + b] = sum > 0 ? weights[g] * Math.sqrt(hist[offsets[g] + b] / sum) : 0;
      }
    }
  }
  let norm = 0;
  for (let k = 0; k < out.length; k++) norm += out[k] * out[k];
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let k = 0; k < out.length; k++) out[k] *= scale;
  return out;
}
