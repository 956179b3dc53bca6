/**
 * The JavaScript implementation of {@link resizeBoxInto}: the reference the WebAssembly one
 * (resize-box-wasm.ts) must match byte for byte, and the fallback where WebAssembly SIMD is
 * missing. Horizontal pass first (into scratch rows of the output width), then vertical, each
 * rounding to 8 bits. Arguments are checked by resizeBoxInto.
 */
import { WEIGHT_BITS, WEIGHT_HALF as HALF, cachedTriangleTaps, tapSpan } from './box-taps.js';
import type { RawImage } from './raw-image.js';

/** Scratch rows reused across calls (the writer resizes thousands of crops). */
let scratch = new Uint8Array(0);

/** Resamples `box` of the RGB `source` into the `widthPx x heightPx` rectangle of `target` at (`atX`, `atY`). */
export function resizeBoxJs(source: RawImage, box: readonly [number, number, number, number], target: RawImage, atX: number, atY: number, widthPx: number, heightPx: number): void {
  const [x0, y0, x1, y1] = box;
  const horizontal = cachedTriangleTaps(x0, x1 - x0, source.width, widthPx);
  const vertical = cachedTriangleTaps(y0, y1 - y0, source.height, heightPx);
  // the source rows the vertical taps read (relative to y0)
  const [rowLo, rowHi] = tapSpan(vertical);
  const rows = rowHi - rowLo;
  const rowBytes = widthPx * 3;
  if (scratch.length < rows * rowBytes) scratch = new Uint8Array(rows * rowBytes * 2);
  const mid = scratch;
  const src = source.data;
  const srcStride = source.width * 3;
  const { first: hFirst, count: hCount, weights: hWeights, maxTaps: hTaps } = horizontal;
  for (let r = 0; r < rows; r++) {
    const rowStart = (y0 + rowLo + r) * srcStride + x0 * 3;
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
