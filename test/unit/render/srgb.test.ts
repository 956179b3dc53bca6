import { describe, expect, it } from '@jest/globals';
import { linearToSrgb8, srgb8ToLinear } from '../../../orchestrator/src/render/srgb.js';

/** IEC 61966-2-1, written out independently of the module. */
const decode = (v: number) => (v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));

describe('sRGB tables', () => {
  it('decode 8-bit sRGB to linear as the standard says', () => {
    for (const v of [0, 1, 10, 64, 128, 200, 255]) expect(srgb8ToLinear(v)).toBeCloseTo(decode(v / 255), 6);
  });

  it('round-trip every 8-bit level exactly', () => {
    for (let v = 0; v < 256; v++) expect(linearToSrgb8(srgb8ToLinear(v))).toBe(v);
  });

  it('encode mid grey (linear 0.5 -> 188) and clamp out-of-range light', () => {
    expect(linearToSrgb8(0.5)).toBe(188);
    expect(linearToSrgb8(1.7)).toBe(255);
    expect(linearToSrgb8(-0.2)).toBe(0);
  });
});
