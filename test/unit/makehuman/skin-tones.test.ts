import { describe, expect, it } from '@jest/globals';
import { litSkinTone, srgb255ToLinear } from '../../../orchestrator/src/makehuman/skin-tones.js';

describe('skin tones from litsphere images', () => {
  it('converts sRGB to linear with the standard transfer function', () => {
    expect(srgb255ToLinear(0)).toBe(0);
    expect(srgb255ToLinear(255)).toBeCloseTo(1, 12);
    expect(srgb255ToLinear(10)).toBeCloseTo(10 / 255 / 12.92, 12); // the linear toe
    expect(srgb255ToLinear(128)).toBeCloseTo(0.2158605, 6); // the usual value for mid grey
  });

  it('takes the mean colour of the pixels at the 90th brightness percentile, ignoring dark ones', () => {
    // grey pixels of brightness 20, 40, ..., 160, 200 and one (200, 180, 160) pixel of brightness 180, plus black;
    // lit pixels sorted: 20 ... 200 (10 of them), the 90th percentile index floor(0.9 x 9) = 8 is 180
    const pixels: number[][] = [[0, 0, 0], ...[20, 40, 60, 80, 100, 120, 140, 160, 200].map((v) => [v, v, v]), [200, 180, 160]];
    const image = { width: pixels.length, height: 1, channels: 3 as const, data: Uint8Array.from(pixels.flat()) };
    expect(litSkinTone(image)).toEqual([srgb255ToLinear(200), srgb255ToLinear(180), srgb255ToLinear(160)]);
    expect(litSkinTone({ width: 2, height: 1, channels: 3, data: new Uint8Array(6) })).toBeUndefined();
  });
});
