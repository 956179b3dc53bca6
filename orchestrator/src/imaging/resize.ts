/**
 * Separable Lanczos-3 resampling (pixel centres at integer coordinates; kernel taps beyond the
 * image edge are dropped and the remaining weights renormalised).
 * When shrinking, the kernel is stretched by the scale factor so it also low-pass filters, as
 * Pillow's LANCZOS (which the authors used) does.
 */
import { checkPositiveInteger } from '../shared/check.js';
import { checkRawImage, createRawImage } from './raw-image.js';
import type { RawImage } from './raw-image.js';

const LOBES = 3;

function lanczos(x: number): number {
  if (x === 0) return 1;
  if (x <= -LOBES || x >= LOBES) return 0;
  const px = Math.PI * x;
  return (LOBES * Math.sin(px) * Math.sin(px / LOBES)) / (px * px);
}

interface Taps {
  start: Int32Array;
  count: Int32Array;
  index: Int32Array;
  weight: Float32Array;
  maxTaps: number;
}

/** For each output coordinate, the input indices (clamped) and normalised weights. */
function computeTaps(inSize: number, outSize: number): Taps {
  const scale = inSize / outSize;
  const support = LOBES * Math.max(1, scale);
  const stretch = Math.max(1, scale);
  const maxTaps = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const index = new Int32Array(outSize * maxTaps);
  const weight = new Float32Array(outSize * maxTaps);
  for (let i = 0; i < outSize; i++) {
    const centre = (i + 0.5) * scale - 0.5;
    // taps past the edges are left out and the rest renormalised (as Pillow does)
    const first = Math.max(0, Math.ceil(centre - support));
    const last = Math.min(inSize - 1, Math.floor(centre + support));
    let n = 0;
    let sum = 0;
    for (let j = first; j <= last && n < maxTaps; j++) {
      const w = lanczos((j - centre) / stretch);
      if (w === 0) continue;
      index[i * maxTaps + n] = j;
      weight[i * maxTaps + n] = w;
      sum += w;
      n++;
    }
    for (let k = 0; k < n; k++) weight[i * maxTaps + k] /= sum;
    start[i] = i * maxTaps;
    count[i] = n;
  }
  return { start, count, index, weight, maxTaps };
}

/** Resizes to width x height with Lanczos-3; same channel count. */
export function resizeLanczos(image: RawImage, width: number, height: number): RawImage {
  checkRawImage(image);
  checkPositiveInteger(width, 'width');
  checkPositiveInteger(height, 'height');
  if (width === image.width && height === image.height) {
    return { ...image, data: image.data.slice() };
  }
  const c = image.channels;
  const horizontal = computeTaps(image.width, width);
  const vertical = computeTaps(image.height, height);
  // horizontal pass into an 8-bit buffer (image.height x width), then vertical: rounding and
  // clamping between the passes as Pillow does, which keeps Lanczos overshoot bounded
  const mid = new Uint8Array(image.height * width * c);
  const src = image.data;
  const hIndex = horizontal.index;
  const hWeight = horizontal.weight;
  for (let y = 0; y < image.height; y++) {
    const row = y * image.width * c;
    for (let x = 0; x < width; x++) {
      const s = horizontal.start[x];
      const n = horizontal.count[x];
      const o = (y * width + x) * c;
      if (c === 3) {
        // the common case, unrolled: three accumulators, one pass over the taps
        let r = 0;
        let g = 0;
        let b = 0;
        for (let t = 0; t < n; t++) {
          const p = row + hIndex[s + t] * 3;
          const w = hWeight[s + t];
          r += src[p] * w;
          g += src[p + 1] * w;
          b += src[p + 2] * w;
        }
        mid[o] = r <= 0 ? 0 : r >= 255 ? 255 : r + 0.5;
        mid[o + 1] = g <= 0 ? 0 : g >= 255 ? 255 : g + 0.5;
        mid[o + 2] = b <= 0 ? 0 : b >= 255 ? 255 : b + 0.5;
        continue;
      }
      for (let k = 0; k < c; k++) {
        let v = 0;
        for (let t = 0; t < n; t++) v += src[row + hIndex[s + t] * c + k] * hWeight[s + t];
        mid[o + k] = v <= 0 ? 0 : v >= 255 ? 255 : v + 0.5;
      }
    }
  }
  const out = createRawImage(width, height, c);
  const dst = out.data;
  // vertical pass row by row: each output row is a weighted sum of whole input rows
  const rowLength = width * c;
  const accumulator = new Float32Array(rowLength);
  for (let y = 0; y < height; y++) {
    const s = vertical.start[y];
    const n = vertical.count[y];
    accumulator.fill(0);
    for (let t = 0; t < n; t++) {
      const base = vertical.index[s + t] * rowLength;
      const w = vertical.weight[s + t];
      for (let i = 0; i < rowLength; i++) accumulator[i] += mid[base + i] * w;
    }
    const o = y * rowLength;
    for (let i = 0; i < rowLength; i++) {
      const v = accumulator[i];
      dst[o + i] = v <= 0 ? 0 : v >= 255 ? 255 : v + 0.5;
    }
  }
  return out;
}
