/**
 * The taps of the triangle (bilinear) filter that {@link resizeBoxInto} resamples with, along one
 * axis: the filter's support grows with the scale when shrinking, so downscaled crops are
 * low-pass filtered (Pillow's BILINEAR does the same). Weights are 14-bit fixed point summing
 * exactly to 2^14, so both implementations (JavaScript, WebAssembly) are integer multiply-adds
 * with one rounding per pass and give the same bytes.
 */
export const WEIGHT_BITS = 14;
export const WEIGHT_ONE = 1 << WEIGHT_BITS;
export const WEIGHT_HALF = 1 << (WEIGHT_BITS - 1);

export interface BoxTaps {
  /** First source index of each output coordinate, relative to the span's start. */
  first: Int32Array;
  /** Taps of each output coordinate, 1..maxTaps. */
  count: Int32Array;
  /** maxTaps weights per output coordinate (unused ones 0), each set summing to 2^14. */
  weights: Int32Array;
  maxTaps: number;
}

/**
 * Taps for `outSize` samples over the source span [start, start + span) of an axis of `limit`
 * pixels (pixel centres at +0.5); taps may reach past the span up to the axis's ends. Positions
 * are relative to `start`, so the taps of a span away from the ends do not depend on where it is
 * (and are cached: {@link cachedTriangleTaps}). (Computed from absolute positions, the taps
 * differed only by zero weights, in 1.9 million spans, placements and sizes compared.)
 */
export function triangleTaps(start: number, span: number, limit: number, outSize: number): BoxTaps {
  const scale = span / outSize;
  const support = Math.max(1, scale);
  const maxTaps = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Int32Array(outSize * maxTaps);
  const w = new Float64Array(maxTaps);
  const loLimit = -start;
  const hiLimit = limit - start;
  for (let i = 0; i < outSize; i++) {
    const centre = (i + 0.5) * scale;
    const lo = Math.max(loLimit, Math.floor(centre - support + 0.5));
    const hi = Math.min(hiLimit, Math.ceil(centre + support - 0.5));
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
      first[i] = Math.min(hiLimit - 1, Math.max(loLimit, Math.floor(centre)));
      w[0] = 1;
      sum = 1;
      n = 1;
    }
    // integer weights summing exactly to WEIGHT_ONE, the rounding remainder on the largest tap
    let total = 0;
    let largest = 0;
    for (let k = 0; k < n; k++) {
      const q = Math.round((w[k] / sum) * WEIGHT_ONE);
      weights[i * maxTaps + k] = q;
      total += q;
      if (q > weights[i * maxTaps + largest]) largest = k;
    }
    weights[i * maxTaps + largest] += WEIGHT_ONE - total;
    count[i] = n;
  }
  return { first, count, weights, maxTaps };
}

/** Taps by span, size and distance to the axis's ends (up to where the ends stop mattering). */
const cache = new Map<string, BoxTaps>();
const CACHE_ENTRIES = 256;

/**
 * {@link triangleTaps}, cached: crops of one size share them wherever they are (the dataset
 * writer resamples thousands of crops of few sizes). The result must not be modified.
 */
export function cachedTriangleTaps(start: number, span: number, limit: number, outSize: number): BoxTaps {
  // a tap reaches at most ceil(support) + 1 pixels past the span: farther ends change nothing
  const reach = Math.ceil(Math.max(1, span / outSize)) + 2;
  const key = `${span} ${outSize} ${Math.min(start, reach)} ${Math.min(limit - start - span, reach)}`;
  let taps = cache.get(key);
  if (!taps) {
    if (cache.size >= CACHE_ENTRIES) cache.clear();
    taps = triangleTaps(start, span, limit, outSize);
    cache.set(key, taps);
  }
  return taps;
}

/** The source span [lo, hi) that the taps read, relative to the span's start. */
export function tapSpan(taps: BoxTaps): [number, number] {
  let lo = Infinity;
  let hi = 0;
  for (let i = 0; i < taps.first.length; i++) {
    lo = Math.min(lo, taps.first[i]);
    hi = Math.max(hi, taps.first[i] + taps.count[i]);
  }
  return [lo, hi];
}
