/**
 * The region of a photo a model looks at, and the sampling of that region into a model input.
 * Coordinates are continuous image pixels (pixel k covers [k, k + 1)); a region may reach past
 * the photo's border, where the input gets the pad colour (this is the letterbox: a square
 * region around a tall photo pads its sides). A model's normalised output (u, v) in [0, 1] maps
 * back to `region.x + u * region.width`, `region.y + v * region.height`. Pure.
 */
import type { RawImage } from '../../imaging/raw-image.js';

export type Box = [x1: number, y1: number, x2: number, y2: number];

export interface CropRegion {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The square of side `max(w, h) * scale` centred on `box` (at least 1 px). */
export function squareAround(box: Box, scale = 1): CropRegion {
  const side = Math.max(1, Math.max(box[2] - box[0], box[3] - box[1]) * scale);
  const cx = (box[0] + box[2]) / 2;
  const cy = (box[1] + box[3]) / 2;
  return { x: cx - side / 2, y: cy - side / 2, width: side, height: side };
}

/**
 * `box` grown by `padding` (a fraction of its size on each side), then widened or heightened
 * about its centre to the aspect `widthPx : heightPx` (the letterbox of a non-square input).
 */
export function regionWithAspect(box: Box, padding: number, widthPx: number, heightPx: number): CropRegion {
  let w = Math.max(1, (box[2] - box[0]) * (1 + 2 * padding));
  let h = Math.max(1, (box[3] - box[1]) * (1 + 2 * padding));
  const aspect = widthPx / heightPx;
  if (w / h < aspect) w = h * aspect;
  else h = w / aspect;
  const cx = (box[0] + box[2]) / 2;
  const cy = (box[1] + box[3]) / 2;
  return { x: cx - w / 2, y: cy - h / 2, width: w, height: h };
}

/** `box` grown by `padding` on each side, no aspect change (a stretched input). */
export function paddedRegion(box: Box, padding: number): CropRegion {
  const w = Math.max(1, box[2] - box[0]);
  const h = Math.max(1, box[3] - box[1]);
  return { x: box[0] - w * padding, y: box[1] - h * padding, width: w * (1 + 2 * padding), height: h * (1 + 2 * padding) };
}

/** The whole photo in a square (letterboxed, centred). */
export function wholeImageSquare(image: { width: number; height: number }): CropRegion {
  return squareAround([0, 0, image.width, image.height]);
}

/** A normalised model coordinate to image pixels. */
export function regionToImage(region: CropRegion, u: number, v: number): [number, number] {
  return [region.x + u * region.width, region.y + v * region.height];
}

/** The region as an [x1, y1, x2, y2] box. */
export function regionBox(region: CropRegion): Box {
  return [region.x, region.y, region.x + region.width, region.y + region.height];
}

interface Taps {
  /** Per output index: first tap in `index`/`weight` and tap count. */
  start: Int32Array;
  count: Int32Array;
  /** Source index, or -1 for the pad colour. */
  index: Int32Array;
  weight: Float32Array;
}

/**
 * 1-D resampling taps from `outSize` outputs over [regionStart, regionStart + regionSize) of a
 * source of `srcSize` pixels: area coverage when shrinking (each output averages the source
 * pixels under its footprint), bilinear when enlarging; source outside [0, srcSize) is pad.
 */
function resampleTaps(outSize: number, regionStart: number, regionSize: number, srcSize: number): Taps {
  const step = regionSize / outSize;
  const max = Math.ceil(step) + 2;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const index = new Int32Array(outSize * max);
  const weight = new Float32Array(outSize * max);
  for (let i = 0; i < outSize; i++) {
    const base = i * max;
    let n = 0;
    if (step >= 1) {
      const a = regionStart + i * step;
      const b = a + step;
      for (let k = Math.floor(a); k < b && n < max; k++) {
        const overlap = Math.min(b, k + 1) - Math.max(a, k);
        if (overlap <= 0) continue;
        index[base + n] = k >= 0 && k < srcSize ? k : -1;
        weight[base + n] = overlap / step;
        n++;
      }
    } else {
      // pixel-centre coordinates: source pixel k is centred on k + 0.5
      const c = regionStart + (i + 0.5) * step - 0.5;
      if (c < -0.5 || c > srcSize - 0.5) {
        index[base] = -1;
        weight[base] = 1;
        n = 1;
      } else {
        const k0 = Math.floor(c);
        const f = c - k0;
        index[base] = Math.min(Math.max(k0, 0), srcSize - 1);
        weight[base] = 1 - f;
        index[base + 1] = Math.min(Math.max(k0 + 1, 0), srcSize - 1);
        weight[base + 1] = f;
        n = 2;
      }
    }
    start[i] = base;
    count[i] = n;
  }
  return { start, count, index, weight };
}

/**
 * Samples `region` of `image` into `widthPx x heightPx` RGB values 0-255 (float, NHWC, row-major):
 * separable area averaging when shrinking (no aliasing), bilinear when enlarging; parts of the
 * region outside the photo take `pad`. Grey images are read as grey RGB, alpha is ignored.
 */
export function sampleRegion(image: RawImage, region: CropRegion, widthPx: number, heightPx: number, pad: readonly [number, number, number] = [0, 0, 0]): Float32Array {
  const { width: W, height: H, channels: C, data } = image;
  const xt = resampleTaps(widthPx, region.x, region.width, W);
  const yt = resampleTaps(heightPx, region.y, region.height, H);
  const g1 = C >= 3 ? 1 : 0;
  const g2 = C >= 3 ? 2 : 0;
  // each source row filtered horizontally once, on first use
  const rows = new Array<Float32Array | undefined>(H);
  const { start: xStart, count: xCount, index: xIndex, weight: xWeight } = xt;
  const [padR, padG, padB] = pad;
  const filteredRow = (y: number): Float32Array => {
    const cached = rows[y];
    if (cached) return cached;
    const row = new Float32Array(widthPx * 3);
    const rowBase = y * W * C;
    for (let i = 0; i < widthPx; i++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let t = xStart[i], end = t + xCount[i]; t < end; t++) {
        const w = xWeight[t];
        const x = xIndex[t];
        if (x < 0) {
          r += w * padR;
          g += w * padG;
          b += w * padB;
        } else {
          const p = rowBase + x * C;
          r += w * data[p];
          g += w * data[p + g1];
          b += w * data[p + g2];
        }
      }
      row[3 * i] = r;
      row[3 * i + 1] = g;
      row[3 * i + 2] = b;
    }
    rows[y] = row;
    return row;
  };
  const out = new Float32Array(widthPx * heightPx * 3);
  for (let j = 0; j < heightPx; j++) {
    const o = j * widthPx * 3;
    for (let t = yt.start[j], end = t + yt.count[j]; t < end; t++) {
      const w = yt.weight[t];
      const y = yt.index[t];
      if (y < 0) {
        for (let i = 0; i < widthPx; i++) {
          out[o + 3 * i] += w * pad[0];
          out[o + 3 * i + 1] += w * pad[1];
          out[o + 3 * i + 2] += w * pad[2];
        }
      } else {
        const row = filteredRow(y);
        for (let k = 0; k < widthPx * 3; k++) out[o + k] += w * row[k];
      }
    }
  }
  return out;
}
