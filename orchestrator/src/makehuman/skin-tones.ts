/**
 * Skin tones for skins that blend by race (`autoBlendSkin`, MakeHuman's default skin), from
 * MakeHuman's `litspheres/skinmat_<race>.png` (the images its skin blender mixes): the mean
 * colour of the pixels at the 90th percentile of brightness, i.e. lit skin without the specular
 * highlight, in linear RGB.
 */
import type { RawImage } from '../imaging/raw-image.js';
import type { RgbUnit } from '../imaging/colour.js';
import type { SkinTones } from './makehuman-assets.js';

export const SKIN_RACES = ['african', 'asian', 'caucasian'] as const;

/** Built-in tones (linear RGB) for when the litsphere images are missing. */
export const FALLBACK_SKIN_TONES: Readonly<SkinTones> = {
  african: [0.17, 0.08, 0.06],
  asian: [0.34, 0.15, 0.09],
  caucasian: [0.41, 0.19, 0.13],
};

/** sRGB 0-255 to linear 0-1. */
export function srgb255ToLinear(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** The lit skin tone of a litsphere image (see the module doc); undefined when it is all dark. */
export function litSkinTone({ width, height, channels, data }: RawImage): RgbUnit | undefined {
  const lum = new Float64Array(width * height);
  const lit: number[] = [];
  for (let i = 0; i < width * height; i++) {
    const o = i * channels;
    lum[i] = channels === 1 ? data[o] : (data[o] + data[o + 1] + data[o + 2]) / 3;
    if (lum[i] > 5) lit.push(lum[i]);
  }
  if (lit.length === 0) return undefined;
  lit.sort((a, b) => a - b);
  const level = lit[Math.floor(0.9 * (lit.length - 1))];
  const sum = [0, 0, 0];
  let count = 0;
  for (let i = 0; i < width * height; i++) {
    if (Math.abs(lum[i] - level) > 3) continue;
    const o = i * channels;
    for (let k = 0; k < 3; k++) sum[k] += channels === 1 ? data[o] : data[o + k];
    count++;
  }
  return [srgb255ToLinear(sum[0] / count), srgb255ToLinear(sum[1] / count), srgb255ToLinear(sum[2] / count)];
}
