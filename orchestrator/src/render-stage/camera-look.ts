/**
 * Camera looks: how a particular camera renders colour, applied by the orchestrator to the frames
 * any player returns (so both players get the same treatment; annotations are unchanged). Pure
 * operations on float planes, in the order light meets a camera:
 *   1. lens blur: Gaussian of `blurPx` on linear light (separable, edges clamped);
 *   2. exposure (x 2^ev) and white balance (per-channel gains, from a colour temperature or given);
 *   3. sRGB encoding (values above 1 clip, like a saturated sensor), then the extra `gamma`;
 *   4. saturation about the Rec. 601 luma;
 *   5. sensor noise: Gaussian of `noiseSigma` 8-bit levels per channel, from a seeded generator;
 *   6. rounding to 8 bits (JPEG encoding at the look's quality happens at the file edge).
 * Deterministic: the same image, look and seed give the same bytes.
 */
import type { RgbUnit } from '../imaging/colour.js';
import type { RawImage } from '../imaging/raw-image.js';
import { srgbDecode, srgbEncode } from '../render/srgb.js';
import type { CameraLook } from '../scene/scene-spec.js';
import { createRandom } from '../shared/random.js';

/** Chromaticity (CIE 1931 x, y) of a black body at `kelvin` (Kim et al. 2002 cubic fits, 1667-25000 K). */
export function planckianChromaticity(kelvin: number): [number, number] {
  const t = Math.min(25000, Math.max(1667, kelvin));
  const x = t <= 4000 ? -0.2661239e9 / t ** 3 - 0.2343589e6 / t ** 2 + 0.8776956e3 / t + 0.17991 : -3.0258469e9 / t ** 3 + 2.1070379e6 / t ** 2 + 0.2226347e3 / t + 0.24039;
  const y =
    t <= 2222
      ? -1.1063814 * x ** 3 - 1.3481102 * x ** 2 + 2.18555832 * x - 0.20219683
      : t <= 4000
        ? -0.9549476 * x ** 3 - 1.37418593 * x ** 2 + 2.09137015 * x - 0.16748867
        : 3.081758 * x ** 3 - 5.8733867 * x ** 2 + 3.75112997 * x - 0.37001483;
  return [x, y];
}

/** Linear sRGB of the chromaticity (x, y) at luminance 1. */
function xyToLinearRgb([x, y]: [number, number]): RgbUnit {
  const X = x / y, Y = 1, Z = (1 - x - y) / y;
  return [3.2406 * X - 1.5372 * Y - 0.4986 * Z, -0.9689 * X + 1.8758 * Y + 0.0415 * Z, 0.0557 * X - 0.204 * Y + 1.057 * Z];
}

/** Neutral for the white balance: a camera balanced for this temperature leaves a daylight render unchanged. */
export const NEUTRAL_KELVIN = 6504;

/**
 * The linear gains of a camera balanced for `kelvin` looking at a daylight (6504 K) scene: it
 * divides by the light it expects, so a lower temperature (tungsten) makes the image bluer, a
 * higher one warmer. Green stays 1.
 */
export function whiteBalanceGains(kelvin: number): RgbUnit {
  const expected = xyToLinearRgb(planckianChromaticity(kelvin));
  const neutral = xyToLinearRgb(planckianChromaticity(NEUTRAL_KELVIN));
  const gains = neutral.map((n, k) => n / expected[k]) as RgbUnit;
  return [gains[0] / gains[1], 1, gains[2] / gains[1]];
}

/** The 1D Gaussian kernel of `sigma` (radius ceil(3 sigma)), normalised to sum 1. */
export function gaussianKernel(sigma: number): Float32Array {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const kernel = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    kernel[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
    sum += kernel[i + radius];
  }
  for (let i = 0; i < kernel.length; i++) kernel[i] /= sum;
  return kernel;
}

/** Separable Gaussian blur of an interleaved float plane (`channels` per pixel), edges clamped; in place. */
export function blurPlane(plane: Float32Array, width: number, height: number, channels: number, sigma: number): void {
  if (sigma <= 0) return;
  const kernel = gaussianKernel(sigma);
  const radius = (kernel.length - 1) / 2;
  const tmp = new Float32Array(plane.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let acc = 0;
        for (let k = -radius; k <= radius; k++) {
          const xx = x + k < 0 ? 0 : x + k >= width ? width - 1 : x + k;
          acc += kernel[k + radius] * plane[(y * width + xx) * channels + c];
        }
        tmp[(y * width + x) * channels + c] = acc;
      }
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let acc = 0;
        for (let k = -radius; k <= radius; k++) {
          const yy = y + k < 0 ? 0 : y + k >= height ? height - 1 : y + k;
          acc += kernel[k + radius] * tmp[(yy * width + x) * channels + c];
        }
        plane[(y * width + x) * channels + c] = acc;
      }
    }
  }
}

/** Whether a look changes nothing in the pixels (only its JPEG quality may differ). */
export function isIdentityLook(look: CameraLook): boolean {
  const wb = look.whiteBalance;
  const neutralWb = wb === undefined || wb === NEUTRAL_KELVIN || (Array.isArray(wb) && wb.every((g) => g === 1));
  return neutralWb && !look.exposureEv && (look.gamma ?? 1) === 1 && (look.saturation ?? 1) === 1 && !look.noiseSigma && !look.blurPx;
}

/** Steps of the tone table over linear [0, 1]: fine enough that near-black values keep 8-bit precision. */
const LUT_SIZE = 65536;

const toneTables = new Map<number, Float32Array>();

/** Linear [0, 1] (index / LUT_SIZE) -> sRGB-encoded [0, 1] with the extra gamma (cached per gamma). */
function toneTable(gamma: number): Float32Array {
  let table = toneTables.get(gamma);
  if (!table) {
    const inverse = 1 / gamma;
    table = Float32Array.from({ length: LUT_SIZE + 1 }, (_, i) => srgbEncode(i / LUT_SIZE) ** inverse);
    if (toneTables.size > 16) toneTables.clear();
    toneTables.set(gamma, table);
  }
  return table;
}

/** Applies `look` to an RGB image (see the module comment); `seed` drives the noise. */
export function applyCameraLook(image: RawImage, look: CameraLook, seed: number): RawImage {
  if (image.channels !== 3) throw new RangeError(`camera look: expected an RGB image, got ${image.channels} channels`);
  const { width, height } = image;
  const n = width * height * 3;
  if (isIdentityLook(look)) return { width, height, channels: 3, data: image.data.slice() };
  // 1. linear light, blurred by the lens.
  const plane = new Float32Array(n);
  const decode = Float32Array.from({ length: 256 }, (_, v) => srgbDecode(v / 255));
  for (let i = 0; i < n; i++) plane[i] = decode[image.data[i]];
  if (look.blurPx) blurPlane(plane, width, height, 3, look.blurPx);
  // 2.-3. exposure and white balance in linear light, then sRGB and gamma, through a table per channel.
  const wb = look.whiteBalance;
  const gains: RgbUnit = wb === undefined ? [1, 1, 1] : typeof wb === 'number' ? whiteBalanceGains(wb) : wb;
  const exposure = 2 ** (look.exposureEv ?? 0);
  const tone = toneTable(look.gamma ?? 1);
  const scale = gains.map((g) => g * exposure * LUT_SIZE);
  for (let i = 0; i < n; i += 3) {
    for (let c = 0; c < 3; c++) {
      const x = plane[i + c] * scale[c];
      plane[i + c] = tone[x >= LUT_SIZE ? LUT_SIZE : x <= 0 ? 0 : Math.round(x)];
    }
  }
  // 4. saturation about the luma.
  const saturation = look.saturation ?? 1;
  if (saturation !== 1) {
    for (let i = 0; i < n; i += 3) {
      const luma = 0.299 * plane[i] + 0.587 * plane[i + 1] + 0.114 * plane[i + 2];
      for (let c = 0; c < 3; c++) plane[i + c] = luma + saturation * (plane[i + c] - luma);
    }
  }
  // 5.-6. sensor noise in 8-bit levels, then rounding.
  const sigma = look.noiseSigma ?? 0;
  const random = createRandom(seed);
  const data = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = plane[i] * 255 + (sigma > 0 ? random.gaussian(0, sigma) : 0);
    data[i] = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
  }
  return { width, height, channels: 3, data };
}
