/**
 * Render targets: colour (RGB 8-bit), depth (NDC z, smaller is nearer) and instance-id planes
 * at sample resolution. Anti-aliasing is supersampling: render at `samplesPerPixel` x the
 * output size in each direction and box-filter down with {@link resolveRenderTarget}.
 * A target may cover only a window of a larger viewport (`originX`/`originY`), which the
 * annotation pass uses to rasterise one person inside its box.
 */
import type { Rgb8 } from '../imaging/colour.js';
import type { RawImage } from '../imaging/raw-image.js';
import { checkPositiveInteger, invalidArgument } from '../shared/check.js';

export interface RenderTarget {
  /** Samples per row/column of this target. */
  widthPx: number;
  heightPx: number;
  /** The full viewport the camera projects onto, in samples (>= the target size). */
  viewportWidthPx: number;
  viewportHeightPx: number;
  /** Top-left sample of this target inside the viewport. */
  originX: number;
  originY: number;
  /** RGB per sample, or null for depth/id-only passes. */
  color: Uint8Array | null;
  /** NDC z per sample (cleared to +Infinity). */
  depth: Float32Array;
  /** Instance id per sample (0 = nothing drawn with an id). */
  ids: Uint16Array;
  /** Marks samples already darkened by a shadow (so overlapping shadows do not darken twice); with colour only. */
  stencil: Uint8Array | null;
  /**
   * The background as it looks without sunlight (RGB per sample), which shadows copy in; set by
   * the scene view from its background cache, null otherwise.
   */
  shadowColor: Uint8Array | null;
  /** 1 where the background sample is a prop (shadows are depth-tested there); null when there are none. */
  occluderMask: Uint8Array | null;
  /**
   * Per-sample bit set of the instances whose geometry covers the sample whether or not it is
   * in front (bit k for `coverageBit` 1 << k); gives each person's unoccluded silhouette in the
   * same pass. Allocated with the colour plane.
   */
  coverage: Uint32Array | null;
  /**
   * Samples the rasteriser may have touched since the last clear, [x0, y0, x1, y1] inclusive
   * (x0 > x1 when none): clearing and scanning the id planes stay within it.
   */
  dirty: Int32Array;
}

/** An empty dirty rectangle. */
export function emptyDirty(): Int32Array {
  return Int32Array.from([2147483647, 2147483647, -1, -1]);
}

export interface RenderTargetOptions {
  /** Allocate a colour plane (default true). */
  color?: boolean;
  /** Viewport size and origin when the target is a window of a larger viewport. */
  viewportWidthPx?: number;
  viewportHeightPx?: number;
  originX?: number;
  originY?: number;
}

/** A cleared target of `widthPx` x `heightPx` samples. */
export function createRenderTarget(widthPx: number, heightPx: number, options: RenderTargetOptions = {}): RenderTarget {
  checkPositiveInteger(widthPx, 'widthPx');
  checkPositiveInteger(heightPx, 'heightPx');
  const n = widthPx * heightPx;
  const target: RenderTarget = {
    widthPx,
    heightPx,
    viewportWidthPx: options.viewportWidthPx ?? widthPx,
    viewportHeightPx: options.viewportHeightPx ?? heightPx,
    originX: options.originX ?? 0,
    originY: options.originY ?? 0,
    color: (options.color ?? true) ? new Uint8Array(n * 3) : null,
    depth: new Float32Array(n),
    ids: new Uint16Array(n),
    stencil: (options.color ?? true) ? new Uint8Array(n) : null,
    shadowColor: null,
    occluderMask: null,
    coverage: (options.color ?? true) ? new Uint32Array(n) : null,
    dirty: emptyDirty(),
  };
  target.depth.fill(Infinity);
  return target;
}

/**
 * Clears depth to +Infinity, ids/stencil/coverage to 0 and colour to `rgb` (0..255, default
 * black). With `environmentFollows` the colour and depth planes are left alone (the
 * environment pass overwrites every sample) and the id planes are cleared only inside the
 * dirty rectangle.
 */
export function clearRenderTarget(target: RenderTarget, rgb: Rgb8 = [0, 0, 0], environmentFollows = false): void {
  const d = target.dirty;
  if (environmentFollows) {
    if (d[0] <= d[2]) {
      const w = target.widthPx;
      for (let y = d[1]; y <= d[3]; y++) {
        const a = y * w + d[0], b = y * w + d[2] + 1;
        target.ids.fill(0, a, b);
        target.stencil?.fill(0, a, b);
        target.coverage?.fill(0, a, b);
      }
    }
    d.set([2147483647, 2147483647, -1, -1]);
    return;
  }
  d.set([2147483647, 2147483647, -1, -1]);
  target.depth.fill(Infinity);
  target.ids.fill(0);
  target.stencil?.fill(0);
  target.coverage?.fill(0);
  const color = target.color;
  if (!color) return;
  if (rgb[0] === rgb[1] && rgb[1] === rgb[2]) {
    color.fill(rgb[0]);
    return;
  }
  for (let i = 0; i < color.length; i += 3) {
    color[i] = rgb[0];
    color[i + 1] = rgb[1];
    color[i + 2] = rgb[2];
  }
}

/**
 * Box-filters the colour plane down by `samplesPerPixel` in each direction into an RGB image
 * (the anti-aliasing resolve). With 1 it copies.
 */
export function resolveRenderTarget(target: RenderTarget, samplesPerPixel = 1): RawImage {
  checkPositiveInteger(samplesPerPixel, 'samplesPerPixel');
  const color = target.color;
  if (!color) throw invalidArgument('target with a colour plane', 'target', 'depth-only target');
  const s = samplesPerPixel;
  if (target.widthPx % s !== 0 || target.heightPx % s !== 0) {
    throw invalidArgument(`divisor of ${target.widthPx}x${target.heightPx}`, 'samplesPerPixel', s);
  }
  const width = target.widthPx / s;
  const height = target.heightPx / s;
  if (s === 1) return { width, height, channels: 3, data: color.slice() };
  const out = new Uint8Array(width * height * 3);
  resolveRenderTargetRegion(target, s, out, 0, 0, width - 1, height - 1);
  return { width, height, channels: 3, data: out };
}

/**
 * Resolves only the output pixels [px0, px1] x [py0, py1] (inclusive, clamped) into `out` (the
 * whole output image, RGB), leaving the others as they are: the same values a full resolve
 * gives there.
 */
export function resolveRenderTargetRegion(target: RenderTarget, s: number, out: Uint8Array, px0: number, py0: number, px1: number, py1: number): void {
  const color = target.color!;
  const width = target.widthPx / s;
  const height = target.heightPx / s;
  const x0 = Math.max(0, px0), y0 = Math.max(0, py0), x1 = Math.min(width - 1, px1), y1 = Math.min(height - 1, py1);
  if (x0 > x1 || y0 > y1) return;
  const sw = target.widthPx;
  if (s === 1) {
    for (let y = y0; y <= y1; y++) out.set(color.subarray((y * sw + x0) * 3, (y * sw + x1 + 1) * 3), (y * width + x0) * 3);
    return;
  }
  if (s === 2) {
    // The common case, unrolled: four samples per pixel, rounded average.
    const rowStride = sw * 3;
    for (let y = y0; y <= y1; y++) {
      let a = y * 2 * rowStride + x0 * 6;
      let o = (y * width + x0) * 3;
      for (let x = x0; x <= x1; x++, a += 6, o += 3) {
        const b = a + rowStride;
        out[o] = (color[a] + color[a + 3] + color[b] + color[b + 3] + 2) >> 2;
        out[o + 1] = (color[a + 1] + color[a + 4] + color[b + 1] + color[b + 4] + 2) >> 2;
        out[o + 2] = (color[a + 2] + color[a + 5] + color[b + 2] + color[b + 5] + 2) >> 2;
      }
    }
    return;
  }
  const half = (s * s) >> 1;
  const inv = 1 / (s * s);
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      let r = 0, g = 0, b = 0;
      for (let sy = 0; sy < s; sy++) {
        let i = ((y * s + sy) * sw + x * s) * 3;
        for (let sx = 0; sx < s; sx++, i += 3) {
          r += color[i];
          g += color[i + 1];
          b += color[i + 2];
        }
      }
      const o = (y * width + x) * 3;
      out[o] = ((r + half) * inv) | 0;
      out[o + 1] = ((g + half) * inv) | 0;
      out[o + 2] = ((b + half) * inv) | 0;
    }
  }
}
