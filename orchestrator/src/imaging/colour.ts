/**
 * The colour types, with their range in the name, and colour-space conversions for
 * hand-crafted features (the clustering descriptor, the cloning stage's cell-search feature
 * map). Conversions take 8-bit sRGB components and write plain numbers, so callers can fill
 * their own typed arrays without allocation.
 */

/** RGB on the 8-bit scale, each component 0..255 (pixels, drawing colours). */
export type Rgb8 = readonly [number, number, number];

/**
 * RGB as multipliers on the unit scale, 0 = none and 1 = full (material base colours, scene
 * and light colours); a light may exceed 1 to brighten.
 */
export type RgbUnit = [number, number, number];

/** HSV of an 8-bit RGB pixel: hue in [0, 1) (0 = red, 1/3 = green), saturation and value in [0, 1]. */
export function rgbToHsv(r: number, g: number, b: number, out: Float64Array | number[]): void {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const delta = max - min;
  let hue = 0;
  if (delta > 0) {
    if (max === r) hue = (g - b) / delta / 6;
    else if (max === g) hue = ((b - r) / delta + 2) / 6;
    else hue = ((r - g) / delta + 4) / 6;
    if (hue < 0) hue += 1;
  }
  out[0] = hue;
  out[1] = max === 0 ? 0 : delta / max;
  out[2] = max / 255;
}

/** Rec. 601 luma of an 8-bit RGB pixel, in [0, 255] (the weights convertChannels uses). */
export function luma(r: number, g: number, b: number): number {
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

const SRGB_TO_LINEAR = new Float64Array(256);
for (let v = 0; v < 256; v++) {
  const c = v / 255;
  SRGB_TO_LINEAR[v] = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function labF(t: number): number {
  return t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116;
}

/**
 * CIE L*a*b* (D65) of an 8-bit sRGB pixel: L in [0, 100], a and b roughly in [-128, 127].
 * Matches the standard formulas (as skimage.color.rgb2lab / OpenCV on float input).
 */
export function rgbToLab(r: number, g: number, b: number, out: Float64Array | number[]): void {
  const lr = SRGB_TO_LINEAR[r & 255];
  const lg = SRGB_TO_LINEAR[g & 255];
  const lb = SRGB_TO_LINEAR[b & 255];
  const x = (0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb) / 0.95047;
  const y = 0.2126729 * lr + 0.7151522 * lg + 0.072175 * lb;
  const z = (0.0193339 * lr + 0.119192 * lg + 0.9503041 * lb) / 1.08883;
  const fx = labF(x);
  const fy = labF(y);
  const fz = labF(z);
  out[0] = 116 * fy - 16;
  out[1] = 500 * (fx - fy);
  out[2] = 200 * (fy - fz);
}
