/**
 * Resampling of a rectangle of an RGB image straight into a rectangle of another (the dataset
 * writer's crop + resize into an encoder mosaic, one pass, no intermediate crop). A separable
 * triangle (bilinear) filter whose support grows with the scale when shrinking, so downscaled
 * crops are low-pass filtered (Pillow's BILINEAR does the same); weights are 14-bit fixed point,
 * so the inner loops are integer multiply-adds on typed arrays.
 */
import { invalidArgument } from '../shared/check.js';
import type { RawImage } from './raw-image.js';

const WEIGHT_BITS = 14;
const ONE = 1 << WEIGHT_BITS;
const HALF = 1 << (WEIGHT_BITS - 1);

interface Taps {
  /** First source index of each output coordinate. */
  first: Int32Array;
  count: Int32Array;
  /** maxTaps weights per output coordinate, summing to 2^14. */
  weights: Int32Array;
  maxTaps: number;
}

/** Taps for `outSize` samples over the source span [start, start + span) (pixel centres at +0.5). */
function triangleTaps(start: number, span: number, limit: number, outSize: number): Taps {
  const scale = span / outSize;
  const support = Math.max(1, scale);
  const maxTaps = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Int32Array(outSize * maxTaps);
  const w = new Float64Array(maxTaps);
  for (let i = 0; i < outSize; i++) {
    const centre = start + (i + 0.5) * scale;
    const lo = Math.max(0, Math.floor(centre - support + 0.5));
    const hi = Math.min(limit, Math.ceil(centre + support - 0.5));
    let n = 0;
    let sum = 0;
    for (let j = lo; j < hi && n < maxTaps; j++) {
      const t = 1 - Math.abs(j + 0.5 - centre) / support;
      if (t <= 0) continue;
      if (n === 0) first[i] = j;
      w[n++] = t;
      sum += t;
    }
    if (n === 0) {
      // a sample between pixel centres at the border: take the nearest pixel
      first[i] = Math.min(limit - 1, Math.max(0, Math.floor(centre)));
      w[0] = 1;
      sum = 1;
      n = 1;
    }
    // integer weights summing exactly to ONE, the rounding remainder on the largest tap
    let total = 0;
    let largest = 0;
    for (let k = 0; k < n; k++) {
      const q = Math.round((w[k] / sum) * ONE);
      weights[i * maxTaps + k] = q;
      total += q;
      if (q > weights[i * maxTaps + largest]) largest = k;
    }
    weights[i * maxTaps + largest] += ONE - total;
    count[i] = n;
  }
  return { first, count, weights, maxTaps };
}

/** Scratch rows reused across calls (the writer resizes thousands of crops). */
let scratch = new Uint8Array(0);

/**
 * Resamples `box` [x0, y0, x1, y1) (integer pixels inside `source`) of an RGB image into the
 * `widthPx x heightPx` rectangle of the RGB image `target` at (`atX`, `atY`).
 */
export function resizeBoxInto(source: RawImage, box: readonly [number, number, number, number], target: RawImage, atX: number, atY: number, widthPx: number, heightPx: number): void {
  const [x0, y0, x1, y1] = box;
  if (source.channels !== 3 || target.channels !== 3) throw invalidArgument('RGB images', 'resizeBoxInto', `${source.channels} and ${target.channels} channels`);
  if (!(x0 >= 0 && y0 >= 0 && x1 <= source.width && y1 <= source.height && x1 > x0 && y1 > y0) || ![x0, y0, x1, y1].every(Number.isInteger)) {
    throw invalidArgument(`an integer box inside ${source.width}x${source.height}`, 'box', `[${box.join(', ')}]`);
  }
  if (atX < 0 || atY < 0 || atX + widthPx > target.width || atY + heightPx > target.height) {
    throw invalidArgument(`a rectangle inside ${target.width}x${target.height}`, 'target rectangle', `${atX},${atY} ${widthPx}x${heightPx}`);
  }
  const horizontal = triangleTaps(x0, x1 - x0, source.width, widthPx);
  const vertical = triangleTaps(y0, y1 - y0, source.height, heightPx);
  // the source rows the vertical taps read
  const rowLo = vertical.first[0];
  let rowHi = 0;
  for (let i = 0; i < heightPx; i++) rowHi = Math.max(rowHi, vertical.first[i] + vertical.count[i]);
  const rows = rowHi - rowLo;
  const rowBytes = widthPx * 3;
  if (scratch.length < rows * rowBytes) scratch = new Uint8Array(rows * rowBytes * 2);
  const mid = scratch;
  const src = source.data;
  const srcStride = source.width * 3;
  const { first: hFirst, count: hCount, weights: hWeights, maxTaps: hTaps } = horizontal;
  for (let r = 0; r < rows; r++) {
    const rowStart = (rowLo + r) * srcStride;
    let o = r * rowBytes;
    for (let x = 0; x < widthPx; x++) {
      let p = rowStart + hFirst[x] * 3;
      const wBase = x * hTaps;
      const n = hCount[x];
      if (n === 2) {
        // upscaling or mild shrinking, the common case: two taps
        const w0 = hWeights[wBase];
        const w1 = hWeights[wBase + 1];
        mid[o++] = (src[p] * w0 + src[p + 3] * w1 + HALF) >> WEIGHT_BITS;
        mid[o++] = (src[p + 1] * w0 + src[p + 4] * w1 + HALF) >> WEIGHT_BITS;
        mid[o++] = (src[p + 2] * w0 + src[p + 5] * w1 + HALF) >> WEIGHT_BITS;
        continue;
      }
      let red = HALF;
      let green = HALF;
      let blue = HALF;
      for (let t = 0; t < n; t++, p += 3) {
        const w = hWeights[wBase + t];
        red += src[p] * w;
        green += src[p + 1] * w;
        blue += src[p + 2] * w;
      }
      mid[o++] = red >> WEIGHT_BITS;
      mid[o++] = green >> WEIGHT_BITS;
      mid[o++] = blue >> WEIGHT_BITS;
    }
  }
  const dst = target.data;
  const dstStride = target.width * 3;
  const { first: vFirst, count: vCount, weights: vWeights, maxTaps: vTaps } = vertical;
  for (let y = 0; y < heightPx; y++) {
    const o = (atY + y) * dstStride + atX * 3;
    const n = vCount[y];
    const base = (vFirst[y] - rowLo) * rowBytes;
    const wBase = y * vTaps;
    if (n === 2) {
      // upscaling, the common case: two rows
      const w0 = vWeights[wBase];
      const w1 = vWeights[wBase + 1];
      for (let i = 0; i < rowBytes; i++) dst[o + i] = (mid[base + i] * w0 + mid[base + rowBytes + i] * w1 + HALF) >> WEIGHT_BITS;
      continue;
    }
    for (let i = 0; i < rowBytes; i++) {
      let acc = HALF;
      for (let t = 0, p = base + i; t < n; t++, p += rowBytes) acc += mid[p] * vWeights[wBase + t];
      dst[o + i] = acc >> WEIGHT_BITS;
    }
  }
}
