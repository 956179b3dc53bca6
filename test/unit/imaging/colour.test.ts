import { describe, expect, it } from '@jest/globals';
import { luma, rgbToHsv, rgbToLab } from '../../../orchestrator/src/imaging/colour.js';

describe('colour conversions', () => {
  it('converts to HSV (hue in turns)', () => {
    const out = [0, 0, 0];
    const cases: [number[], number[]][] = [
      [[255, 0, 0], [0, 1, 1]],
      [[0, 255, 0], [1 / 3, 1, 1]],
      [[0, 0, 255], [2 / 3, 1, 1]],
      [[255, 0, 255], [5 / 6, 1, 1]],
      [[128, 128, 128], [0, 0, 128 / 255]],
      [[0, 0, 0], [0, 0, 0]],
      [[255, 128, 0], [128 / 255 / 6, 1, 1]],
    ];
    for (const [rgb, hsv] of cases) {
      rgbToHsv(rgb[0], rgb[1], rgb[2], out);
      hsv.forEach((v, k) => expect(out[k]).toBeCloseTo(v, 10));
    }
  });

  it('converts to CIE Lab (D65), matching published sRGB values', () => {
    const out = [0, 0, 0];
    rgbToLab(255, 255, 255, out);
    expect(out[0]).toBeCloseTo(100, 2);
    expect(Math.abs(out[1])).toBeLessThan(0.01);
    expect(Math.abs(out[2])).toBeLessThan(0.01);
    rgbToLab(0, 0, 0, out);
    expect(out).toEqual([0, 0, 0]);
    // sRGB red: L 53.24, a 80.09, b 67.20 (e.g. Bruce Lindbloom's calculator)
    rgbToLab(255, 0, 0, out);
    expect(out[0]).toBeCloseTo(53.24, 1);
    expect(out[1]).toBeCloseTo(80.09, 1);
    expect(out[2]).toBeCloseTo(67.2, 1);
    expect(luma(255, 255, 255)).toBeCloseTo(255, 10);
  });
});
