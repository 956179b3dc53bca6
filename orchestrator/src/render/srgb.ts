/**
 * sRGB <-> linear conversion tables for gamma-correct shading: textures and the output are sRGB
 * (8-bit), lighting is computed on linear values. `SRGB8_TO_LINEAR_Q` is indexed by an 8-bit
 * value times 4 (bilinear texture samples are fractional); `LINEAR_TO_SRGB8` by a linear value in
 * [0, 1] times 4095 (rounded), giving the rounded 8-bit encoding (IEC 61966-2-1).
 */

/** The sRGB transfer function: linear [0, 1] -> encoded [0, 1]. */
export function srgbEncode(linear: number): number {
  const c = linear <= 0 ? 0 : linear >= 1 ? 1 : linear;
  return c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
}

/** The inverse: encoded [0, 1] -> linear [0, 1]. */
export function srgbDecode(encoded: number): number {
  const c = encoded <= 0 ? 0 : encoded >= 1 ? 1 : encoded;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Linear value of an 8-bit sRGB level v (0..255, may be fractional) at index round(v * 4). */
export const SRGB8_TO_LINEAR_Q = Float32Array.from({ length: 1021 }, (_, i) => srgbDecode(i / 4 / 255));

export const LINEAR_LUT_SIZE = 4095;

/** Rounded 8-bit sRGB of linear i / 4095 (clamp the index to [0, 4095]). */
export const LINEAR_TO_SRGB8 = Uint8Array.from({ length: LINEAR_LUT_SIZE + 1 }, (_, i) => Math.round(255 * srgbEncode(i / LINEAR_LUT_SIZE)));

/** 8-bit sRGB of a linear value (clamped to [0, 1]). */
export function linearToSrgb8(linear: number): number {
  const i = (linear * LINEAR_LUT_SIZE + 0.5) | 0;
  return LINEAR_TO_SRGB8[i < 0 ? 0 : i > LINEAR_LUT_SIZE ? LINEAR_LUT_SIZE : i];
}

/** Linear value of an 8-bit sRGB level (0..255, fractional allowed). */
export function srgb8ToLinear(value: number): number {
  const i = (value * 4 + 0.5) | 0;
  return SRGB8_TO_LINEAR_Q[i < 0 ? 0 : i > 1020 ? 1020 : i];
}
