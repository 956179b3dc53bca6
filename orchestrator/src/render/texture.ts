/**
 * Mipmapped textures for the rasteriser: RGBA 8-bit levels made by 2x2 box filtering, sampled
 * bilinearly within the mip level nearest to the screen-space footprint (GL_LINEAR_MIPMAP_NEAREST),
 * with glTF wrap modes. Levels may live in SharedArrayBuffers so worker threads share them.
 */
import type { RawImage } from '../imaging/raw-image.js';
import { checkRawImage } from '../imaging/raw-image.js';

export type WrapMode = 'repeat' | 'clamp' | 'mirror';

export interface MipLevel {
  width: number;
  height: number;
  /** RGBA, row-major. */
  data: Uint8Array;
}

export interface MipTexture {
  levels: MipLevel[];
  wrapS: WrapMode;
  wrapT: WrapMode;
  /** True when some texel has alpha < 255 (lets opaque materials skip the alpha test). */
  hasAlpha: boolean;
}

export interface MipTextureOptions {
  wrapS?: WrapMode;
  wrapT?: WrapMode;
  /** Build mip levels (default true). */
  mipmaps?: boolean;
  /** Allocate levels in SharedArrayBuffers (for worker threads; default false). */
  shared?: boolean;
}

function allocate(length: number, shared: boolean): Uint8Array {
  return shared ? new Uint8Array(new SharedArrayBuffer(length)) : new Uint8Array(length);
}

/** Builds a mip chain from an image (1, 3 or 4 channels; converted to RGBA). */
export function createMipTexture(image: RawImage, options: MipTextureOptions = {}): MipTexture {
  checkRawImage(image, 'texture');
  const shared = options.shared ?? false;
  const { width, height, channels } = image;
  const base = allocate(width * height * 4, shared);
  const src = image.data;
  let hasAlpha = false;
  for (let i = 0, n = width * height; i < n; i++) {
    const s = i * channels;
    const d = i * 4;
    if (channels === 1) {
      base[d] = base[d + 1] = base[d + 2] = src[s];
      base[d + 3] = 255;
    } else {
      base[d] = src[s];
      base[d + 1] = src[s + 1];
      base[d + 2] = src[s + 2];
      base[d + 3] = channels === 4 ? src[s + 3] : 255;
      if (channels === 4 && src[s + 3] < 255) hasAlpha = true;
    }
  }
  const levels: MipLevel[] = [{ width, height, data: base }];
  if (options.mipmaps ?? true) {
    let level = levels[0];
    while (level.width > 1 || level.height > 1) {
      level = downsample(level, shared);
      levels.push(level);
    }
  }
  return { levels, wrapS: options.wrapS ?? 'repeat', wrapT: options.wrapT ?? 'repeat', hasAlpha };
}

/** Halves a level with a 2x2 box filter (the last row/column repeats for odd sizes). */
function downsample(level: MipLevel, shared: boolean): MipLevel {
  const w = Math.max(1, level.width >> 1);
  const h = Math.max(1, level.height >> 1);
  const out = allocate(w * h * 4, shared);
  const src = level.data;
  const sw = level.width;
  for (let y = 0; y < h; y++) {
    const y0 = Math.min(level.height - 1, y * 2);
    const y1 = Math.min(level.height - 1, y * 2 + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.min(sw - 1, x * 2);
      const x1 = Math.min(sw - 1, x * 2 + 1);
      const a = (y0 * sw + x0) * 4, b = (y0 * sw + x1) * 4, c = (y1 * sw + x0) * 4, d = (y1 * sw + x1) * 4;
      const o = (y * w + x) * 4;
      for (let k = 0; k < 4; k++) out[o + k] = (src[a + k] + src[b + k] + src[c + k] + src[d + k] + 2) >> 2;
    }
  }
  return { width: w, height: h, data: out };
}

/** Texel index `i` of a row or column of `size` texels wrapped by `mode`. */
export function wrapIndex(i: number, size: number, mode: WrapMode): number {
  if (mode === 'clamp') return i < 0 ? 0 : i >= size ? size - 1 : i;
  if (mode === 'repeat') {
    const r = i % size;
    return r < 0 ? r + size : r;
  }
  const period = size * 2;
  let r = i % period;
  if (r < 0) r += period;
  return r < size ? r : period - 1 - r;
}

/**
 * Samples at texture coordinates (u, v) (glTF: origin top-left, v down, 1 = one texture size)
 * in mip level `lod` (log2 of texels per pixel; rounded, clamped), bilinearly. Writes RGBA
 * in 0..255 to `out`. The rasteriser's per-sample loop carries an inline copy of this
 * arithmetic (rasterizer.ts): change both together.
 */
export function sampleTexture(texture: MipTexture, u: number, v: number, lod: number, out: Float64Array): void {
  const levels = texture.levels;
  let li = lod > 0 ? Math.floor(lod + 0.5) : 0;
  if (li >= levels.length) li = levels.length - 1;
  const level = levels[li];
  const w = level.width;
  const h = level.height;
  const data = level.data;
  // Repeat wraps whole periods first so the fast path below applies to tiled textures too.
  const uu = texture.wrapS === 'repeat' ? u - Math.floor(u) : u;
  const vv = texture.wrapT === 'repeat' ? v - Math.floor(v) : v;
  const x = uu * w - 0.5;
  const y = vv * h - 0.5;
  const xf = Math.floor(x);
  const yf = Math.floor(y);
  const fx = x - xf;
  const fy = y - yf;
  let x0 = xf, x1 = xf + 1, y0 = yf, y1 = yf + 1;
  // Fast path: all four texels inside, no wrapping needed.
  if (x0 < 0 || x1 >= w) {
    x0 = wrapIndex(x0, w, texture.wrapS);
    x1 = wrapIndex(x1, w, texture.wrapS);
  }
  if (y0 < 0 || y1 >= h) {
    y0 = wrapIndex(y0, h, texture.wrapT);
    y1 = wrapIndex(y1, h, texture.wrapT);
  }
  const i00 = (y0 * w + x0) * 4, i10 = (y0 * w + x1) * 4, i01 = (y1 * w + x0) * 4, i11 = (y1 * w + x1) * 4;
  const w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
  out[0] = data[i00] * w00 + data[i10] * w10 + data[i01] * w01 + data[i11] * w11;
  out[1] = data[i00 + 1] * w00 + data[i10 + 1] * w10 + data[i01 + 1] * w01 + data[i11 + 1] * w11;
  out[2] = data[i00 + 2] * w00 + data[i10 + 2] * w10 + data[i01 + 2] * w01 + data[i11 + 2] * w11;
  out[3] = data[i00 + 3] * w00 + data[i10 + 3] * w10 + data[i01 + 3] * w01 + data[i11 + 3] * w11;
}
