/**
 * Perspective warps with bilinear sampling, pixel centres at integer coordinates and a black
 * (zero) border: the conventions of OpenCV's `warpPerspective` with INTER_LINEAR and
 * BORDER_CONSTANT, computed in floating point rather than OpenCV's 1/32-pixel fixed point.
 *
 * Source coordinates are exact at the ends of short runs along each row and linear in between;
 * a run's length comes from a bound on the curvature of x -> H^-1(x, y), so no coordinate is off
 * by more than {@link COORDINATE_TOLERANCE_PX} (affine maps are exact). This saves the per-pixel
 * division, the costliest step of a perspective warp in JavaScript.
 */
import { forEachPolygonSpan } from '../geometry/polygon.js';
import type { Point2 } from '../geometry/point.js';
import { invert3x3 } from '../geometry/linear-algebra.js';
import { checkPositiveInteger, invalidArgument } from '../shared/check.js';
import { ClonedPersonError } from '../shared/errors.js';
import { checkRawImage, createRawImage } from './raw-image.js';
import type { RawImage } from './raw-image.js';

/** Largest error of a source coordinate from the piecewise-linear stepping, in pixels. */
const COORDINATE_TOLERANCE_PX = 1 / 256;

/**
 * How many pixels of row `y`, from xa to xb (exclusive), may be stepped linearly between exact
 * projections. For sx(x) = (a x + b) / (g x + c) the interpolation error over a run of length L is
 * at most L^2 / 8 * |sx''| with |sx''| = 2 |g| |g b - a c| / |w|^3, largest where |w| is smallest;
 * the same for sy. A row where w changes sign (the horizon) is computed pixel by pixel.
 */
function linearRunLength(m: readonly number[], y: number, xa: number, xb: number): number {
  const g = m[6];
  if (g === 0) return Math.max(1, xb - xa);
  const bx = m[1] * y + m[2];
  const by = m[4] * y + m[5];
  const bw = m[7] * y + m[8];
  const wa = g * xa + bw;
  const wb = g * (xb - 1) + bw;
  if (!(wa * wb > 0)) return 1;
  const wMin = Math.min(Math.abs(wa), Math.abs(wb));
  const curvature = (2 * Math.abs(g) * Math.max(Math.abs(g * bx - m[0] * bw), Math.abs(g * by - m[3] * bw))) / wMin ** 3;
  if (curvature === 0) return Math.max(1, xb - xa);
  return Math.max(1, Math.min(xb - xa, Math.floor(Math.sqrt((8 * COORDINATE_TOLERANCE_PX) / curvature))));
}

/**
 * Writes the source coordinates of pixels xa..xb-1 of row y into sx[0..] and sy[0..]: exact at
 * run ends and linear within runs (see {@link linearRunLength}).
 */
function rowSourceCoordinates(m: readonly number[], y: number, xa: number, xb: number, sx: Float64Array, sy: Float64Array): void {
  const bx = m[1] * y + m[2];
  const by = m[4] * y + m[5];
  const bw = m[7] * y + m[8];
  const run = linearRunLength(m, y, xa, xb);
  for (let start = xa; start < xb; start += run) {
    const end = Math.min(xb, start + run);
    const w0 = m[6] * start + bw;
    const w1 = m[6] * end + bw;
    const sx0 = (m[0] * start + bx) / w0;
    const sy0 = (m[3] * start + by) / w0;
    const stepX = end - start > 1 ? ((m[0] * end + bx) / w1 - sx0) / (end - start) : 0;
    const stepY = end - start > 1 ? ((m[3] * end + by) / w1 - sy0) / (end - start) : 0;
    for (let x = start, k = 0; x < end; x++, k++) {
      sx[x - xa] = sx0 + k * stepX;
      sy[x - xa] = sy0 + k * stepY;
    }
  }
}

function inverseOf(h: ArrayLike<number>): number[] {
  if (!h || h.length !== 9) throw invalidArgument('9 homography entries', 'h', h);
  for (let i = 0; i < 9; i++) if (!Number.isFinite(h[i])) throw invalidArgument('finite homography entries', `h[${i}]`, h[i]);
  const inverse = invert3x3(h);
  if (!inverse) throw new ClonedPersonError('E_DEGENERATE_HOMOGRAPHY', 'the homography is singular and cannot be inverted');
  return inverse;
}

/**
 * Warps `image` into a new width x height image: dst(x, y) = src(H^-1 (x, y)), bilinear, with
 * source samples outside the image taken as 0. `h` is the row-major 3x3 source-to-destination
 * homography. Same channel count as the input.
 */
export function warpPerspective(image: RawImage, h: ArrayLike<number>, width: number, height: number): RawImage {
  checkRawImage(image);
  checkPositiveInteger(width, 'width');
  checkPositiveInteger(height, 'height');
  const m = inverseOf(h);
  const out = createRawImage(width, height, image.channels);
  const packed = packPixels(image);
  const dst = out.data;
  const sw = image.width;
  const sh = image.height;
  const c = image.channels;
  const rowX = new Float64Array(width);
  const rowY = new Float64Array(width);
  for (let y = 0; y < height; y++) {
    const row = y * width * c;
    rowSourceCoordinates(m, y, 0, width, rowX, rowY);
    for (let x = 0; x < width; x++) {
      const sx = rowX[x];
      const sy = rowY[x];
      // entirely outside (or NaN when w = 0): all four taps are border zeros
      if (!(sx > -1 && sy > -1 && sx < sw && sy < sh)) continue;
      // floor for values > -1, kept in int32 so indices stay small integers
      const x0 = ((sx + 1) | 0) - 1;
      const y0 = ((sy + 1) | 0) - 1;
      const fx = sx - x0;
      const fy = sy - y0;
      const w11 = fx * fy;
      const w10 = fy - w11;
      const w01 = fx - w11;
      const w00 = 1 - fx - fy + w11;
      const i = y0 * sw + x0;
      let p00 = 0;
      let p01 = 0;
      let p10 = 0;
      let p11 = 0;
      if (x0 >= 0 && y0 >= 0 && x0 < sw - 1 && y0 < sh - 1) {
        p00 = packed[i];
        p01 = packed[i + 1];
        p10 = packed[i + sw];
        p11 = packed[i + sw + 1];
      } else {
        // border: taps outside the image stay 0
        if (y0 >= 0 && x0 >= 0) p00 = packed[i];
        if (y0 >= 0 && x0 + 1 < sw) p01 = packed[i + 1];
        if (y0 + 1 < sh && x0 >= 0) p10 = packed[i + sw];
        if (y0 + 1 < sh && x0 + 1 < sw) p11 = packed[i + sw + 1];
      }
      const o = row + x * c;
      if (c === 3) {
        dst[o] = (p00 & 255) * w00 + (p01 & 255) * w01 + (p10 & 255) * w10 + (p11 & 255) * w11 + 0.5;
        dst[o + 1] =
          ((p00 >>> 8) & 255) * w00 + ((p01 >>> 8) & 255) * w01 + ((p10 >>> 8) & 255) * w10 + ((p11 >>> 8) & 255) * w11 + 0.5;
        dst[o + 2] =
          ((p00 >>> 16) & 255) * w00 + ((p01 >>> 16) & 255) * w01 + ((p10 >>> 16) & 255) * w10 + ((p11 >>> 16) & 255) * w11 + 0.5;
      } else {
        for (let k = 0, shift = 0; k < c; k++, shift += 8) {
          dst[o + k] =
            ((p00 >>> shift) & 255) * w00 +
            ((p01 >>> shift) & 255) * w01 +
            ((p10 >>> shift) & 255) * w10 +
            ((p11 >>> shift) & 255) * w11 +
            0.5;
        }
      }
    }
  }
  return out;
}

/** One 32-bit word per pixel (channel k in bits 8k..8k+7): one load per bilinear tap. */
function packPixels(image: RawImage): Uint32Array {
  const n = image.width * image.height;
  const c = image.channels;
  const src = image.data;
  const packed = new Uint32Array(n);
  if (c === 4) {
    for (let i = 0, j = 0; i < n; i++, j += 4) packed[i] = (src[j] | (src[j + 1] << 8) | (src[j + 2] << 16) | (src[j + 3] << 24)) >>> 0;
  } else if (c === 3) {
    for (let i = 0, j = 0; i < n; i++, j += 3) packed[i] = src[j] | (src[j + 1] << 8) | (src[j + 2] << 16);
  } else {
    packed.set(src);
  }
  return packed;
}

export interface PolygonWarpStats {
  /** Pixels inside the destination polygon. */
  polygonPx: number;
  /** Pixels this warp contributed colour to (they were not already opaque). */
  paintedPx: number;
  /** Bounds [x1, y1, x2, y2) of the painted pixels (empty when x2 <= x1). */
  paintedBox: [number, number, number, number];
}

/**
 * One word per pixel: RGB where the mask is set and 0 elsewhere, alpha 255 where set. Bilinear
 * sampling of these words gives the masked colour premultiplied by coverage, and the coverage.
 */
function packMaskedRgb(source: RawImage, mask: Uint8Array | undefined): Uint32Array {
  const n = source.width * source.height;
  const src = source.data;
  const packed = new Uint32Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 3) {
    if (mask && mask[i] === 0) continue;
    packed[i] = (src[j] | (src[j + 1] << 8) | (src[j + 2] << 16) | (255 << 24)) >>> 0;
  }
  return packed;
}

/**
 * Warps the part of `source` inside `sourceMask` (1 = inside; all inside when omitted) into the
 * destination polygon of `target`, compositing it *under* what `target` already holds.
 *
 * `target` is RGBA with straight alpha, where alpha is coverage: earlier parts win, and a
 * pixel is only filled where it is not yet opaque. The source's alpha is the bilinear
 * interpolation of its mask, so part edges blend smoothly and a black garment is not mistaken
 * for an empty pixel (the authors' merge treats pure black as "empty").
 */
export function warpPolygonUnder(
  target: RawImage,
  source: RawImage,
  sourceMask: Uint8Array | undefined,
  h: ArrayLike<number>,
  polygon: readonly Point2[],
): PolygonWarpStats {
  if (target.channels !== 4) throw invalidArgument('RGBA target', 'target.channels', target.channels);
  if (source.channels !== 3) throw invalidArgument('RGB source', 'source.channels', source.channels);
  if (sourceMask && sourceMask.length !== source.width * source.height) {
    throw invalidArgument(`mask of ${source.width * source.height} pixels`, 'sourceMask', sourceMask.length);
  }
  const m = inverseOf(h);
  const packed = packMaskedRgb(source, sourceMask);
  const dst = target.data;
  const sw = source.width;
  const sh = source.height;
  const tw = target.width;
  const stats: PolygonWarpStats = { polygonPx: 0, paintedPx: 0, paintedBox: [target.width, target.height, 0, 0] };
  const box = stats.paintedBox;
  const rowX = new Float64Array(tw);
  const rowY = new Float64Array(tw);
  forEachPolygonSpan(polygon, target.width, target.height, (y, x0, x1) => {
    stats.polygonPx += x1 - x0;
    rowSourceCoordinates(m, y, x0, x1, rowX, rowY);
    let painted = 0;
    let first = x1;
    let last = x0;
    for (let x = x0; x < x1; x++) {
      const o = (y * tw + x) * 4;
      const alphaBefore = dst[o + 3];
      if (alphaBefore === 255) continue;
      const sx = rowX[x - x0];
      const sy = rowY[x - x0];
      if (!(sx > -1 && sy > -1 && sx < sw && sy < sh)) continue;
      const tx = ((sx + 1) | 0) - 1;
      const ty = ((sy + 1) | 0) - 1;
      const fx = sx - tx;
      const fy = sy - ty;
      const w11 = fx * fy;
      const w10 = fy - w11;
      const w01 = fx - w11;
      const w00 = 1 - fx - fy + w11;
      const i = ty * sw + tx;
      let p00 = 0;
      let p01 = 0;
      let p10 = 0;
      let p11 = 0;
      if (tx >= 0 && ty >= 0 && tx < sw - 1 && ty < sh - 1) {
        p00 = packed[i];
        p01 = packed[i + 1];
        p10 = packed[i + sw];
        p11 = packed[i + sw + 1];
      } else {
        if (ty >= 0 && tx >= 0) p00 = packed[i];
        if (ty >= 0 && tx + 1 < sw) p01 = packed[i + 1];
        if (ty + 1 < sh && tx >= 0) p10 = packed[i + sw];
        if (ty + 1 < sh && tx + 1 < sw) p11 = packed[i + sw + 1];
      }
      // coverage of the masked source at this point, in 0..1
      const a = ((p00 >>> 24) * w00 + (p01 >>> 24) * w01 + (p10 >>> 24) * w10 + (p11 >>> 24) * w11) / 255;
      if (a <= 1e-6) continue;
      const before = alphaBefore / 255;
      const alphaAfter = before + (1 - before) * a;
      const keep = before / alphaAfter;
      // premultiplied samples scaled so that a fully covered pixel gets its own colour
      const add = (1 - before) / alphaAfter;
      dst[o] = dst[o] * keep + ((p00 & 255) * w00 + (p01 & 255) * w01 + (p10 & 255) * w10 + (p11 & 255) * w11) * add + 0.5;
      dst[o + 1] =
        dst[o + 1] * keep +
        (((p00 >>> 8) & 255) * w00 + ((p01 >>> 8) & 255) * w01 + ((p10 >>> 8) & 255) * w10 + ((p11 >>> 8) & 255) * w11) * add +
        0.5;
      dst[o + 2] =
        dst[o + 2] * keep +
        (((p00 >>> 16) & 255) * w00 + ((p01 >>> 16) & 255) * w01 + ((p10 >>> 16) & 255) * w10 + ((p11 >>> 16) & 255) * w11) * add +
        0.5;
      dst[o + 3] = alphaAfter * 255 + 0.5;
      painted++;
      if (x < first) first = x;
      last = x;
    }
    if (painted > 0) {
      stats.paintedPx += painted;
      if (first < box[0]) box[0] = first;
      if (last + 1 > box[2]) box[2] = last + 1;
      if (y < box[1]) box[1] = y;
      if (y + 1 > box[3]) box[3] = y + 1;
    }
  });
  return stats;
}
